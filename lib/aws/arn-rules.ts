/**
 * ARN rules shared by the tenants file's checks (lib/checks/arn-checks.ts) and the constructs:
 * - every ARN carries its partition (aws, aws-cn, aws-us-gov, …), and a role in one partition
 *   cannot use a policy, boundary, role or resource of another
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html);
 * - customer-managed policies, boundaries included, attach only to roles of their own account
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html).
 */
import { parseArn, wildcardMatches } from "./arn";
import { regionPartition as partitionOf } from "./region-rules";
import type { FieldPath } from "../diagnostics/problems";

/** One ARN with where it is, and whether it is a policy (for the account rule). */
export interface ArnField {
  readonly path: FieldPath;
  readonly arn: string;
  readonly policy: boolean;
}

/** The SDK's look-up walks every partition's patterns; a file has few regions and many ARNs. */
const partitions = new Map<string, string>();
function partitionOfRegion(region: string): string {
  let p = partitions.get(region);
  if (p === undefined) partitions.set(region, (p = partitionOf(region)));
  return p;
}

/** The message when `arn` is not in `cluster`'s partition, or undefined. Shared with the constructs. */
export function arnPartitionProblem(arn: string, cluster: { name: string; region: string }): string | undefined {
  const field = parseArn(arn)?.partition ?? "";
  const partition = partitionOfRegion(cluster.region);
  if (field.includes("${") || wildcardMatches(field, partition)) return undefined;
  return `${arn} is in partition ${JSON.stringify(field)}, but cluster ${JSON.stringify(cluster.name)} is in ${cluster.region}, partition ${JSON.stringify(partition)}; a role can only use ARNs of its own partition: write arn:${partition}:…`;
}

/** The message when policy `arn` is customer-managed in another account than `cluster` pins, or undefined. */
export function policyAccountProblem(arn: string, cluster: { name: string; accountId?: string | undefined }): string | undefined {
  const account = parseArn(arn)?.account;
  if (cluster.accountId === undefined || account === "aws" || account === cluster.accountId) return undefined;
  return `${arn} is a customer-managed policy of account ${account}, but cluster ${JSON.stringify(cluster.name)} pins accountId ${cluster.accountId}; IAM attaches customer-managed policies only to roles of their own account. Use a policy of account ${cluster.accountId}, or an AWS managed policy (arn:…:iam::aws:policy/…)`;
}
