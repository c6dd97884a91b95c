/**
 * `npm run adopt -- <cluster> [--file <tenants file>]`: records, in imports/<cluster>.json
 * beside the tenants file, what already exists for the file's tenants on that cluster: live
 * Pod Identity associations, roles and service accounts. Reads AWS and Kubernetes, never writes
 * to them. Exit 0: nothing to adopt; 1: imports recorded or findings to act on; 2: usage, file,
 * AWS or Kubernetes error (one line each). Clients are injected, so tests point real SDK
 * clients at stand-in servers.
 */
import { loadOrReport } from "./cli";
import { deployRoleFor, type DeployRole } from "../plan/deploy-role";
import type { Config } from "../schema/schema";
import { stackMoves, type StackMove } from "../plan/stack-moves";
import { describeAwsError, fetchLiveAssociations, type EksApi } from "../live/drift-aws";
import { openClusterCommand } from "./cluster-command";
import { foreignAccount } from "../live/drift-compare";
import { formatAdoption, needsServiceAccounts, ownRoleNames, planAdoption } from "../live/adopt";
import { contextMismatch, describeCluster, describeLiveError, existingRoles, type ClusterApi, type IamApi } from "../live/aws";
import { formatImportsFile, importsFilePath } from "../file/imports-file";
import type { LiveServiceAccount } from "../live/kube";
import type { NetworkLimits } from "../live/limits";
import { describeKubeError } from "../live/kube-errors";

export const ADOPT_USAGE = "usage: npm run adopt -- [tenants file] <cluster> [--file <tenants file>] [--base <older tenants file>] [--timeout <seconds>]";

export const ADOPT_HELP = [
  ADOPT_USAGE,
  "",
  "Finds the Pod Identity associations, IAM roles and service accounts that already exist for the",
  "file's tenants on the cluster, and records them in imports/<cluster>.json beside the tenants",
  "file, so that the next synth imports them instead of failing to create them. Reads only.",
  "  [tenants file], --file <f>  the tenants file (default: TENANTS_FILE, else tenants.yaml); a",
  "                         positional argument ending in .yaml, .yml or .json is the file, any other the cluster",
  "  --base <older file>    the tenants file as deployed: tenants and namespaces that moved to another",
  "                         stack since are recorded, so that synth moves them without a destroy",
  "  --timeout <seconds>    the longest one AWS or Kubernetes call may take, retries included (default 60)",
  "  -h, --help             this text",
  "Exit codes: 0 nothing to adopt; 1 imports recorded or findings to act on; 2 usage, file, AWS or Kubernetes error.",
  "",
].join("\n");

export interface KubeReader {
  readonly context: string;
  readonly server: string;
  readonly list: () => Promise<LiveServiceAccount[]>;
}

export interface LiveDeps {
  /** `role`: the cluster's deploy role, assumed before any call; without it, the ambient credentials. */
  readonly eks: (region: string, limits?: NetworkLimits, role?: DeployRole) => EksApi & ClusterApi;
  readonly stdout: (text: string) => void;
  readonly stderr: (line: string) => void;
  /** The kubeconfig's current context; throws when there is none. */
  readonly kube: (limits?: NetworkLimits) => KubeReader;
  /** @default TENANTS_FILE, else tenants.yaml */
  readonly defaultFile?: string;
}

export interface AdoptDeps extends LiveDeps {
  readonly iam: (region: string, limits?: NetworkLimits, role?: DeployRole) => IamApi;
  readonly writeFile: (path: string, text: string) => void;
}

/** The kube reader, or one line on why there is none. */
export function openKube(deps: LiveDeps, limits?: NetworkLimits): KubeReader | string {
  try {
    return deps.kube(limits);
  } catch (e) {
    return `cannot load the kubeconfig: ${String((e as Error).message ?? e).split("\n")[0]}`;
  }
}

/** The moves since the older file, or undefined after printing why it cannot be read. */
async function movesSince(base: string | undefined, config: Config, deps: AdoptDeps): Promise<StackMove[] | undefined> {
  if (base === undefined) return [];
  const older = await loadOrReport(base, deps.stderr, { warnings: false });
  return older ? stackMoves(older, config) : undefined;
}

export async function runAdopt(args: ReadonlyArray<string>, deps: AdoptDeps): Promise<number> {
  const opened = await openClusterCommand(args, deps, { usage: ADOPT_USAGE, help: ADOPT_HELP, options: { base: { type: "string", needs: "the older tenants file" } } });
  if (typeof opened === "number") return opened;
  const { file, plan, limits } = opened;
  const moves = await movesSince(opened.values.base as string | undefined, opened.config, deps);
  if (!moves) return 2;
  const { name, region } = plan.cluster;
  const role = deployRoleFor(opened.config, plan.cluster);
  const eks = deps.eks(region, limits, role);

  let associations;
  try {
    associations = await fetchLiveAssociations(eks, name);
  } catch (e) {
    deps.stderr(`error: ${describeAwsError(e, name, region)}`);
    return 2;
  }
  const foreign = foreignAccount(associations, plan.cluster.accountId);
  if (foreign) {
    deps.stderr(`error: cluster ${name} in ${region} belongs to account ${foreign}, but ${file} pins account ${plan.cluster.accountId}; use credentials for ${plan.cluster.accountId}`);
    return 2;
  }

  let roles;
  try {
    roles = await existingRoles(deps.iam(region, limits, role), ownRoleNames(plan));
  } catch (e) {
    deps.stderr(`error: ${describeLiveError(e, "reading roles with IAM GetRole", region)}`);
    return 2;
  }

  let serviceAccounts: Set<string> | undefined;
  if (needsServiceAccounts(plan)) {
    const kube = openKube(deps, limits);
    if (typeof kube === "string") {
      deps.stderr(`error: ${kube}`);
      return 2;
    }
    try {
      const mismatch = contextMismatch(kube.server, await describeCluster(eks, name), name, kube.context, role?.roleArn);
      if (mismatch) {
        deps.stderr(`error: ${mismatch}`);
        return 2;
      }
    } catch (e) {
      deps.stderr(`error: ${describeAwsError(e, name, region)}`);
      return 2;
    }
    try {
      serviceAccounts = new Set((await kube.list()).map((sa) => `${sa.namespace}/${sa.name}`));
    } catch (e) {
      deps.stderr(`error: ${describeKubeError(e, kube.server)}`);
      return 2;
    }
  }

  const adoption = planAdoption(plan, { associations, roles, serviceAccounts }, moves);
  let written: string | undefined;
  if (adoption.imports.size > 0 || adoption.namespaces.size > 0) {
    written = importsFilePath(file, name);
    deps.writeFile(written, formatImportsFile(name, adoption.imports, adoption.namespaces));
  }
  deps.stdout(formatAdoption(name, adoption, written));
  return adoption.actionNeeded ? 1 : 0;
}
