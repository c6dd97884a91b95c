/**
 * Checks on clusters[].addons: that each add-on can get a role (a known add-on, or a service
 * account and policies), that its Pod Identity association clashes with no tenant's, and that
 * its role name is free in the account.
 */
import type { Check } from "./check";
import { agentAddonProblems } from "../aws/cross-field-rules";
import { compareAddonVersions, KNOWN_ADDONS, knownAddon } from "../aws/known-addons";
import { planAddon, landsOn } from "../plan/plan";
import { managedPolicyFindings } from "./managed-policies";
import { error, type Finding } from "../diagnostics/problems";
import { didYouMean } from "../diagnostics/suggest";

const KNOWN_LIST = Object.keys(KNOWN_ADDONS).join(", ");


export const addonEntries: Check = (c) =>
  c.clusters.flatMap((cluster, i) => {
    const out: Finding[] = [];
    const seen = new Map<string, number>();
    cluster.addons.forEach((addon, k) => {
      const at = (...rest: Array<string | number>) => ["clusters", i, "addons", k, ...rest];
      const first = seen.get(addon.name);
      if (first !== undefined) {
        out.push(error(at("name"), `add-on ${JSON.stringify(addon.name)} is already listed at clusters[${i}].addons[${first}]; a cluster has each add-on once`));
        return;
      }
      seen.set(addon.name, k);
      const agent = agentAddonProblems(addon.name, ["name"], `clusters[${i}].agent`);
      if (agent.length > 0) {
        out.push(...agent.map((p) => error(at(...p.path), p.message)));
        return;
      }
      const known = knownAddon(addon.name);
      if (!known) {
        const lacks = [addon.serviceAccount === undefined ? "serviceAccount" : undefined, (addon.managedPolicyArns ?? []).length === 0 ? "managedPolicyArns" : undefined].filter(
          (x): x is string => x !== undefined,
        );
        if (lacks.length > 0) {
          out.push(
            error(
              at("name"),
              `add-on ${JSON.stringify(addon.name)} is not a known add-on${didYouMean(addon.name, Object.keys(KNOWN_ADDONS))}, so it needs ${lacks.join(" and ")}; known add-ons, which need only a name: ${KNOWN_LIST}`,
            ),
          );
        }
      } else if (addon.version !== undefined && compareAddonVersions(addon.version, known.minVersion) < 0) {
        out.push(error(at("version"), `${addon.name} supports Pod Identity from ${known.minVersion}; ${JSON.stringify(addon.version)} is older`));
      }
      out.push(...managedPolicyFindings(addon.managedPolicyArns ?? [], at("managedPolicyArns"), `add-on ${JSON.stringify(addon.name)}`));
    });
    return out;
  });

/**
 * One role per service account per cluster (EKS user guide, pod-id-association: https://docs.aws.amazon.com/eks/latest/userguide/pod-id-association.html): a tenant must not claim a known add-on's
 * service account. Only known add-ons have a namespace this tool knows.
 */
export const addonServiceAccounts: Check = (c) =>
  c.clusters.flatMap((cluster) =>
    cluster.addons.flatMap((addon) => {
      const known = knownAddon(addon.name);
      if (!known) return [];
      const sa = planAddon(addon, cluster).serviceAccount;
      return c.tenants.flatMap((t, i) =>
        landsOn(t, cluster.name) && t.namespace === known.namespace && t.serviceAccount === sa
          ? [
              error(
                ["tenants", i, "serviceAccount"],
                `tenant ${JSON.stringify(t.name)} associates service account ${JSON.stringify(sa)} in namespace ${JSON.stringify(known.namespace)} on cluster ${JSON.stringify(cluster.name)}, which add-on ${JSON.stringify(addon.name)} already associates; EKS allows one role per service account`,
              ),
            ]
          : [],
      );
    }),
  );

export const ADDON_CHECKS: ReadonlyArray<Check> = [addonEntries, addonServiceAccounts];
