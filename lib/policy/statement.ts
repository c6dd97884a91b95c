/**
 * Identity-policy statements as IAM reads them, before Terraform sees them. Grants and raw
 * statements are first built in this plain form, so that size, lint and sids work on the real
 * IAM text; only render-statement.ts turns one into a `data.aws_iam_policy_document` statement.
 */
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
