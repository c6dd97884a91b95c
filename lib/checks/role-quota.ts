/**
 * IAM's quota of roles per account, against every role the file creates in each account: tenants'
 * own roles on each of their clusters, shared roles, add-ons' and controllers' roles. The
 * default quota is 1,000 roles per account, 5,000 at most after an increase
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). Clusters without
 * accountId count as one account, as the role-name check counts them. Registered in
 * lib/checks/check-registry.ts.
 */
import { roleClaims, type RoleClaim } from "./name-and-quota-checks";
import { error, warning, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { ROLES_PER_ACCOUNT } from "../aws/rules";
import type { Config } from "../schema/schema";

const QUOTAS_URL = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";
const KINDS = ["tenant", "shared role", "add-on", "controller"] as const;
const SHARING = "let tenants share roles (sharedRoles, with tenants[].sharedRole: one role per cluster for all of them)";

const count = (n: number): string => n.toLocaleString("en-US");

/** `1,150 tenants' roles, 50 add-ons' roles`: what the account's roles are, largest kinds first. */
function breakdown(claims: ReadonlyArray<RoleClaim>): string {
  const kinds = KINDS.map((kind) => ({ kind, n: claims.filter((x) => x.owner.startsWith(`${kind} `)).length }))
    .filter(({ n }) => n > 0)
    .sort((a, b) => b.n - a.n);
  return kinds.map(({ kind, n }) => `${count(n)} for ${kind}s`).join(", ");
}

/** The message for an account over `limit`, placed at the first role past it. */
function overQuota(account: string | undefined, claims: ReadonlyArray<RoleClaim>): Finding | undefined {
  // Before any message is built: toLocaleString's first call loads ICU data, about 25 ms of a
  // one-tenant synth.
  if (claims.length <= ROLES_PER_ACCOUNT.default) return undefined;
  const where = account !== undefined ? `account ${account}` : "the clusters without accountId (counted as one account)";
  const what = `${where} would hold ${count(claims.length)} IAM roles created by this file (${breakdown(claims)})`;
  if (claims.length > ROLES_PER_ACCOUNT.max) {
    const first = claims[ROLES_PER_ACCOUNT.max]!;
    return error(first.path, `${what}; IAM allows at most ${count(ROLES_PER_ACCOUNT.max)} roles per account even after a quota increase (${QUOTAS_URL}). Spread the clusters over more accounts, or ${SHARING}`);
  }
  if (claims.length > ROLES_PER_ACCOUNT.default) {
    const first = claims[ROLES_PER_ACCOUNT.default]!;
    return warning(
      first.path,
      `${what}, and roles the account already has count too; IAM allows ${count(ROLES_PER_ACCOUNT.default)} roles per account unless the quota is raised (at most ${count(ROLES_PER_ACCOUNT.max)}; ${QUOTAS_URL}). Request an increase before deploying, or ${SHARING}`,
    );
  }
  return undefined;
}

export const roleQuota: Check = (c: Config) => {
  const byAccount = new Map<string | undefined, RoleClaim[]>();
  for (const claim of roleClaims(c)) {
    const account = claim.cluster.accountId;
    const list = byAccount.get(account);
    if (list) list.push(claim);
    else byAccount.set(account, [claim]);
  }
  return [...byAccount].flatMap(([account, claims]) => overQuota(account, claims) ?? []);
};
