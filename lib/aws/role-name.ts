/**
 * Default IAM role names. A tenant gets one role per cluster, and IAM role names are unique per
 * account (ignoring case), so the default name carries both the tenant and the cluster.
 */
import { createHash } from "node:crypto";
import { parseArn } from "./arn";

const MAX = 64; // IAM RoleName limit (CreateRole API).
const HASH = 8;

/**
 * `<tenant>.<cluster>`: '.' appears in neither a tenant name nor a cluster name, so distinct
 * pairs give distinct names. Past 64 characters the name is cut and a hash of the whole name
 * is appended, which keeps it deterministic and, in practice, unique; `name-and-quota-checks.ts` still
 * refuses any two roles whose names collide in one account.
 */
export function defaultRoleName(tenant: string, cluster: string): string {
  return fitRoleName(`${tenant}.${cluster}`);
}

/** `full` itself when it fits in 64 characters, else cut with a hash of the whole appended. */
function fitRoleName(full: string): string {
  if (full.length <= MAX) return full;
  const hash = createHash("sha256").update(full).digest("hex").slice(0, HASH);
  return `${full.slice(0, MAX - HASH - 1)}-${hash}`;
}

/** The role name a tenant gets on a cluster: its own, or the default. */
export function roleNameFor(tenant: { name: string; role: { name?: string | undefined } }, cluster: string): string {
  return tenant.role.name ?? defaultRoleName(tenant.name, cluster);
}

/**
 * `addon.<add-on>.<cluster>`: two dots, where a tenant's default name has one (neither tenant,
 * add-on nor cluster names contain a dot), so an add-on's role never takes a tenant's name.
 * Cut with a hash past 64 characters, like a tenant's.
 */
export function defaultAddonRoleName(addon: string, cluster: string): string {
  return fitRoleName(`addon.${addon}.${cluster}`);
}

/** The role name an add-on gets on a cluster: its own, or the default. */
export function addonRoleNameFor(addon: { name: string; role: { name?: string | undefined } }, cluster: string): string {
  return addon.role.name ?? defaultAddonRoleName(addon.name, cluster);
}

/**
 * The construct ID, and so the Terraform address, of a managed-policy attachment: the ARN's
 * account and policy path, since a policy name alone can repeat across accounts and paths.
 * Only '/' is unsafe in construct IDs.
 */
export function attachmentId(arn: string): string {
  const a = parseArn(arn);
  return `policy-${a?.account}-${(a?.resource ?? arn).replace(/^policy\//, "").replace(/\//g, ".")}`;
}

/**
 * `controller.<controller>.<cluster>`: like an add-on's, two dots and a prefix that neither a
 * tenant's default name (one dot) nor an add-on's (`addon.`) can have.
 */
export function defaultControllerRoleName(controller: string, cluster: string): string {
  return fitRoleName(`controller.${controller}.${cluster}`);
}

/** The role name a controller gets on a cluster: its own, or the default. */
export function controllerRoleNameFor(controller: { name: string; role: { name?: string | undefined } }, cluster: string): string {
  return controller.role.name ?? defaultControllerRoleName(controller.name, cluster);
}
