/**
 * The rules of an association's session policy, written once for the tenants file's checks
 * (lib/checks/session-policy-checks.ts) and the TenantIdentity construct's prop checks. Paths are
 * relative to the tenant, in the file's field names; the construct maps them to its props.
 */
import type { RuleProblem } from "./cross-field-rules";
import { SESSION_POLICY_LIMIT, SESSION_POLICY_LIMIT_SOURCE } from "./session-policy-limit";

export interface SessionPolicyFacts {
  readonly disableSessionTags: boolean;
  /** Grants plus statements. */
  readonly entries: number;
  /** The minified document's characters at most (session-policy.ts), when its grants and statements are valid. */
  readonly size?: number;
  /** The cluster the size is for, for the message. */
  readonly cluster?: string;
  /** With a shared role: its name, and the first string of its policies that reads a session tag. */
  readonly sharedRole?: { readonly name: string; readonly sessionTagRead?: string };
}

/**
 * - EKS refuses a session policy while session tags are on ("When using this policy,
 *   disableSessionTags must be set to true": EKS API reference, CreatePodIdentityAssociation,
 *   https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html).
 * - A session policy without statements allows nothing: the pod would get credentials that can
 *   do nothing (IAM user guide, access_policies, session policies).
 * - A shared role whose policies read the session tags stops matching without them.
 * - STS's 2,048 characters (session-policy-limit.ts).
 */
export function sessionPolicyProblems(f: SessionPolicyFacts): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (!f.disableSessionTags) {
    out.push({
      path: ["disableSessionTags"],
      message: "must be true with sessionPolicy: EKS accepts an association's session policy only with session tags disabled (CreatePodIdentityAssociation). Set disableSessionTags: true, or remove sessionPolicy",
    });
  }
  if (f.entries === 0) out.push({ path: ["sessionPolicy"], message: "has no grants and no statements; an empty session policy would leave the pods no permission at all. Add grants or statements, or remove sessionPolicy" });
  if (f.sharedRole?.sessionTagRead !== undefined) {
    out.push({
      path: ["sessionPolicy"],
      message: `cannot be used with shared role ${JSON.stringify(f.sharedRole.name)}: its policies read the session tags (${JSON.stringify(f.sharedRole.sessionTagRead)}), which a session policy turns off, so they would match nothing. Give this tenant a role of its own, or a shared role without \${namespace}-style placeholders`,
    });
  }
  if (f.size !== undefined && f.size > SESSION_POLICY_LIMIT) {
    const where = f.cluster !== undefined ? ` on cluster ${JSON.stringify(f.cluster)}` : "";
    out.push({
      path: ["sessionPolicy"],
      message: `would be ${f.size} characters${where}; an association's session policy is an STS inline session policy, which may be at most ${SESSION_POLICY_LIMIT} characters (${SESSION_POLICY_LIMIT_SOURCE}). Use fewer or broader grants, or move permissions into the role`,
    });
  }
  return out;
}
