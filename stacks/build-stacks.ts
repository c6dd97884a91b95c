/** From a validated configuration to an App with one ClusterStack per cluster. */
import { App } from "cdktf";
import { ClusterStack } from "./cluster-stack";
import { planClusters } from "../lib/config/plan";
import type { Config } from "../lib/config/schema";
import type { ExistingTenantResources } from "../lib/constructs/tenant-identity";

/** `imports`: by cluster, then tenant, what already exists (`npm run adopt`). */
export function buildStacks(app: App, config: Config, imports?: ReadonlyMap<string, ReadonlyMap<string, ExistingTenantResources>>): ClusterStack[] {
  return planClusters(config).map(
    (plan) => new ClusterStack(app, { plan, defaultTags: config.defaults.tags, s3State: config.state?.s3, imports: imports?.get(plan.cluster.name) }),
  );
}
