/**
 * Whether two clusters' resources land in one AWS account, for names that IAM keeps unique per
 * account (role names, ignoring case: IAM user guide, reference_iam-quotas, "IAM object
 * names"). `accountId` pins a cluster's account. A cluster without it may be in any account:
 * - two clusters without accountId are taken to share one, since nothing says they do not, so a
 *   clash between them is an error;
 * - a cluster without accountId and one with it may share that account, so a clash between them
 *   is a warning, whichever of the two comes first in the file.
 */
export type AccountRelation = "same" | "maybe" | "different";

export function accountRelation(a: string | undefined, b: string | undefined): AccountRelation {
  if (a === undefined && b === undefined) return "same";
  if (a === undefined || b === undefined) return "maybe";
  return a === b ? "same" : "different";
}
