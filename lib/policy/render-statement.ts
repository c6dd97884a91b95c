/**
 * A plain statement as a `data.aws_iam_policy_document` statement: IAM policy variables escaped
 * for Terraform, and the partition, account and region put in, which may be Terraform references.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { terraformLiteral } from "../terraform/terraform-literal";
import { fillEnvironment, type ArnEnvironment } from "../aws/arn-environment";
import type { PolicyStatement } from "./statement";

/**
 * `${` starts a Terraform interpolation and `%{` a template directive, so IAM's own
 * `${aws:...}` is written `$${aws:...}`, and a literal `%{` is written `%%{`: the one escaping
 * function of the project (lib/terraform/terraform-literal.ts), applied once, here, to every
 * string of a statement.
 */
export const escapeForTerraform = terraformLiteral;

/**
 * The statement for `data.aws_iam_policy_document`. Escaping comes first and the environment
 * second, so that a Terraform reference in `env` stays a reference. The result must not go
 * through `Fn.*`, which escapes on its own (cdktf 0.21 tfExpression.js) and would double it.
 */
export function renderStatement(st: PolicyStatement, env: ArnEnvironment): DataAwsIamPolicyDocumentStatement {
  const out = (s: string) => fillEnvironment(escapeForTerraform(s), env);
  return {
    sid: st.sid,
    effect: st.effect,
    actions: [...st.actions],
    resources: st.resources.map(out),
    condition: st.conditions?.map((c) => ({ test: c.test, variable: out(c.variable), values: c.values.map(out) })),
  };
}
