/**
 * Checks on clusters[].controllers: each controller once per cluster, its options (ARNs of the
 * right service, partition, region and account), its service account free of tenants, add-ons
 * and other controllers, and its policies within the per-role quota. The option checks are
 * also what ControllerIdentity runs on its own props.
 */
import type { ControllerConfig } from "../schema/controller-schema";
import { managedPolicyCountProblems } from "../aws/cross-field-rules";
import { knownAddon } from "../aws/known-addons";
import { planAddon, planController, landsOn } from "../plan/plan";
import { error, warning, type FieldPath, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { regionPartition as partitionOf } from "../aws/region-rules";
import { MANAGED_POLICIES_PER_ROLE } from "../aws/rules";
import { MANAGED_POLICY_LIMIT, managedPolicySize, packPolicies } from "../policy/controllers/pack";

import { controllerOptionProblems, oversizedPolicyProblem, type ControllerCluster } from "../policy/controllers/option-rules";
import type * as Registry from "../policy/controllers/registry";

/** The controllers' definitions: loaded when a file names a controller. */
const registry = (): typeof Registry => require("../policy/controllers/registry") as typeof Registry;

/** The role's customer-managed policy documents and every policy it attaches, for quota checks. */
export function controllerPolicyCount(c: ControllerConfig, cluster: ControllerCluster): { documents: number; attached: number; largest: number } {
  const ctx = { clusterName: cluster.name, region: cluster.region, partition: partitionOf(cluster.region) };
  const policy = registry().controllerPolicy(c, ctx);
  const docs = packPolicies(policy.statements, ctx);
  const largest = Math.max(0, ...docs.map((d) => managedPolicySize(d, ctx)));
  return { documents: docs.length, attached: docs.length + policy.managedPolicyArns.length, largest };
}

const entries: Check = (c) =>
  c.clusters.flatMap((cluster, i) => {
    const out: Finding[] = [];
    const seen = new Map<string, number>();
    cluster.controllers.forEach((ctl, k) => {
      const at = (...rest: FieldPath): FieldPath => ["clusters", i, "controllers", k, ...rest];
      const first = seen.get(ctl.name);
      if (first !== undefined) {
        out.push(error(at("name"), `controller ${JSON.stringify(ctl.name)} is already listed at clusters[${i}].controllers[${first}]; a cluster runs each controller once`));
        return;
      }
      seen.set(ctl.name, k);
      const problems = controllerOptionProblems(ctl, cluster);
      for (const p of problems) out.push(error(at(...p.field), p.message));
      if (problems.length > 0) return;
      const { attached, largest } = controllerPolicyCount(ctl, cluster);
      const owner = `controller ${JSON.stringify(ctl.name)}`;
      if (largest > MANAGED_POLICY_LIMIT) {
        out.push(error(at("name"), `${owner}: ${oversizedPolicyProblem(largest)}`));
      } else if (attached > MANAGED_POLICIES_PER_ROLE.max) {
        for (const p of managedPolicyCountProblems(attached, "needs")) out.push(error(at("name"), `${owner} ${p.message}. List fewer resources`));
      } else if (attached > MANAGED_POLICIES_PER_ROLE.default) {
        out.push(warning(at("name"), `${owner} needs ${attached} managed policies for its options; the default IAM quota is ${MANAGED_POLICIES_PER_ROLE.default} per role, so this needs a quota raise (up to ${MANAGED_POLICIES_PER_ROLE.max})`));
      }
    });
    return out;
  });


/**
 * EKS allows one association per service account (EKS user guide, pod-id-association): a
 * controller's must not be a tenant's, a known add-on's or another controller's.
 */
const serviceAccounts: Check = (c) =>
  c.clusters.flatMap((cluster, i) => {
    const out: Finding[] = [];
    const claimed = new Map<string, string>();
    for (const addon of cluster.addons) {
      const known = knownAddon(addon.name);
      if (known) claimed.set(`${known.namespace}/${planAddon(addon, cluster).serviceAccount}`, `add-on ${JSON.stringify(addon.name)}`);
    }
    const firstOf = new Set<string>();
    cluster.controllers.forEach((ctl, k) => {
      if (firstOf.has(ctl.name)) return;
      firstOf.add(ctl.name);
      const { namespace, serviceAccount } = planController(ctl, cluster.name);
      const key = `${namespace}/${serviceAccount}`;
      const prior = claimed.get(key);
      const owner = `controller ${JSON.stringify(ctl.name)}`;
      if (prior) {
        const field = ctl.serviceAccount !== undefined ? "serviceAccount" : "name";
        out.push(error(["clusters", i, "controllers", k, field], `${owner} associates service account ${JSON.stringify(serviceAccount)} in namespace ${JSON.stringify(namespace)} on cluster ${JSON.stringify(cluster.name)}, which ${prior} already associates; EKS allows one role per service account. Set namespace or serviceAccount to where the controller runs`));
      } else claimed.set(key, owner);
    });
    c.tenants.forEach((t, ti) => {
      if (!landsOn(t, cluster.name)) return;
      const owner = claimed.get(`${t.namespace}/${t.serviceAccount}`);
      if (owner?.startsWith("controller ")) {
        out.push(error(["tenants", ti, "serviceAccount"], `tenant ${JSON.stringify(t.name)} associates service account ${JSON.stringify(t.serviceAccount)} in namespace ${JSON.stringify(t.namespace)} on cluster ${JSON.stringify(cluster.name)}, which ${owner} already associates; EKS allows one role per service account`));
      }
    });
    return out;
  });


export const CONTROLLER_CHECKS: ReadonlyArray<Check> = [entries, serviceAccounts];
