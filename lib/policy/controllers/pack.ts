/**
 * Customer-managed policies hold at most 6,144 characters each, white space not counted (IAM
 * user guide, reference_iam-quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html),
 * so a controller's statements are packed, in order, into as few documents as fit. A statement
 * that alone would not fit (hundreds of hosted zones, say) is split by resources first.
 */
import { policyJson } from "../policy-size";
import type { ArnEnvironment } from "../../aws/arn-environment";
import type { PolicyStatement } from "../statement";

export const MANAGED_POLICY_LIMIT = 6144;

/** The size IAM counts: the minified document, with the longest account (12 digits are all one length). */
export function managedPolicySize(statements: ReadonlyArray<PolicyStatement>, env: Omit<ArnEnvironment, "accountId">): number {
  return policyJson(statements, { ...env, accountId: "000000000000" }).length;
}

/**
 * `st` split by resources into as few parts as fit `limit` alone, filled in order; a statement
 * that fits stays whole. Each resource adds exactly its own JSON and a comma, so the parts are
 * sized by arithmetic rather than by rendering each candidate.
 */
function splitStatement(st: PolicyStatement, size: (sts: ReadonlyArray<PolicyStatement>) => number, limit: number): PolicyStatement[] {
  if (size([st]) <= limit || st.resources.length < 2) return [st];
  // The longest sid a part can get, so that the arithmetic never underestimates.
  const widest = { ...st, sid: `${st.sid}Part${st.resources.length}` };
  const empty = size([{ ...widest, resources: [] }]);
  const cost = (r: string) => size([{ ...widest, resources: [r] }]) - empty;
  const parts: string[][] = [];
  let current: string[] = [];
  let used = empty;
  for (const r of st.resources) {
    const add = cost(r) + (current.length > 0 ? 1 : 0);
    if (current.length > 0 && used + add > limit) {
      parts.push(current);
      current = [];
      used = empty;
    }
    used += cost(r) + (current.length > 0 ? 1 : 0);
    current.push(r);
  }
  parts.push(current);
  // Sids follow the part's place within its statement, which depends only on the resources given.
  return parts.map((resources, i) => ({ ...st, sid: `${st.sid}Part${i + 1}`, resources }));
}

/**
 * The statements in documents of at most `limit` characters each. A document can still be too
 * large only when one resource alone is; the caller reports that.
 */
export function packPolicies(statements: ReadonlyArray<PolicyStatement>, env: Omit<ArnEnvironment, "accountId">, limit = MANAGED_POLICY_LIMIT): PolicyStatement[][] {
  const size = (sts: ReadonlyArray<PolicyStatement>) => managedPolicySize(sts, env);
  const docs: PolicyStatement[][] = [];
  let current: PolicyStatement[] = [];
  for (const st of statements.flatMap((s) => splitStatement(s, size, limit))) {
    if (current.length > 0 && size([...current, st]) > limit) {
      docs.push(current);
      current = [];
    }
    current.push(st);
  }
  if (current.length > 0) docs.push(current);
  return docs;
}
