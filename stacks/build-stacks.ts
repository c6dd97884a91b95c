/** From a validated configuration to an App with one ClusterStack per cluster. */
import { App } from "cdktf";
import { ClusterStack } from "./cluster-stack";
import { planClusters } from "../lib/config/plan";
import type { Config } from "../lib/config/schema";

export function buildStacks(app: App, config: Config): ClusterStack[] {
  return planClusters(config).map(
    (plan) => new ClusterStack(app, { plan, defaultTags: config.defaults.tags, s3State: config.state?.s3 }),
  );
}
