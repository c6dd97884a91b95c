/**
 * Identity-policy statements as IAM reads them, before Terraform sees them.
 *
 * Grants and raw statements are first built in this plain form, so that size, lint and sids
 * work on the real IAM text. Only `renderStatement` turns one into a
 * `data.aws_iam_policy_document` statement: it escapes IAM policy variables for Terraform and
 * puts in the partition, account and region, which may be Terraform references.
 */
import { createHash } from "node:crypto";
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { terraformLiteral } from "../terraform/terraform-literal";

export interface PolicyCondition {
  /** The condition operator, such as `StringLike`. */
  readonly test: string;
  /** The condition key, such as `s3:prefix`. */
  readonly variable: string;
  readonly values: ReadonlyArray<string>;
}

export interface PolicyStatement {
  /** Alphanumeric; derived from the statement's content, never from its position. */
  readonly sid: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: ReadonlyArray<string>;
  readonly resources: ReadonlyArray<string>;
  readonly conditions?: ReadonlyArray<PolicyCondition>;
}

/**
 * Stand-ins for the parts of an ARN that are known only to Terraform. U+0001 cannot occur in an
 * IAM policy (it allows tab, LF, CR and U+0020-U+00FF: IAM user guide, reference_iam-quotas),
 * so a stand-in never collides with user text.
 */
export const PARTITION = "\u0001partition\u0001";
export const ACCOUNT = "\u0001account\u0001";
export const REGION = "\u0001region\u0001";

/** Where names resolve to ARNs: literal values, or Terraform references (tokens). */
export interface ArnEnvironment {
  /** `aws`, `aws-cn`, `aws-us-gov`..., usually `data.aws_partition`'s `partition`. */
  readonly partition: string;
  /** The 12-digit account of the resources named by a bare name. */
  readonly accountId: string;
  readonly region: string;
}

/**
 * The longest values the stand-ins can take, for a size that is never an underestimate:
 * `aws-us-gov` is the longest partition name, an account ID is always 12 digits.
 */
export const WORST_CASE_ENV: ArnEnvironment = { partition: "aws-us-gov", accountId: "000000000000", region: "us-gov-west-1" };

/**
 * `${` starts a Terraform interpolation and `%{` a template directive, so IAM's own
 * `${aws:...}` is written `$${aws:...}`, and a literal `%{` is written `%%{`: the one escaping
 * function of the project (lib/terraform/terraform-literal.ts), applied once, here, to every
 * string of a statement.
 */
export const escapeForTerraform = terraformLiteral;

function fill(s: string, env: ArnEnvironment): string {
  return s.split(PARTITION).join(env.partition).split(ACCOUNT).join(env.accountId).split(REGION).join(env.region);
}

/**
 * The statement for `data.aws_iam_policy_document`. Escaping comes first and the environment
 * second, so that a Terraform reference in `env` stays a reference. The result must not go
 * through `Fn.*`, which escapes on its own (cdktf 0.21 tfExpression.js) and would double it.
 */
export function renderStatement(st: PolicyStatement, env: ArnEnvironment): DataAwsIamPolicyDocumentStatement {
  const out = (s: string) => fill(escapeForTerraform(s), env);
  return {
    sid: st.sid,
    effect: st.effect,
    actions: [...st.actions],
    resources: st.resources.map(out),
    condition: st.conditions?.map((c) => ({ test: c.test, variable: out(c.variable), values: c.values.map(out) })),
  };
}

/** The policy document as IAM stores it, with `env` filled in. */
export function policyJson(statements: ReadonlyArray<PolicyStatement>, env: ArnEnvironment): string {
  const conditionBlock = (cs: ReadonlyArray<PolicyCondition>) => {
    const out: Record<string, Record<string, string[]>> = {};
    for (const c of cs) (out[c.test] ??= {})[fill(c.variable, env)] = c.values.map((v) => fill(v, env));
    return out;
  };
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: s.effect,
      Action: s.actions,
      Resource: s.resources.map((r) => fill(r, env)),
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

/** An alphanumeric digest of `content`, for sids that follow content rather than position. */
export function contentHash(content: unknown, length = 8): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, length);
}

/** JSON with object keys sorted, so that key order never changes a digest. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** `team-a` → `TeamA`: a name in a form that Sids (ASCII letters and digits) accept. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}
