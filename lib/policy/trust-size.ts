/** How long a trust policy gets, for the trust-policy quota. */
import type { Cluster } from "../config/schema";
import { WORST_CASE_ENV } from "./model";
import { POD_IDENTITY_PRINCIPAL, SCOPE_CONDITION_KEYS, TRUST_ACTIONS } from "./trust";

/** 2,048 characters by default, 4,096 after a quota raise (IAM user guide, reference_iam-quotas). */
export const TRUST_POLICY_LIMIT = { default: 2048, max: 4096 } as const;

/**
 * The minified trust policy of a shared role with these members, as IAM stores it, with the
 * longest partition and a 12-digit account in the cluster ARN. Sids are counted at their
 * longest form (`Tenant` + the name + a 6-character hash).
 */
export function trustPolicySize(members: ReadonlyArray<{ name: string; namespace: string; serviceAccount: string }>, cluster: Pick<Cluster, "name" | "region">): number {
  const clusterArn = `arn:${WORST_CASE_ENV.partition}:eks:${cluster.region}:${WORST_CASE_ENV.accountId}:cluster/${cluster.name}`;
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: members.map((m) => ({
      Sid: `Tenant${m.name}xxxxxx`,
      Effect: "Allow",
      Principal: { Service: POD_IDENTITY_PRINCIPAL },
      Action: TRUST_ACTIONS,
      Condition: { StringEquals: { [SCOPE_CONDITION_KEYS.namespace]: m.namespace, [SCOPE_CONDITION_KEYS.serviceAccount]: m.serviceAccount, [SCOPE_CONDITION_KEYS.clusterArn]: clusterArn } },
    })),
  }).length;
}
