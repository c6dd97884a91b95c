/**
 * Every problem at once: when the schema refuses part of a file, the cross-field checks still
 * run on the parts that parsed. Each cluster, tenant and shared role is validated on its own;
 * the valid ones make a partial configuration, and the findings on it are mapped back to the
 * entries' places in the file.
 *
 * A check must not report what only the missing entries cause, so the partial configuration
 * also leaves out every tenant that names a cluster or shared role whose entry failed (or whose
 * whole section failed). What it can still miss is only what a missing entry hides.
 */
import { checkConfig } from "../checks/check-registry";
import { hasErrors, type Finding } from "../diagnostics/problems";
import { accountSchema, clusterSchema, defaultsSchema, sharedRoleSchema, stateSchema, tenantSchema, type Config } from "../schema/schema";
import { ACCOUNT_ID } from "../aws/rules";

const LISTS = ["clusters", "tenants", "sharedRoles"] as const;
type List = (typeof LISTS)[number];

/** For each list, the index in the file of each entry kept, by its index in the partial config. */
type Origins = Record<List, number[]>;

interface Partial {
  readonly config: Config;
  readonly origins: Origins;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The entries of a list that pass `schema` on their own, and the names of those that do not. */
function entries<T>(value: unknown, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }) {
  const kept: Array<{ item: T; index: number }> = [];
  const failedNames = new Set<string>();
  // A list that is missing is fine (its default applies); one that is not a list hides every name.
  const whole = value === undefined || Array.isArray(value);
  if (Array.isArray(value)) {
    value.forEach((raw, index) => {
      const r = schema.safeParse(raw);
      if (r.success) kept.push({ item: r.data, index });
      else if (isMapping(raw) && typeof raw.name === "string") failedNames.add(raw.name);
    });
  }
  return { kept, failedNames, whole };
}

/** The accounts entries that pass on their own; the rest are already reported by the schema. */
function accountEntries(value: unknown): Config["accounts"] {
  if (!isMapping(value)) return {};
  const kept: Config["accounts"] = {};
  for (const [account, raw] of Object.entries(value)) {
    const r = accountSchema.safeParse(raw);
    if (ACCOUNT_ID.pattern.test(account) && r.success) kept[account] = r.data;
  }
  return kept;
}

export function partialConfig(data: unknown): Partial | undefined {
  if (!isMapping(data)) return undefined;
  const clusters = entries(data.clusters, clusterSchema);
  // Without any cluster, every tenant would be "on no cluster": nothing useful to check.
  if (clusters.kept.length === 0) return undefined;
  const sharedRoles = entries(data.sharedRoles, sharedRoleSchema);
  const tenants = entries(data.tenants, tenantSchema);
  const keptTenants = tenants.kept.filter(({ item: t }) => {
    if (t.clusters !== undefined && (!clusters.whole || t.clusters.some((n) => clusters.failedNames.has(n)))) return false;
    if (t.sharedRole !== undefined && (!sharedRoles.whole || sharedRoles.failedNames.has(t.sharedRole))) return false;
    return true;
  });
  const defaults = defaultsSchema.safeParse(data.defaults ?? {});
  const state = stateSchema.safeParse(data.state);
  const config: Config = {
    clusters: clusters.kept.map((e) => e.item),
    tenants: keptTenants.map((e) => e.item),
    sharedRoles: sharedRoles.kept.map((e) => e.item),
    defaults: defaults.success ? defaults.data : { tags: {}, policyDocuments: "data-source" },
    state: state.success ? state.data : undefined,
    accounts: accountEntries(data.accounts),
    strict: false,
  };
  return {
    config,
    origins: {
      clusters: clusters.kept.map((e) => e.index),
      tenants: keptTenants.map((e) => e.index),
      sharedRoles: sharedRoles.kept.map((e) => e.index),
    },
  };
}

function remap(f: Finding, origins: Origins): Finding {
  const [list, index, ...rest] = f.path;
  const path = typeof list === "string" && (LISTS as ReadonlyArray<string>).includes(list) && typeof index === "number" ? [list, origins[list as List][index] ?? index, ...rest] : f.path;
  // Messages name other entries as `tenants[3]`; those are partial-config positions too.
  const message = f.message.replace(/\b(clusters|tenants|sharedRoles)\[(\d+)\]/g, (_m, l: List, i: string) => `${l}[${origins[l][Number(i)] ?? i}]`);
  return { ...f, path, message };
}

/**
 * The errors the cross-field checks find in the valid parts of a file the schema refused.
 * Warnings are left out: a warning about a partial file (a shared role "without members" whose
 * members failed) could be false, and the file must be fixed first anyway.
 */
export async function partialFindings(data: unknown): Promise<Finding[]> {
  const partial = partialConfig(data);
  if (!partial) return [];
  const findings = await checkConfig(partial.config);
  if (!hasErrors(findings)) return [];
  return findings.filter((f) => f.severity === "error").map((f) => remap(f, partial.origins));
}
