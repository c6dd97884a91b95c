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

/** Who may use the role: one service account in one namespace of one cluster. */
export interface TrustScope {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The cluster's ARN, usually `data.aws_eks_cluster`'s `arn`. */
  readonly clusterArn: string;
}

/**
 * The session tags EKS sets when it assumes the role, as request tags of that AssumeRole call.
 * AWS documents StringEquals on these three to scope a role to a tenant (EKS user guide,
 * pod-id-role). A service account name is unique only in its namespace, a namespace only in
 * its cluster, so all three are needed. They exist only while session tags are enabled.
 */
export const SCOPE_CONDITION_KEYS = {
  namespace: "aws:RequestTag/kubernetes-namespace",
  serviceAccount: "aws:RequestTag/kubernetes-service-account",
  clusterArn: "aws:RequestTag/eks-cluster-arn",
} as const;

/**
 * The one statement every Pod Identity role trusts; with `scope`, only for that service
 * account. No aws:SourceArn condition: AWS does not document one for this principal, and an
 * ArnLike on the cluster ARN has been reported to break credentials (FACTS.md, trust policy).
 */
export function podIdentityTrustStatement(scope?: TrustScope, sid: string = TRUST_SID): DataAwsIamPolicyDocumentStatement {
  return {
    sid,
    effect: "Allow",
    principals: [{ type: "Service", identifiers: [POD_IDENTITY_PRINCIPAL] }],
    actions: [...TRUST_ACTIONS],
    ...(scope
      ? {
          condition: [
            { test: "StringEquals", variable: SCOPE_CONDITION_KEYS.namespace, values: [scope.namespace] },
            { test: "StringEquals", variable: SCOPE_CONDITION_KEYS.serviceAccount, values: [scope.serviceAccount] },
            { test: "StringEquals", variable: SCOPE_CONDITION_KEYS.clusterArn, values: [scope.clusterArn] },
          ],
        }
      : {}),
  };
}
