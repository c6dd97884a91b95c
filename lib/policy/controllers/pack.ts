/**
 * Customer-managed policies hold at most 6,144 characters each, white space not counted (IAM
 * user guide, reference_iam-quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html),
 * so a controller's statements are packed, in order, into as few documents as fit. A statement
 * that alone would not fit (hundreds of hosted zones, say) is split by resources first.
 */
import { policyJson, type ArnEnvironment, type PolicyStatement } from "../model";

export const MANAGED_POLICY_LIMIT = 6144;

/** The size IAM counts: the minified document, with the longest account (12 digits are all one length). */
export function managedPolicySize(statements: ReadonlyArray<PolicyStatement>, env: Omit<ArnEnvironment, "accountId">): number {
  return policyJson(statements, { ...env, accountId: "000000000000" }).length;
}

/** `st` split by resources into parts that each fit alone; a statement that fits stays whole. */
function splitStatement(st: PolicyStatement, fits: (s: PolicyStatement) => boolean): PolicyStatement[] {
  if (fits(st) || st.resources.length < 2) return [st];
  const parts: PolicyStatement[][] = [];
  const halves = (resources: ReadonlyArray<string>): void => {
    const candidate = { ...st, resources: [...resources] };
    if (fits(candidate) || resources.length < 2) parts.push([candidate]);
    else {
      const mid = Math.ceil(resources.length / 2);
      halves(resources.slice(0, mid));
      halves(resources.slice(mid));
    }
  };
  halves(st.resources);
  // Sids follow the part's place within its statement, which depends only on the resources given.
  return parts.flat().map((p, i) => ({ ...p, sid: `${st.sid}Part${i + 1}` }));
}

/**
 * The statements in documents of at most `limit` characters each. A document can still be too
 * large only when one resource alone is; the caller reports that.
 */
export function packPolicies(statements: ReadonlyArray<PolicyStatement>, env: Omit<ArnEnvironment, "accountId">, limit = MANAGED_POLICY_LIMIT): PolicyStatement[][] {
  const size = (sts: ReadonlyArray<PolicyStatement>) => managedPolicySize(sts, env);
  const docs: PolicyStatement[][] = [];
  let current: PolicyStatement[] = [];
  for (const st of statements.flatMap((s) => splitStatement(s, (x) => size([x]) <= limit))) {
    if (current.length > 0 && size([...current, st]) > limit) {
      docs.push(current);
      current = [];
    }
    current.push(st);
  }
  if (current.length > 0) docs.push(current);
  return docs;
}
