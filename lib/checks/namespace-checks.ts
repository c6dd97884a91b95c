/**
 * Namespaces the stack creates have an owner: everything that lives in them.
 *
 * A namespace is created when the tenants and controllers that live in it on a cluster ask for it
 * (`createNamespace`), and they must all agree. So the namespace stays while any of them stays,
 * whoever else is removed, and goes with the last of them; a change to one team never destroys
 * another team's namespace. For the same reason they must all be in one stack: the namespace
 * lives in one Terraform state, and Terraform orders (and destroys) a resource only with what is
 * in the same state. Registered in lib/checks/check-registry.ts.
 */
import { addonOwningNamespace } from "../kubernetes/addon-namespaces";
import { namespaceCreationProblem } from "../kubernetes/kubernetes-objects";
import { landsOn, planController } from "../plan/plan";
import { error, type FieldPath, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import type { Cluster, Config } from "../schema/schema";
import { groupStackName } from "../plan/stack-plan";

/** A tenant or controller that lives in a namespace of one cluster. */
export interface Dweller {
  /** `tenant "web"` or `controller "keda"`. */
  readonly label: string;
  readonly namespace: string;
  readonly createNamespace: boolean;
  readonly stack: string;
  /** Where the entry is: its createNamespace is at `[...at, "createNamespace"]`. */
  readonly at: FieldPath;
  /** A tenant's `stack` key, when it sets one. */
  readonly hasStack: boolean;
}

/**
 * Every tenant and controller of `cluster`, each in file order, controllers first: they cannot
 * leave the base stack, so a namespace they share with tenants is the base stack's.
 */
export function dwellersOn(c: Pick<Config, "tenants">, cluster: Cluster, clusterIndex: number): Dweller[] {
  const tenants = c.tenants.flatMap((t, i) =>
    landsOn(t, cluster.name)
      ? [
          {
            label: `tenant ${JSON.stringify(t.name)}`,
            namespace: t.namespace,
            createNamespace: t.createNamespace,
            // A shared role's member stays in the base stack whatever it says (stack-checks.ts).
            stack: t.stack === undefined || t.sharedRole !== undefined ? cluster.name : groupStackName(cluster.name, t.stack),
            at: ["tenants", i],
            hasStack: t.stack !== undefined && t.sharedRole === undefined,
          },
        ]
      : [],
  );
  const controllers = cluster.controllers.map((k, j) => ({
    label: `controller ${JSON.stringify(k.name)}`,
    namespace: planController(k, cluster.name).namespace,
    createNamespace: k.createNamespace,
    // Controllers live in the cluster's base stack, beside the agent (stack-plan.ts).
    stack: cluster.name,
    at: ["clusters", clusterIndex, "controllers", j],
    hasStack: false,
  }));
  return [...controllers, ...tenants];
}

function byNamespace(dwellers: ReadonlyArray<Dweller>): Map<string, Dweller[]> {
  const out = new Map<string, Dweller[]>();
  for (const d of dwellers) {
    const list = out.get(d.namespace);
    if (list) list.push(d);
    else out.set(d.namespace, [d]);
  }
  return out;
}

/** What is wrong with creating `namespace` on `cluster` for `dwellers`, each finding once. */
function namespaceProblems(namespace: string, dwellers: ReadonlyArray<Dweller>, cluster: Cluster): Finding[] {
  const creators = dwellers.filter((d) => d.createNamespace);
  const first = creators[0];
  // Built-in namespaces are refused by kubernetes-checks.ts; agreeing on them would not help.
  if (!first || namespaceCreationProblem(namespace) !== undefined) return [];
  const on = `on cluster ${JSON.stringify(cluster.name)}`;
  const owner = addonOwningNamespace(namespace, cluster.addons);
  if (owner) {
    return creators.map((d) =>
      error(
        [...d.at, "createNamespace"],
        `namespace ${JSON.stringify(namespace)} ${on} belongs to the EKS add-on ${owner.addon} of that cluster, which installs into it (${owner.source}); the stack must not create it, or destroying it would delete the add-on's pods: set createNamespace: false`,
      ),
    );
  }
  const out: Finding[] = [];
  for (const d of dwellers) {
    if (!d.createNamespace) {
      out.push(
        error(
          [...d.at, "createNamespace"],
          `${d.label} lives in namespace ${JSON.stringify(namespace)} ${on}, which ${first.label} creates (createNamespace: true), but does not set createNamespace: true itself; every tenant and controller in a namespace must agree, so that the namespace stays while any of them does and no other entry's removal destroys it: set createNamespace: true here, or remove it from ${first.label}`,
        ),
      );
    } else if (d.stack !== first.stack) {
      out.push(
        error(
          d.hasStack ? [...d.at, "stack"] : [...d.at, "namespace"],
          `namespace ${JSON.stringify(namespace)} ${on} is created in stack ${JSON.stringify(first.stack)} for ${first.label}, and ${d.label}, which also lives in it, is in stack ${JSON.stringify(d.stack)}; a namespace the file creates lives in one stack with everything in it, since Terraform orders and destroys it only with what shares its state: put them in one stack${first.label.startsWith("controller") ? ` (controllers are always in the cluster's base stack, ${JSON.stringify(first.stack)})` : ""}`,
        ),
      );
    }
  }
  return out;
}

/** Every namespace's problems on every cluster; a tenant on several clusters is told once. */
export const namespaceOwners: Check = (c) => {
  const seen = new Set<string>();
  const out: Finding[] = [];
  c.clusters.forEach((cluster, i) => {
    for (const [namespace, dwellers] of byNamespace(dwellersOn(c, cluster, i))) {
      for (const f of namespaceProblems(namespace, dwellers, cluster)) {
        const key = JSON.stringify(f.path);
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(f);
      }
    }
  });
  return out;
};

export const NAMESPACE_CHECKS: ReadonlyArray<Check> = [namespaceOwners];
