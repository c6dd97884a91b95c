/**
 * The role a cluster's stacks are deployed with: `clusters[].deployRoleArn`, else the entry of
 * the cluster's `accountId` in `accounts`. Shared by the stacks (the providers), `access` and
 * the live commands, so that all three assume the same role.
 */
import type { Cluster, Config } from "../schema/schema";

export interface DeployRole {
  readonly roleArn: string;
  readonly externalId?: string;
  readonly sessionName?: string;
}

/**
 * A cluster is matched to `accounts` by its accountId only: without accountId nothing says which
 * account the cluster is in (account-checks.ts refuses a deployRoleArn without one), and the
 * role-name and role-quota checks count such clusters as one account of their own.
 */
export function deployRoleFor(config: Pick<Config, "accounts">, cluster: Cluster): DeployRole | undefined {
  const entry = cluster.accountId !== undefined && Object.hasOwn(config.accounts, cluster.accountId) ? config.accounts[cluster.accountId] : undefined;
  const roleArn = cluster.deployRoleArn ?? entry?.deployRoleArn;
  if (roleArn === undefined) return undefined;
  return {
    roleArn,
    ...(entry?.externalId !== undefined ? { externalId: entry.externalId } : {}),
    ...(entry?.sessionName !== undefined ? { sessionName: entry.sessionName } : {}),
  };
}
