/**
 * The trust policy of a Pod Identity role.
 * EKS user guide, "Create an IAM role for Pod Identity" (pod-id-role): the principal is
 * pods.eks.amazonaws.com (plural), and EKS needs sts:TagSession as well as sts:AssumeRole
 * because it attaches session tags to every session it opens.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { terraformLiteral } from "../terraform/terraform-literal";

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
 * ArnLike on the cluster ARN has been reported to break credentials (the source ARN is reported to be the association's).
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
            { test: "StringEquals", variable: SCOPE_CONDITION_KEYS.namespace, values: [terraformLiteral(scope.namespace)] },
            { test: "StringEquals", variable: SCOPE_CONDITION_KEYS.serviceAccount, values: [terraformLiteral(scope.serviceAccount)] },
            { test: "StringEquals", variable: SCOPE_CONDITION_KEYS.clusterArn, values: [terraformLiteral(scope.clusterArn)] },
          ],
        }
      : {}),
  };
}

/** A tenant that may use a shared role: its service account in its namespace. */
export interface TrustMember {
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The member's association sets `disable_session_tags` (as it must with a session policy). @default false */
  readonly disableSessionTags?: boolean;
}

/**
 * What a trust policy can still check when EKS sets no session tags. The EKS user guide
 * documents scoping a Pod Identity role only through the request tags of those session tags
 * (pod-id-role, "Setting Conditions": https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html;
 * pod-id-abac: https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html). It documents
 * no aws:SourceArn or aws:SourceAccount for pods.eks.amazonaws.com, and an ArnLike on the
 * cluster ARN has been reported to break credentials, so none is written: a condition EKS does
 * not send would refuse every session. sts:ExternalId with the association's ID is documented
 * only for the target role of a role chain (pod-id-assign-target-role), not for the first role.
 * So without session tags the trust names only the service principal, and it allows any Pod
 * Identity association in the account that names the role, on any cluster, namespace or service
 * account. Who can create such an association is decided by eks:CreatePodIdentityAssociation
 * and iam:PassRole on the role, not by the trust. `access` shows such a trust as "for any Pod
 * Identity association that names the role", and docs/session-policies.md says the same.
 *
 * Whether any member's sessions come without session tags, which a scoped trust would refuse.
 */
export function hasUntaggedMember(members: ReadonlyArray<TrustMember>): boolean {
  return members.some((m) => m.disableSessionTags === true);
}

/** The statements of a shared role's trust, in IAM's own form (for sizing and for tests). */
export interface SharedTrustGroup {
  readonly sid: string;
  readonly serviceAccount: string;
  /** Sorted, without repeats. */
  readonly namespaces: ReadonlyArray<string>;
}

/**
 * Members grouped by service account: one statement per service account name, listing the
 * namespaces whose members use it. IAM ORs the values of one condition key, so a statement
 * allows exactly (any listed namespace, that service account, this cluster). Since all members
 * of a group share the service account, that is exactly the set of members, no more. One
 * statement per member would allow the same pairs, but the trust policy quota (2,048
 * characters, 4,096 at most) would then cap a shared role at about ten members; grouped, the
 * common ABAC layout (the same service account name in each tenant's namespace) costs a few
 * characters per member. Groups and namespaces are sorted, so file order changes nothing.
 */
export function sharedTrustGroups(members: ReadonlyArray<TrustMember>): SharedTrustGroup[] {
  const bySa = new Map<string, Set<string>>();
  for (const m of members) {
    const set = bySa.get(m.serviceAccount) ?? new Set<string>();
    set.add(m.namespace);
    bySa.set(m.serviceAccount, set);
  }
  return [...bySa.keys()].sort().map((sa) => ({ sid: serviceAccountSid(sa), serviceAccount: sa, namespaces: [...bySa.get(sa)!].sort() }));
}

/**
 * The sid of a service account's trust statement: a different sid for every name, whatever the
 * other members, since IAM refuses a policy with two statements of one sid. Sids allow only
 * [A-Za-z0-9] (IAM user guide, reference_policies_elements_sid). Names of words that start with
 * a letter ("app", "order-api") read as PascalCase ("ServiceAccountOrderApi"); undone by
 * splitting before each capital, so no two such names meet. Any other name (with a dot, a digit
 * starting a word, or "--") is spelt out instead: letters and digits as they are, '-' as 'H' and
 * '.' as 'D' ("my.app" → "ServiceAccountmyDapp"). That part starts with a small letter or a
 * digit, where PascalCase starts with a capital, so the two kinds never meet either, and within
 * each kind the encoding can be read back: no hash, so no two names can share one.
 */
export function serviceAccountSid(sa: string): string {
  const simple = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/.test(sa);
  if (simple) return `ServiceAccount${sa.split("-").map((w) => w[0]!.toUpperCase() + w.slice(1)).join("")}`;
  return `ServiceAccount${sa.replace(/-/g, "H").replace(/\./g, "D")}`;
}

/**
 * The shared role's trust statements, for `data.aws_iam_policy_document`. When a member's
 * association disables session tags (to carry a session policy), the request-tag conditions
 * would refuse its sessions, and a statement for it alone could name nothing else
 * (hasUntaggedMember); the role then has the one unscoped statement, and each member's
 * session policy does the narrowing.
 */
export function sharedTrustStatements(members: ReadonlyArray<TrustMember>, clusterArn: string): DataAwsIamPolicyDocumentStatement[] {
  if (hasUntaggedMember(members)) return [podIdentityTrustStatement()];
  return sharedTrustGroups(members).map((g) => ({
    sid: g.sid,
    effect: "Allow",
    principals: [{ type: "Service", identifiers: [POD_IDENTITY_PRINCIPAL] }],
    actions: [...TRUST_ACTIONS],
    condition: [
      { test: "StringEquals", variable: SCOPE_CONDITION_KEYS.namespace, values: g.namespaces.map((n) => terraformLiteral(n)) },
      { test: "StringEquals", variable: SCOPE_CONDITION_KEYS.serviceAccount, values: [terraformLiteral(g.serviceAccount)] },
      { test: "StringEquals", variable: SCOPE_CONDITION_KEYS.clusterArn, values: [terraformLiteral(clusterArn)] },
    ],
  }));
}

/** The sid of the IRSA statement a migrating tenant's role keeps. */
export const IRSA_TRUST_SID = "AllowIrsaWhileMigratingToPodIdentity";
export const IRSA_AUDIENCE = "sts.amazonaws.com";

/**
 * IRSA's trust, kept during a migration: the cluster's OIDC provider may assume the role with
 * web identity, for one service account only. The `:sub` and `:aud` conditions are those of the
 * EKS user guide, "Assign IAM roles to Kubernetes service accounts"
 * (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
 * `issuer` is the provider URL without https://, as in the provider's ARN.
 */
export function irsaTrustStatement(oidcProviderArn: string, issuer: string, namespace: string, serviceAccount: string): DataAwsIamPolicyDocumentStatement {
  return {
    sid: IRSA_TRUST_SID,
    effect: "Allow",
    principals: [{ type: "Federated", identifiers: [terraformLiteral(oidcProviderArn)] }],
    actions: ["sts:AssumeRoleWithWebIdentity"],
    condition: [
      { test: "StringEquals", variable: terraformLiteral(`${issuer}:sub`), values: [terraformLiteral(`system:serviceaccount:${namespace}:${serviceAccount}`)] },
      { test: "StringEquals", variable: terraformLiteral(`${issuer}:aud`), values: [IRSA_AUDIENCE] },
    ],
  };
}
