/**
 * Tenants and namespaces that change stack between an older tenants file and the current one.
 *
 * A tenant's resource addresses do not depend on its stack (stacks/tenant-identities.ts), but
 * each stack has its own state: left alone, a move plans a destroy in the old stack and a create
 * in the new one, so the role, the association and a created namespace would be destroyed and
 * made again, and pods would lose their credentials in between. What Terraform needs instead is
 * a `removed` block with `destroy = false` in the old stack and an `import` block in the new one
 * (stacks/move-blocks.ts), from the record that `npm run adopt -- <cluster> --base <older file>`
 * writes into the imports file. `npm run stacks -- --base <older file>` finds moves without one.
 */
import { planClusters, type ClusterPlan } from "./plan";
import { groupStackName } from "./stack-plan";
import type { Config } from "../schema/schema";

export interface StackMove {
  readonly kind: "tenant" | "namespace";
  /** The tenant's name, or the namespace's. */
  readonly name: string;
  readonly cluster: string;
  /** The stack it was in, and the stack it is in now. */
  readonly from: string;
  readonly to: string;
}

export interface ClusterStackMap {
  /** Tenant name → the stack it is in. */
  readonly tenants: ReadonlyMap<string, string>;
  /** Namespace → the stack that creates it (createNamespace). */
  readonly namespaces: ReadonlyMap<string, string>;
  /** Every stack of the cluster. */
  readonly stacks: ReadonlySet<string>;
}

/** Which stack of the cluster holds each tenant and creates each namespace (as stack-plan.ts places them). */
export function clusterStackMap(plan: ClusterPlan): ClusterStackMap {
  const cluster = plan.cluster.name;
  const tenants = new Map<string, string>();
  const namespaces = new Map<string, string>();
  for (const { tenant } of plan.tenants) {
    const stack = tenant.stack === undefined ? cluster : groupStackName(cluster, tenant.stack);
    tenants.set(tenant.name, stack);
    // stacks/tenant-identities.ts addNamespaces: the stack of a tenant that asks for it.
    if (tenant.createNamespace && !namespaces.has(tenant.namespace)) namespaces.set(tenant.namespace, stack);
  }
  return { tenants, namespaces, stacks: new Set([cluster, ...tenants.values()]) };
}

/** By cluster, which stack holds each tenant and creates each namespace. */
export function stackMap(config: Config): Map<string, ClusterStackMap> {
  return new Map(planClusters(config).map((p) => [p.cluster.name, clusterStackMap(p)]));
}

/** What is in another stack of the same cluster now than in the older file, clusters and names in order. */
export function stackMoves(older: Config, current: Config): StackMove[] {
  const before = stackMap(older);
  const moves: StackMove[] = [];
  for (const [cluster, now] of [...stackMap(current)].sort(([a], [b]) => a.localeCompare(b))) {
    const was = before.get(cluster);
    if (!was) continue;
    for (const kind of ["namespace", "tenant"] as const) {
      const [then, today] = kind === "tenant" ? [was.tenants, now.tenants] : [was.namespaces, now.namespaces];
      for (const [name, to] of [...today].sort(([a], [b]) => a.localeCompare(b))) {
        const from = then.get(name);
        if (from !== undefined && from !== to) moves.push({ kind, name, cluster, from, to });
      }
    }
  }
  return moves;
}
