/**
 * Everything a role's inline policy holds: its grants, its raw statements and, for
 * cross-account tenants, the permission to chain into the target role.
 */
import type { Grant, StatementConfig } from "../config/schema";
import type { PlaceholderValues } from "./abac";
import { grantStatements } from "./grants";
import type { PolicyStatement } from "./statement";
import { toPolicyStatement } from "./statements";

/** The name of the one inline policy (`aws_iam_role_policy`) a role gets. */
export const INLINE_POLICY_NAME = "least-privilege";

export const CROSS_ACCOUNT_SID = "AssumeCrossAccountTargetRole";

export interface PermissionsSpec {
  readonly grants?: ReadonlyArray<Grant>;
  readonly statements?: ReadonlyArray<StatementConfig>;
  readonly targetRoleArn?: string;
}

/**
 * With a target role, EKS assumes the association's role and then, with its credentials, the
 * target role, passing the session tags along; so this role needs sts:AssumeRole and
 * sts:TagSession on exactly that ARN (EKS user guide, pod-id-assign-target-role: https://docs.aws.amazon.com/eks/latest/userguide/pod-id-assign-target-role.html).
 */
export function crossAccountStatement(targetRoleArn: string): PolicyStatement {
  return { sid: CROSS_ACCOUNT_SID, effect: "Allow", actions: ["sts:AssumeRole", "sts:TagSession"], resources: [targetRoleArn] };
}

export function permissionStatements(spec: PermissionsSpec, values: PlaceholderValues): PolicyStatement[] {
  return [
    ...(spec.grants ?? []).flatMap((g) => grantStatements(g, values)),
    ...(spec.statements ?? []).map((s) => toPolicyStatement(s, values)),
    ...(spec.targetRoleArn ? [crossAccountStatement(spec.targetRoleArn)] : []),
  ];
}

/** Sids used more than once: IAM and aws_iam_policy_document want them unique. */
export function duplicateSids(statements: ReadonlyArray<PolicyStatement>): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const s of statements) (seen.has(s.sid) ? dup : seen).add(s.sid);
  return [...dup];
}
