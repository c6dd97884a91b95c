/**
 * The deploy roles (`accounts`, `clusters[].deployRoleArn`) against the clusters they deploy:
 * a role is in its account and in the partition of the clusters' regions, since STS hands out a
 * role of one account and partition only
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html). Registered in
 * lib/checks/check-registry.ts.
 */
import { error, warning, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { regionPartition } from "../aws/region-rules";
import { parseArn, type Arn } from "../aws/arn";
import type { Config } from "../schema/schema";

/** The schema's role-ARN rule has already made every deploy role an ARN. */
const roleOf = (arn: string): Arn => parseArn(arn)!;

/** accounts.<id>.deployRoleArn: in account <id>, and in the partition of every cluster of the account. */
function accountEntries(c: Config): Finding[] {
  const out: Finding[] = [];
  for (const [account, entry] of Object.entries(c.accounts)) {
    const path = ["accounts", account, "deployRoleArn"];
    const role = roleOf(entry.deployRoleArn);
    if (role.account !== account) {
      out.push(error(path, `deploy role ${entry.deployRoleArn} is in account ${role.account}, not ${account}; the deploy role of an account must be a role of that account`));
    }
    if (entry.externalId !== undefined) {
      // https://docs.aws.amazon.com/cli/latest/reference/eks/get-token.html has --role-arn only.
      out.push(
        warning(
          ["accounts", account, "externalId"],
          "the Kubernetes and Helm providers sign their token with aws eks get-token --role-arn, which sends no external ID; a trust policy that requires sts:ExternalId refuses them, so let the CI identity assume this role without it or drop externalId",
        ),
      );
    }
    const clusters = c.clusters.filter((x) => x.accountId === account);
    if (clusters.length === 0) {
      out.push(warning(["accounts", account], `no cluster has accountId ${JSON.stringify(account)}, so this deploy role applies to none; clusters are matched to accounts by accountId`));
    }
    for (const x of clusters) {
      if (x.deployRoleArn !== undefined) continue;
      const partition = regionPartition(x.region);
      if (role.partition !== partition) {
        out.push(error(path, `deploy role ${entry.deployRoleArn} is in partition ${role.partition}, but cluster ${JSON.stringify(x.name)} is in ${x.region}, of partition ${partition}`));
      }
    }
  }
  return out;
}

/** clusters[].deployRoleArn: needs the cluster's accountId, and is in that account and the region's partition. */
function clusterOverrides(c: Config): Finding[] {
  const out: Finding[] = [];
  c.clusters.forEach((x, i) => {
    if (x.deployRoleArn === undefined) return;
    const path = ["clusters", i, "deployRoleArn"];
    const role = roleOf(x.deployRoleArn);
    if (x.accountId === undefined) {
      // Refused rather than taking the role's account: allowed_account_ids would not pin the
      // account, and the per-account role-name and quota checks would count the cluster elsewhere.
      out.push(error(path, `cluster ${JSON.stringify(x.name)} has a deploy role but no accountId; set accountId: "${role.account}" (the role's account)`));
    } else if (role.account !== x.accountId) {
      out.push(error(path, `deploy role ${x.deployRoleArn} is in account ${role.account}, but cluster ${JSON.stringify(x.name)} is in account ${x.accountId}; a cluster's deploy role must be in its account`));
    }
    const partition = regionPartition(x.region);
    if (role.partition !== partition) {
      out.push(error(path, `deploy role ${x.deployRoleArn} is in partition ${role.partition}, but cluster ${JSON.stringify(x.name)} is in ${x.region}, of partition ${partition}`));
    }
  });
  return out;
}

export const deployRoles: Check = (c) => [...accountEntries(c), ...clusterOverrides(c)];
