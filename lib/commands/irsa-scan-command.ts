/**
 * `npm run irsa-scan -- <cluster> [--file <tenants file>]`: prints, as YAML entries of the tenants
 * file, the cluster's IRSA service accounts that the tenants file does not cover yet. Reads the cluster
 * with EKS DescribeCluster (its OIDC issuer) and the Kubernetes API through the kubeconfig's
 * current context; writes nothing anywhere. Exit 0: nothing to migrate; 1: entries printed or
 * service accounts skipped; 2: usage, file, AWS or Kubernetes error (one line each).
 */
import { deployRoleFor } from "../plan/deploy-role";
import { describeAwsError } from "../live/drift-aws";
import { openClusterCommand } from "./cluster-command";
import { openKube, type LiveDeps } from "./adopt-command";
import { contextMismatch, describeCluster } from "../live/aws";
import { formatIrsaEntries, scanIrsa } from "../live/irsa-scan";
import { describeKubeError } from "../live/kube-errors";

export const IRSA_SCAN_USAGE = "usage: npm run irsa-scan -- [tenants file] <cluster> [--file <tenants file>] [--timeout <seconds>]";

export const IRSA_SCAN_HELP = [
  IRSA_SCAN_USAGE,
  "",
  "Lists the cluster's service accounts through the current kubeconfig context and prints, as YAML",
  "lists to add to the file's tenants: (and sharedRoles:), an entry for each one that an IRSA role",
  "annotation (eks.amazonaws.com/role-arn) links to a role and that the file does not cover yet;",
  "service accounts that share a role become members of a new shared role. Reads only.",
  "  [tenants file], --file <f>  the tenants file (default: TENANTS_FILE, else tenants.yaml); a",
  "                         positional argument ending in .yaml, .yml or .json is the file, any other the cluster",
  "  --timeout <seconds>    the longest one AWS or Kubernetes call may take, retries included (default 60)",
  "  -h, --help             this text",
  "Exit codes: 0 nothing to migrate; 1 entries printed; 2 usage, file, AWS or Kubernetes error.",
  "",
].join("\n");

export async function runIrsaScan(args: ReadonlyArray<string>, deps: LiveDeps): Promise<number> {
  const opened = await openClusterCommand(args, deps, { usage: IRSA_SCAN_USAGE, help: IRSA_SCAN_HELP });
  if (typeof opened === "number") return opened;
  const { file, config, plan, limits } = opened;
  const { name, region } = plan.cluster;
  const role = deployRoleFor(config, plan.cluster);
  let cluster;
  try {
    cluster = await describeCluster(deps.eks(region, limits, role), name);
  } catch (e) {
    deps.stderr(`error: ${describeAwsError(e, name, region)}`);
    return 2;
  }
  const account = cluster.arn?.split(":")[4];
  if (plan.cluster.accountId !== undefined && account !== undefined && account !== plan.cluster.accountId) {
    deps.stderr(`error: cluster ${name} in ${region} belongs to account ${account}, but ${file} pins account ${plan.cluster.accountId}; use credentials for ${plan.cluster.accountId}`);
    return 2;
  }
  const kube = openKube(deps, limits);
  if (typeof kube === "string") {
    deps.stderr(`error: ${kube}`);
    return 2;
  }
  const mismatch = contextMismatch(kube.server, cluster, name, kube.context, role?.roleArn);
  if (mismatch) {
    deps.stderr(`error: ${mismatch}`);
    return 2;
  }
  let accounts;
  try {
    accounts = await kube.list();
  } catch (e) {
    deps.stderr(`error: ${describeKubeError(e, kube.server)}`);
    return 2;
  }
  const scan = scanIrsa(accounts, config, plan, cluster);
  for (const s of scan.skipped) deps.stderr(`skipped: ${s}`);
  deps.stdout(formatIrsaEntries(name, scan));
  return scan.entries.length > 0 || scan.skipped.length > 0 ? 1 : 0;
}
