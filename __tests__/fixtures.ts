/**
 * Tenants files for tests, built from what the test is about: every cluster and tenant gets
 * working defaults, so a test spells out only the fields it exercises. Tests whose point is the
 * exact text (a problem's line and column, a comment, a quoting style) keep their file inline.
 */
import { stringify } from "yaml";

export type Fields = Record<string, unknown>;

/** A cluster: `demo` in us-east-1 unless given. */
export type ClusterFixture = Fields & { readonly name?: string; readonly region?: string };
/** A tenant: namespace and service account default to its name. */
export type TenantFixture = Fields & { readonly name: string; readonly namespace?: string; readonly serviceAccount?: string };

export interface TenantsFileFixture {
  readonly clusters?: ReadonlyArray<ClusterFixture>;
  readonly tenants?: ReadonlyArray<TenantFixture>;
  /** Any other top-level key of the file (defaults, sharedRoles, state, controllers, ...), as given. */
  readonly [key: string]: unknown;
}

export const DEFAULT_CLUSTER = { name: "demo", region: "us-east-1" } as const;

export function cluster(fields: ClusterFixture = {}): Fields {
  return { ...DEFAULT_CLUSTER, ...fields };
}

export function tenant(fields: TenantFixture): Fields {
  const { name, ...rest } = fields;
  return { name, namespace: name, serviceAccount: name, ...rest };
}

/** The file as an object, keys in the order a person writes them: clusters, the rest, tenants. */
export function tenantsObject(fixture: TenantsFileFixture = {}): Fields {
  const { clusters, tenants, ...rest } = fixture;
  return { clusters: (clusters ?? [{}]).map(cluster), ...rest, tenants: (tenants ?? []).map(tenant) };
}

/** The file as YAML text (or JSON with `format: "json"`), for load(), configOf() and synthYaml(). */
export function tenantsFile(fixture: TenantsFileFixture = {}, format: "yaml" | "json" = "yaml"): string {
  const object = tenantsObject(fixture);
  return format === "json" ? `${JSON.stringify(object, null, 2)}\n` : stringify(object);
}
