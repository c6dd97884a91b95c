/**
 * Rules that tie one field to another, each written once: the tenants-file checks and the
 * constructs' prop checks both call these, so a message reads the same either way. Each returns
 * its problems as {path, message}, the path relative to the owner (a tenant, an add-on, a role)
 * in the owner's own field names; the caller places it (tenants[3].… in the file, the prop in
 * TypeScript) and, in the file, names the owner before the message.
 */
import { awsManagedPolicyProblem } from "./managed-policy-names";
import type { FieldPath } from "../diagnostics/problems";
import { attachmentId } from "./role-name";
import { MANAGED_POLICIES_PER_ROLE } from "./rules";

export interface RuleProblem {
  readonly path: FieldPath;
  readonly message: string;
}

/**
 * A trust policy scoped to one service account checks the request tags EKS adds as session
 * tags, so it cannot be asked for with session tags disabled
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html,
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html).
 * `scopePath` is where the owner asks for the scope.
 */
export function scopedTrustWithoutSessionTags(scoped: boolean | undefined, disableSessionTags: boolean, scopePath: FieldPath): RuleProblem[] {
  if (scoped !== true || !disableSessionTags) return [];
  const field = String(scopePath[scopePath.length - 1]);
  return [{ path: scopePath, message: `${field} cannot be true with disableSessionTags: true; the trust policy's aws:RequestTag conditions need the session tags, so every AssumeRole would fail. Drop one of the two` }];
}

/**
 * A member of a shared role takes the role as it is: it sets none of a role's settings of its
 * own (`ownSettings`: the fields it set), and keeps the session tags when the role's policies
 * read them (`tagsNeeded`: ${namespace}-style placeholders or aws:PrincipalTag/ of an EKS tag,
 * lib/policy/session-tag-reads.ts). A role whose policies do not read them may have members
 * without session tags; its trust is then unscoped (lib/policy/trust.ts, sharedTrustStatements).
 */
export function sharedRoleMemberProblems(sharedRole: string, ownSettings: ReadonlyArray<string>, disableSessionTags: boolean, tagsNeeded = true): RuleProblem[] {
  const role = JSON.stringify(sharedRole);
  return [
    ...ownSettings.map((k) => ({
      path: [k],
      message: `uses shared role ${role}, so it cannot also set ${k}; a tenant has either its own role or a shared one. Set ${k} on the shared role, or leave out sharedRole`,
    })),
    ...(disableSessionTags && tagsNeeded ? [{ path: ["disableSessionTags"], message: `uses shared role ${role}, which needs session tags: its \${namespace}-style placeholders (or aws:PrincipalTag/ keys) read them` }] : []),
  ];
}

/**
 * The Pod Identity agent runs with the node's role, so it is never an add-on with a role of its own
 * (https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html).
 */
export const AGENT_ADDON = "eks-pod-identity-agent";

/** `setItUp` says where the agent is configured instead: clusters[0].agent in the file, PodIdentityAgent in TypeScript. */
export function agentAddonProblems(addonName: string, namePath: FieldPath, setItUp: string): RuleProblem[] {
  return addonName === AGENT_ADDON ? [{ path: namePath, message: `${JSON.stringify(AGENT_ADDON)} is the Pod Identity agent itself, which uses the node role; set it up with ${setItUp} instead` }] : [];
}

/**
 * One role's managed policies: each an AWS managed policy that exists at its path, when it is
 * one (managed-policy-names.ts), each listed once, each with a Terraform address of its own (two
 * ARNs that differ only in '.' against '/' would share one), and at most the per-role hard
 * limit (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). The
 * warning above the default quota is the file's alone: a construct has no warnings.
 */
export function managedPolicyProblems(arns: ReadonlyArray<string>): RuleProblem[] {
  const out: RuleProblem[] = [];
  const seen = new Map<string, string>();
  arns.forEach((a, k) => {
    const missing = awsManagedPolicyProblem(a);
    if (missing !== undefined) out.push({ path: [k], message: missing });
    const id = attachmentId(a);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, a);
    else out.push({ path: [k], message: a === first ? `${a} is listed twice` : `${a} would take the same Terraform address (${id}) as ${first}; attach one of them through a policy of another name` });
  });
  out.push(...managedPolicyCountProblems(arns.length, "attaches"));
  return out;
}

/**
 * A permissions boundary may be an AWS managed policy too
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html), and then
 * must exist at its path like any other (managed-policy-names.ts). `path` is the boundary field.
 */
export function permissionsBoundaryProblems(arn: string | undefined, path: FieldPath): RuleProblem[] {
  const missing = arn === undefined ? undefined : awsManagedPolicyProblem(arn);
  return missing === undefined ? [] : [{ path, message: missing }];
}

/** More managed policies than IAM allows on one role, even after a quota raise; `verb` words the count ("attaches", "needs"). */
export function managedPolicyCountProblems(n: number, verb: string): RuleProblem[] {
  return n > MANAGED_POLICIES_PER_ROLE.max ? [{ path: [], message: `${verb} ${n} managed policies; IAM allows at most ${MANAGED_POLICIES_PER_ROLE.max} per role even after a quota raise` }] : [];
}
