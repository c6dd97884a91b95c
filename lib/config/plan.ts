/** Which tenants land on which cluster, with their resolved names: the input of the stacks. */
import { roleNameFor } from "./role-name";
import type { Cluster, Config, SharedRoleConfig, Tenant } from "./schema";

export interface TenantPlan {
  readonly tenant: Tenant;
  /** The IAM role name, given or derived. */
  readonly roleName: string;
}

/** A shared role on one cluster, with the tenants of that cluster that use it. */
export interface SharedRolePlan {
  readonly sharedRole: SharedRoleConfig;
  readonly roleName: string;
  readonly members: ReadonlyArray<Tenant>;
}

export interface ClusterPlan {
  readonly cluster: Cluster;
  readonly tenants: ReadonlyArray<TenantPlan>;
  /** Only the shared roles that have a member on this cluster. */
  readonly sharedRoles: ReadonlyArray<SharedRolePlan>;
}

/** Tenants that run on `cluster`: those that list it, and those that list no cluster. */
export function tenantsOn(config: Config, cluster: string): Tenant[] {
  return config.tenants.filter((t) => t.clusters === undefined || t.clusters.includes(cluster));
}

export function planClusters(config: Config): ClusterPlan[] {
  return config.clusters.map((cluster) => ({
    cluster,
    tenants: tenantsOn(config, cluster.name).map((tenant) => ({ tenant, roleName: roleNameFor(tenant, cluster.name) })),
    sharedRoles: config.sharedRoles
      .map((sharedRole) => ({ sharedRole, roleName: roleNameFor(sharedRole, cluster.name), members: tenantsOn(config, cluster.name).filter((t) => t.sharedRole === sharedRole.name) }))
      .filter((p) => p.members.length > 0),
  }));
}
