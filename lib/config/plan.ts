/** Which tenants land on which cluster, with their resolved names: the input of the stacks. */
import { roleNameFor } from "./role-name";
import type { Cluster, Config, Tenant } from "./schema";

export interface TenantPlan {
  readonly tenant: Tenant;
  /** The IAM role name, given or derived. */
  readonly roleName: string;
}

export interface ClusterPlan {
  readonly cluster: Cluster;
  readonly tenants: ReadonlyArray<TenantPlan>;
}

/** Tenants that run on `cluster`: those that list it, and those that list no cluster. */
export function tenantsOn(config: Config, cluster: string): Tenant[] {
  return config.tenants.filter((t) => t.clusters === undefined || t.clusters.includes(cluster));
}

/**
 * Tenants are planned in name order, so that the synthesized JSON does not depend on their order
 * in the file: moving a tenant within the file changes no byte of any stack.
 */
export function planClusters(config: Config): ClusterPlan[] {
  return config.clusters.map((cluster) => ({
    cluster,
    tenants: tenantsOn(config, cluster.name)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((tenant) => ({ tenant, roleName: roleNameFor(tenant, cluster.name) })),
  }));
}
