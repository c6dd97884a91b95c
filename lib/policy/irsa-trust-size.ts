/** How long a migrating tenant's trust policy gets: Pod Identity's statement and IRSA's. */
import { eksClusterArn } from "../aws/arn";
import { WORST_CASE_ENV } from "../aws/arn-environment";
import { IRSA_AUDIENCE, IRSA_TRUST_SID, POD_IDENTITY_PRINCIPAL, SCOPE_CONDITION_KEYS, TRUST_ACTIONS, TRUST_SID } from "./trust";

/**
 * The minified trust policy as IAM stores it, with the longest partition and a 12-digit account
 * in the ARNs, built from the same constants as the synthesized statements.
 */
export function irsaTrustPolicySize(
  tenant: { readonly namespace: string; readonly serviceAccount: string; readonly disableSessionTags: boolean; readonly trust: { readonly scopeToServiceAccount?: boolean } },
  cluster: { readonly name: string; readonly region: string },
  issuer: string,
): number {
  const clusterArn = eksClusterArn({ partition: WORST_CASE_ENV.partition, region: cluster.region, accountId: WORST_CASE_ENV.accountId, clusterName: cluster.name });
  const scoped = tenant.trust.scopeToServiceAccount ?? !tenant.disableSessionTags;
  const podIdentity = {
    Sid: TRUST_SID,
    Effect: "Allow",
    Principal: { Service: POD_IDENTITY_PRINCIPAL },
    Action: TRUST_ACTIONS,
    ...(scoped
      ? { Condition: { StringEquals: { [SCOPE_CONDITION_KEYS.namespace]: tenant.namespace, [SCOPE_CONDITION_KEYS.serviceAccount]: tenant.serviceAccount, [SCOPE_CONDITION_KEYS.clusterArn]: clusterArn } } }
      : {}),
  };
  const irsa = {
    Sid: IRSA_TRUST_SID,
    Effect: "Allow",
    Principal: { Federated: `arn:${WORST_CASE_ENV.partition}:iam::${WORST_CASE_ENV.accountId}:oidc-provider/${issuer}` },
    Action: "sts:AssumeRoleWithWebIdentity",
    Condition: { StringEquals: { [`${issuer}:sub`]: `system:serviceaccount:${tenant.namespace}:${tenant.serviceAccount}`, [`${issuer}:aud`]: IRSA_AUDIENCE } },
  };
  return JSON.stringify({ Version: "2012-10-17", Statement: [podIdentity, irsa] }).length;
}
