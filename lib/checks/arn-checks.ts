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
import { arnPartitionProblem, policyAccountProblem, type ArnField } from "../aws/arn-rules";
import { policyArns } from "../policy/policy-arns";
import type { Check } from "./check";

import { error, type FieldPath, type Finding } from "../diagnostics/problems";
import { POLICY_ARN, ROLE_ARN } from "../aws/rules";
import type { Cluster, Config } from "../schema/schema";
import { landsOn, sharedRoleClusters } from "../plan/plan";

/** A role of the file with the clusters it lands on and every ARN it names. */
interface RoleArns {
  readonly clusters: ReadonlyArray<Cluster>;
  readonly arns: ReadonlyArray<ArnField>;
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
