/**
 * Stack groups: which stack each tenant of a cluster lands in.
 *
 * - The base stack `<cluster>` keeps everything cluster-wide (the agent, add-ons, shared roles
 *   and whatever else belongs to the cluster as a whole) and the tenants without `stack`.
 * - A tenant with `stack: <group>` goes into `<cluster>-<group>`, on each of its clusters.
 * - A member of a shared role stays in the base stack with its role (stack-checks.ts refuses
 *   `stack` on it): the role's trust policy lists every member, so each member change edits the
 *   base stack anyway, and keeping the association beside the role avoids a lookup of the role's
 *   ARN across states.
 *
 * A group stack depends on its base stack (cdktf stack dependencies, see stacks/build-stacks.ts),
 * so `cdktf deploy '*'` applies the agent before any association of a group.
 */
import { planClusters, type ClusterPlan, type TenantPlan } from "./plan";
import type { CloudState, Cluster, Config } from "../schema/schema";

/** One group stack of one cluster. */
export interface GroupPlan {
  readonly cluster: Cluster;
  readonly group: string;
  /** `<cluster>-<group>`. */
  readonly stackName: string;
  /** In name order, like the base stack's. */
  readonly tenants: ReadonlyArray<TenantPlan>;
}

/** A cluster's base stack and its group stacks, groups in name order. */
export interface ClusterStacksPlan {
  readonly base: ClusterPlan;
  readonly groups: ReadonlyArray<GroupPlan>;
}

export function groupStackName(cluster: string, group: string): string {
  return `${cluster}-${group}`;
}

/** The HCP Terraform workspace of a stack (state.cloud): `<workspacePrefix><stack>`. */
export function workspaceName(cloud: CloudState, stack: string): string {
  return `${cloud.workspacePrefix}${stack}`;
}

export function planStacks(config: Config): ClusterStacksPlan[] {
  return planClusters(config).map((plan) => {
    const byGroup = new Map<string, TenantPlan[]>();
    for (const t of plan.tenants) {
      if (t.tenant.stack === undefined) continue;
      byGroup.set(t.tenant.stack, [...(byGroup.get(t.tenant.stack) ?? []), t]);
    }
    const groups = [...byGroup.keys()]
      .sort()
      .map((group) => ({ cluster: plan.cluster, group, stackName: groupStackName(plan.cluster.name, group), tenants: byGroup.get(group)! }));
    return { base: { ...plan, tenants: plan.tenants.filter((t) => t.tenant.stack === undefined) }, groups };
  });
}

/** Every stack name of the file, base stacks first per cluster. */
export function stackNames(config: Config): string[] {
  return planStacks(config).flatMap((p) => [p.base.cluster.name, ...p.groups.map((g) => g.stackName)]);
}
