/** Which tenants land on which cluster, with their resolved names: the input of the stacks. */
import { knownAddon, knownAddonPolicyArns } from "../aws/known-addons";
import { CONTROLLER_SERVICE_ACCOUNTS } from "../kubernetes/controller-service-accounts";
import { regionPartition as partitionOf } from "../aws/region-rules";
import { addonRoleNameFor, controllerRoleNameFor, roleNameFor } from "../aws/role-name";
import type { Addon, Cluster, Config, Controller, SharedRoleConfig, Tenant } from "../schema/schema";

export interface TenantPlan {
  readonly tenant: Tenant;
  /** The IAM role name, given or derived. */
  readonly roleName: string;
}

/** An add-on with the defaults of a known add-on filled in. */
export interface AddonPlan {
  readonly addon: Addon;
  readonly roleName: string;
  readonly serviceAccount: string;
  readonly managedPolicyArns: ReadonlyArray<string>;
}

/** A controller with its chart's namespace and service account filled in. */
export interface ControllerPlan {
  readonly controller: Controller;
  readonly roleName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
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
  readonly addons: ReadonlyArray<AddonPlan>;
  readonly controllers: ReadonlyArray<ControllerPlan>;
  /** Only the shared roles that have a member on this cluster. */
  readonly sharedRoles: ReadonlyArray<SharedRolePlan>;
}

/** Valid only after the file checks (lib/checks/check-registry.ts) have passed: an unknown add-on then has its own service account. */
export function planAddon(addon: Addon, cluster: Pick<Cluster, "name" | "region">): AddonPlan {
  const known = knownAddon(addon.name);
  return {
    addon,
    roleName: addonRoleNameFor(addon, cluster.name),
    serviceAccount: addon.serviceAccount ?? known?.serviceAccount ?? "",
    managedPolicyArns: addon.managedPolicyArns ?? (known ? knownAddonPolicyArns(known, partitionOf(cluster.region)) : []),
  };
}

export function planController(controller: Controller, cluster: string): ControllerPlan {
  const def = CONTROLLER_SERVICE_ACCOUNTS[controller.name];
  return {
    controller,
    roleName: controllerRoleNameFor(controller, cluster),
    namespace: controller.namespace ?? def.namespace,
    serviceAccount: controller.serviceAccount ?? def.serviceAccount,
  };
}

/**
 * Whether a tenant runs on `cluster`: it lists the cluster, or lists none. The one answer to
 * "which cluster" that the plan and every check use.
 */
export function landsOn(tenant: Pick<Tenant, "clusters">, cluster: string): boolean {
  return tenant.clusters === undefined || tenant.clusters.includes(cluster);
}

/** Tenants that run on `cluster`: those that list it, and those that list no cluster. */
export function tenantsOn(config: Pick<Config, "tenants">, cluster: string): Tenant[] {
  return config.tenants.filter((t) => landsOn(t, cluster));
}

/** The tenants of `cluster` that use shared role `name`: a shared role exists on a cluster only where it has one. */
export function sharedRoleMembersOn(config: Pick<Config, "tenants">, name: string, cluster: string): Tenant[] {
  return tenantsOn(config, cluster).filter((t) => t.sharedRole === name);
}

/** The clusters, in file order, that shared role `name` exists on. */
export function sharedRoleClusters<C extends { readonly name: string }>(config: Pick<Config, "tenants">, clusters: ReadonlyArray<C>, name: string): C[] {
  return clusters.filter((x) => sharedRoleMembersOn(config, name, x.name).length > 0);
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
    addons: cluster.addons.map((addon) => planAddon(addon, cluster)),
    // By name, like tenants: moving an entry within the file changes no byte.
    controllers: [...cluster.controllers].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((controller) => planController(controller, cluster.name)),
    sharedRoles: config.sharedRoles
      .map((sharedRole) => ({ sharedRole, roleName: roleNameFor(sharedRole, cluster.name), members: sharedRoleMembersOn(config, sharedRole.name, cluster.name) }))
      .filter((p) => p.members.length > 0),
  }));
}
