/** The partition, account and region a statement's ARNs resolve in, and their stand-ins until then. */
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

/** `s` with the stand-ins replaced by `env`'s values. */
export function fillEnvironment(s: string, env: ArnEnvironment): string {
  return s.split(PARTITION).join(env.partition).split(ACCOUNT).join(env.accountId).split(REGION).join(env.region);
}
