/**
 * Everything a role's inline policy holds: its grants, its raw statements and, for
 * cross-account tenants, the permission to chain into the target role.
 */
import type { Grant, StatementConfig } from "./permission-types";
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

/** Two statements of one policy with one sid, and where each comes from (`grants[0]`, `statements[2]`, `targetRoleArn`). */
export interface SidClash {
  readonly sid: string;
  readonly first: string;
  readonly second: string;
}

/**
 * The sids that `permissionStatements` would give more than one statement, each with its two
 * sources. Grant sids carry a digest of the grant and statement sids one of the statement, so
 * only a sid written by hand, or two grants whose digests meet, can clash; IAM refuses the
 * policy then (MalformedPolicyDocument), so this names both before it gets there.
 */
export function sidClashes(spec: PermissionsSpec, values: PlaceholderValues): SidClash[] {
  const sources: Array<[string, string]> = [
    ...(spec.grants ?? []).flatMap((g, k) => grantStatements(g, values).map((st): [string, string] => [st.sid, `grants[${k}]`])),
    ...(spec.statements ?? []).map((s, k): [string, string] => [toPolicyStatement(s, values).sid, `statements[${k}]`]),
    ...(spec.targetRoleArn ? [[CROSS_ACCOUNT_SID, "targetRoleArn"] as [string, string]] : []),
  ];
  const firstOf = new Map<string, string>();
  const out: SidClash[] = [];
  for (const [sid, source] of sources) {
    const first = firstOf.get(sid);
    if (first === undefined) firstOf.set(sid, source);
    // One grant makes several statements, each with its own sid; a grant never clashes with itself.
    else if (first !== source) out.push({ sid, first, second: source });
  }
  return out;
}
