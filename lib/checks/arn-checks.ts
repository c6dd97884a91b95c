/**
 * The ARNs a tenants file gives, against the clusters their roles land on:
 * - every ARN carries its partition (aws, aws-cn, aws-us-gov, …), and a role in one partition
 *   cannot use a policy, boundary, role or resource of another
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html);
 * - customer-managed policies, boundaries included, attach only to roles of their own account
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html,
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html), so with
 *   accountId pinned they must be in that account. AWS managed policies (account "aws") are
 *   in every account.
 * Tenants, shared roles, add-ons and controllers alike: a controller's permissions boundary is a
 * policy attached to its role as much as a tenant's is.
 * Registered in lib/checks/check-registry.ts.
 */
import { parseArn, wildcardMatches } from "../aws/arn";
import type { Check } from "./check";
import { error, type FieldPath, type Finding } from "../diagnostics/problems";
import { regionPartition as partitionOf } from "../aws/region-rules";
import { POLICY_ARN, ROLE_ARN } from "../aws/rules";
import type { Cluster, Config, Grant, StatementConfig } from "../schema/schema";
import { landsOn, sharedRoleClusters } from "../plan/plan";

/** One ARN of the file with where it is, and whether it is a policy (for the account rule). */
interface ArnField {
  readonly path: FieldPath;
  readonly arn: string;
  readonly policy: boolean;
}

/** A role of the file with the clusters it lands on and every ARN it names. */
interface RoleArns {
  readonly clusters: ReadonlyArray<Cluster>;
  readonly arns: ReadonlyArray<ArnField>;
}


/** Grants' and statements' ARNs, which only IAM reads (so no account rule). Shared with the constructs. */
export function policyArns(path: FieldPath, grants: ReadonlyArray<Grant>, statements: ReadonlyArray<StatementConfig>): ArnField[] {
  const out: ArnField[] = [];
  grants.forEach((g, k) => {
    for (const [kind, fields] of Object.entries(g)) {
      for (const [field, value] of Object.entries((fields ?? {}) as Record<string, unknown>)) {
        if (typeof value === "string" && value.startsWith("arn:")) out.push({ path: [...path, "grants", k, kind, field], arn: value, policy: false });
      }
    }
  });
  statements.forEach((s, k) => s.resources.forEach((r, n) => r.startsWith("arn:") && out.push({ path: [...path, "statements", k, "resources", n], arn: r, policy: false })));
  return out;
}

function roleArns(path: FieldPath, role: { permissionsBoundaryArn?: string | undefined }, managed: ReadonlyArray<string> | undefined): ArnField[] {
  const out: ArnField[] = [];
  // ARNs that break their format have an error of their own; checking them again would echo it.
  managed?.forEach((a, k) => POLICY_ARN.pattern.test(a) && out.push({ path: [...path, "managedPolicyArns", k], arn: a, policy: true }));
  const b = role.permissionsBoundaryArn;
  if (b !== undefined && POLICY_ARN.pattern.test(b)) out.push({ path: [...path, "role", "permissionsBoundaryArn"], arn: b, policy: true });
  return out;
}

function roles(c: Config): RoleArns[] {
  const out: RoleArns[] = [];
  c.tenants.forEach((t, i) => {
    const path = ["tenants", i];
    const arns = t.sharedRole !== undefined ? [] : [...roleArns(path, t.role, t.managedPolicyArns), ...policyArns(path, t.grants, t.statements)];
    if (t.sessionPolicy !== undefined) arns.push(...policyArns([...path, "sessionPolicy"], t.sessionPolicy.grants, t.sessionPolicy.statements));
    if (t.targetRoleArn !== undefined && ROLE_ARN.pattern.test(t.targetRoleArn)) arns.push({ path: [...path, "targetRoleArn"], arn: t.targetRoleArn, policy: false });
    out.push({ clusters: c.clusters.filter((x) => landsOn(t, x.name)), arns });
  });
  c.sharedRoles.forEach((r, j) => {
    const path = ["sharedRoles", j];
    const clusters = sharedRoleClusters(c, c.clusters, r.name);
    out.push({ clusters, arns: [...roleArns(path, r.role, r.managedPolicyArns), ...policyArns(path, r.grants, r.statements)] });
  });
  c.clusters.forEach((cluster, i) => {
    cluster.addons.forEach((a, k) => out.push({ clusters: [cluster], arns: roleArns(["clusters", i, "addons", k], a.role, a.managedPolicyArns) }));
    // A controller's options are checked with its kinds (controller-checks.ts); its role's boundary here, as any role's.
    cluster.controllers.forEach((ctl, k) => out.push({ clusters: [cluster], arns: roleArns(["clusters", i, "controllers", k], ctl.role, undefined) }));
  });
  return out;
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

/** Each ARN once: against the first cluster it does not fit. */
const arnsFitTheirClusters: Check = (c) => {
  const out: Finding[] = [];
  for (const role of roles(c)) {
    for (const f of role.arns) {
      const partition = role.clusters.map((x) => arnPartitionProblem(f.arn, x)).find((m) => m !== undefined);
      if (partition) {
        out.push(error(f.path, partition));
        continue;
      }
      const account = f.policy ? role.clusters.map((x) => policyAccountProblem(f.arn, x)).find((m) => m !== undefined) : undefined;
      if (account) out.push(error(f.path, account));
    }
  }
  return out;
};

export const ARN_CHECKS: ReadonlyArray<Check> = [arnsFitTheirClusters];
