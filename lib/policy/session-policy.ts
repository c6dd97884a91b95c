/**
 * An association's session policy (the `policy` of aws_eks_pod_identity_association): the
 * statements of `sessionPolicy.grants` and `.statements`, built exactly as a tenant's own
 * inline policy is (permissions.ts), written as one minified JSON document.
 *
 * EKS hands it to STS as an inline session policy: the pod's credentials then allow only what
 * both the role's policies and this document allow (EKS API reference,
 * CreatePodIdentityAssociation, `policy`: https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html;
 * IAM user guide, policy evaluation with session policies:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session).
 * Minified, because STS counts every character of it, white space included, against 2,048
 * (lib/aws/session-policy-limit.ts).
 */
import type { Grant, StatementConfig } from "./permission-types";
import type { PlaceholderValues } from "./abac";
import type { ArnEnvironment } from "../aws/arn-environment";
import { permissionStatements } from "./permissions";
import { policyJson, policySize } from "./policy-size";
import type { PolicyStatement } from "./statement";
import { terraformLiteral } from "../terraform/terraform-literal";

/** The session policy's statements in IAM's plain form, placeholders filled with the tenant's own values. */
export function sessionPolicyStatements(policy: { readonly grants: ReadonlyArray<Grant>; readonly statements: ReadonlyArray<StatementConfig> }, values: PlaceholderValues): PolicyStatement[] {
  return permissionStatements({ grants: policy.grants, statements: policy.statements }, values);
}

/**
 * The document as the association's `policy` argument: Terraform template text, IAM policy
 * variables escaped (`$${aws:...}`) and the partition, account and region filled from `env`,
 * which may be Terraform references. Terraform undoes the escapes, so EKS receives plain JSON.
 */
export function sessionPolicyArgument(statements: ReadonlyArray<PolicyStatement>, env: ArnEnvironment): string {
  // JSON.stringify leaves `$`, `%` and `{` as they are, so escaping the whole text escapes each
  // string of it once; the references in `env` (CDKTF tokens) are left as references.
  return terraformLiteral(policyJson(statements, env));
}

/** The characters STS counts, at most: the minified document with the longest partition and a 12-digit account. */
export function sessionPolicySize(statements: ReadonlyArray<PolicyStatement>, region?: string): number {
  return policySize(statements, region);
}
