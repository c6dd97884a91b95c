/** A policy document as IAM stores it, and the size IAM counts against its quotas. */
import { fillEnvironment, WORST_CASE_ENV, type ArnEnvironment } from "../aws/arn-environment";
import type { PolicyCondition, PolicyStatement } from "./statement";
import { ownEntry, setOwn } from "../diagnostics/own-keys";

/** The policy document as IAM stores it, with `env` filled in. */
export function policyJson(statements: ReadonlyArray<PolicyStatement>, env: ArnEnvironment): string {
  const conditionBlock = (cs: ReadonlyArray<PolicyCondition>) => {
    const out: Record<string, Record<string, string[]>> = {};
    // Operators and keys come from the file: `constructor` must not find Object.prototype's.
    for (const c of cs) setOwn(ownEntry(out, c.test, () => ({})), fillEnvironment(c.variable, env), c.values.map((v) => fillEnvironment(v, env)));
    return out;
  };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: s.effect,
      Action: s.actions,
      Resource: s.resources.map((r) => fillEnvironment(r, env)),
      ...(s.conditions && s.conditions.length > 0 ? { Condition: conditionBlock(s.conditions) } : {}),
    })),
  });
}

/**
 * Inline policies of one role: 10,240 characters in total, white space not counted; one
 * customer-managed policy: 6,144 (IAM user guide, reference_iam-quotas).
 */
export const INLINE_POLICY_LIMIT = 10240;

/**
 * The size IAM counts, at most: the minified document with the longest partition and account.
 * White space inside strings is counted too, which can only overestimate.
 */
export function policySize(statements: ReadonlyArray<PolicyStatement>, region?: string): number {
  return policyJson(statements, { ...WORST_CASE_ENV, region: region ?? WORST_CASE_ENV.region }).length;
}
