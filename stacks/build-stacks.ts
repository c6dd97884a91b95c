/**
 * From a validated configuration to an App with one ClusterStack per cluster, and one GroupStack
 * per stack group of each cluster (tenants[].stack).
 */
import type { App } from "cdktf";
import { ClusterStack } from "./cluster-stack";
import { GroupStack } from "./group-stack";
import { planStacks } from "../lib/config/stack-plan";
import type { Config } from "../lib/config/schema";
import type { ExistingTenantResources } from "../lib/constructs/tenant-identity";

/** `imports`: by cluster, then tenant, what already exists (`npm run adopt`). */
export function buildStacks(app: App, config: Config, imports?: ReadonlyMap<string, ReadonlyMap<string, ExistingTenantResources>>): Array<ClusterStack | GroupStack> {
  const state = { s3: config.state?.s3, cloud: config.state?.cloud };
  return planStacks(config).flatMap(({ base, groups }) => {
    const existing = imports?.get(base.cluster.name);
    const cluster = new ClusterStack(app, { plan: base, defaultTags: config.defaults.tags, policyDocuments: config.defaults.policyDocuments, state, imports: existing });
    return [
      cluster,
      ...groups.map((plan) => {
        const stack = new GroupStack(app, { plan, defaultTags: config.defaults.tags, policyDocuments: config.defaults.policyDocuments, state, imports: existing });
        // The order `cdktf deploy '*'` applies stacks in (the manifest's dependencies): the base
        // stack, with the Pod Identity agent, before any association of the group.
        stack.addDependency(cluster);
        return stack;
      }),
    ];
  });
}
