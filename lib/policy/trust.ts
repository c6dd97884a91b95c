/**
 * The trust policy of a Pod Identity role.
 * EKS user guide, "Create an IAM role for Pod Identity" (pod-id-role): the principal is
 * pods.eks.amazonaws.com (plural), and EKS needs sts:TagSession as well as sts:AssumeRole
 * because it attaches session tags to every session it opens.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

export const POD_IDENTITY_PRINCIPAL = "pods.eks.amazonaws.com";
export const TRUST_SID = "AllowEksAuthToAssumeRoleForPodIdentity";
export const TRUST_ACTIONS: ReadonlyArray<string> = ["sts:AssumeRole", "sts:TagSession"];

/** The one statement every Pod Identity role trusts. */
export function podIdentityTrustStatement(): DataAwsIamPolicyDocumentStatement {
  return {
    sid: TRUST_SID,
    effect: "Allow",
    principals: [{ type: "Service", identifiers: [POD_IDENTITY_PRINCIPAL] }],
    actions: [...TRUST_ACTIONS],
  };
}
