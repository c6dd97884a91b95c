/** How long a trust policy gets, for the trust-policy quota. */
import { eksClusterArn } from "../aws/arn";
import { WORST_CASE_ENV } from "../aws/arn-environment";
import { hasUntaggedMember, POD_IDENTITY_PRINCIPAL, SCOPE_CONDITION_KEYS, sharedTrustGroups, TRUST_ACTIONS, TRUST_SID, type TrustMember } from "./trust";

/** 2,048 characters by default, 4,096 after a quota raise (IAM user guide, reference_iam-quotas). */
export const TRUST_POLICY_LIMIT = { default: 2048, max: 4096 } as const;

/**
 * The minified trust policy of a shared role with these members, as IAM stores it, with the
 * longest partition and a 12-digit account in the cluster ARN. It is built from the same
 * grouping as the synthesized policy (`sharedTrustGroups`), so the two cannot disagree.
 */
export function trustPolicySize(members: ReadonlyArray<TrustMember>, cluster: { readonly name: string; readonly region: string }): number {
  if (hasUntaggedMember(members)) return JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: TRUST_SID, Effect: "Allow", Principal: { Service: POD_IDENTITY_PRINCIPAL }, Action: TRUST_ACTIONS }] }).length;
  const clusterArn = eksClusterArn({ partition: WORST_CASE_ENV.partition, region: cluster.region, accountId: WORST_CASE_ENV.accountId, clusterName: cluster.name });
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: sharedTrustGroups(members).map((g) => ({
      Sid: g.sid,
      Effect: "Allow",
      Principal: { Service: POD_IDENTITY_PRINCIPAL },
      Action: TRUST_ACTIONS,
      Condition: { StringEquals: { [SCOPE_CONDITION_KEYS.namespace]: g.namespaces, [SCOPE_CONDITION_KEYS.serviceAccount]: g.serviceAccount, [SCOPE_CONDITION_KEYS.clusterArn]: clusterArn } },
    })),
  }).length;
}
