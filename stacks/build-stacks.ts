/**
 * From a validated configuration to an App with one ClusterStack per cluster, and one GroupStack
 * per stack group of each cluster (tenants[].stack).
 */
import type { App } from "cdktf";
import { ClusterStack } from "./cluster-stack";
import { GroupStack } from "./group-stack";
import { planStacks } from "../lib/plan/stack-plan";
import type { Config } from "../lib/schema/schema";
import { deployRoleFor } from "../lib/plan/deploy-role";
import type { ExistingTenantResources } from "../lib/constructs/tenant-identity";
import type { ClusterMoves } from "../lib/file/imports-file";
import type * as MoveBlocks from "./move-blocks";

/**
 * `imports`: by cluster, then tenant, what already exists (`npm run adopt`). `moves`: by cluster,
 * what moved from another stack of it (the imports file's movedFrom; move-blocks.ts).
 */
export function buildStacks(
  app: App,
  config: Config,
  imports?: ReadonlyMap<string, ReadonlyMap<string, ExistingTenantResources>>,
  moves?: ReadonlyMap<string, ClusterMoves>,
): Array<ClusterStack | GroupStack> {
  const state = { s3: config.state?.s3, cloud: config.state?.cloud };
  return planStacks(config).flatMap(({ base, groups }) => {
    const existing = imports?.get(base.cluster.name);
    const deployRole = deployRoleFor(config, base.cluster);
    const { tags: defaultTags, policyDocuments } = config.defaults;
    const cluster = new ClusterStack(app, { plan: base, defaultTags, policyDocuments, state, imports: existing, deployRole });
    const stacks = [
      cluster,
      ...groups.map((plan) => {
        const stack = new GroupStack(app, { plan, defaultTags, policyDocuments, state, imports: existing, deployRole });
        // The order `cdktf deploy '*'` applies stacks in (the manifest's dependencies): the base
        // stack, with the Pod Identity agent, before any association of the group.
        stack.addDependency(cluster);
        return stack;
      }),
    ];
    const moved = moves?.get(base.cluster.name);
    // move-blocks.ts loads only for a file with recorded moves.
    if (moved) (require("./move-blocks") as typeof MoveBlocks).applyStackMoves(base.cluster.name, new Map(stacks.map((s) => [s.node.id, { stack: s, tenants: s.tenants }])), moved, existing);
    return stacks;
  });
}
