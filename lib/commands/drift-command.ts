/**
 * `npm run drift -- <cluster> [--file <tenants file>]`: compares a cluster's live Pod Identity
 * associations with the tenants file. Exit 0 when they agree, 1 on drift, 2 on a usage, file or
 * AWS error (one line each, no stack trace). The AWS client is injected for tests.
 */
import type { ClusterPlan } from "../plan/plan";
import { deployRoleFor, type DeployRole } from "../plan/deploy-role";
import type { Config } from "../schema/schema";
import { describeAwsError, fetchLiveAssociations, type EksApi } from "../live/drift-aws";
import { openClusterCommand } from "./cluster-command";
import type { NetworkLimits } from "../live/limits";
import { compareAssociations, foreignAccount, formatReport, wantedAssociations } from "../live/drift-compare";

export const DRIFT_USAGE = "usage: npm run drift -- [tenants file] <cluster> [--file <tenants file>] [--timeout <seconds>]";

export const DRIFT_HELP = [
  DRIFT_USAGE,
  "",
  "Compares the cluster's live EKS Pod Identity associations with the tenants file; read-only.",
  "  [tenants file], --file <f>  the tenants file (default: TENANTS_FILE, else tenants.yaml); a",
  "                         positional argument ending in .yaml, .yml or .json is the file, any other the cluster",
  "  --timeout <seconds>    the longest one AWS or Kubernetes call may take, retries included (default 60)",
  "  -h, --help             this text",
  "The file's warnings are not repeated here (npm run validate shows them).",
  "Exit codes: 0 no drift; 1 drift; 2 usage, file or AWS error.",
  "",
].join("\n");

export interface DriftDeps {
  /** `role`: the cluster's deploy role, assumed before any call; without it, the ambient credentials. */
  readonly client: (region: string, limits?: NetworkLimits, role?: DeployRole) => EksApi;
  readonly stdout: (text: string) => void;
  readonly stderr: (line: string) => void;
  /** @default TENANTS_FILE, else tenants.yaml */
  readonly defaultFile?: string;
  /**
   * The Terraform address of each association in the cluster's stack, for import hints: bin/drift.ts
   * passes stacks/association-addresses.ts, which builds the stack as synth does.
   */
  readonly addresses: (config: Config, plan: ClusterPlan) => ReadonlyMap<string, string>;
}


export async function runDrift(args: ReadonlyArray<string>, deps: DriftDeps): Promise<number> {
  const opened = await openClusterCommand(args, deps, { usage: DRIFT_USAGE, help: DRIFT_HELP, warnings: false });
  if (typeof opened === "number") return opened;
  const { file, config, plan, limits } = opened;
  const { name, region } = plan.cluster;
  let live;
  try {
    live = await fetchLiveAssociations(deps.client(region, limits, deployRoleFor(config, plan.cluster)), name);
  } catch (e) {
    deps.stderr(`error: ${describeAwsError(e, name, region)}`);
    return 2;
  }
  const foreign = foreignAccount(live, plan.cluster.accountId);
  if (foreign) {
    deps.stderr(`error: cluster ${name} in ${region} belongs to account ${foreign}, but ${file} pins account ${plan.cluster.accountId}; use credentials for ${plan.cluster.accountId}`);
    return 2;
  }
  const report = compareAssociations(name, wantedAssociations(plan, deps.addresses(config, plan)), live);
  deps.stdout(formatReport(report));
  return report.drift ? 1 : 0;
}
