/**
 * The imports file, `imports/<cluster>.json` beside the tenants file: what `npm run adopt` found
 * already existing for each tenant. Synthesis reads it and emits Terraform `import` blocks, so
 * the first deploy adopts those resources instead of failing to create them. The user commits
 * it, deploys once, and deletes it: once the resources are in the state, import blocks for them
 * are no-ops.
 *
 * It is checked like the tenants file, with every problem located at its line and column: it
 * must name this cluster, tenants of the file that run on it, and the role name and service
 * account those tenants have now (a tenant changed since adopt ran would import the wrong thing).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { locator } from "../config/locate";
import { planClusters, type ClusterPlan } from "../config/plan";
import { error, sortProblems, type Finding, type Problem } from "../config/problems";
import type { Config } from "../config/schema";
import type { ExistingTenantResources } from "../constructs/tenant-identity";

/** Where the imports file of `cluster` lives, for the tenants file `tenantsFile`. */
export function importsFilePath(tenantsFile: string, cluster: string): string {
  return join(dirname(tenantsFile), "imports", `${cluster}.json`);
}

// An association ID ends up in the import ID `<cluster>,<id>`, so it must not hold a comma.
const id = z.string().regex(/^[^\s,]+$/, { error: "must be a non-empty ID without spaces or commas, as ListPodIdentityAssociations returns it" });

export const tenantImportsSchema = z.strictObject({
  associationId: id.optional(),
  roleName: z.string().min(1).optional(),
  serviceAccount: z.string().regex(/^[^/]+\/[^/]+$/, { error: "must be <namespace>/<name>" }).optional(),
});

export const importsFileSchema = z.strictObject({
  cluster: z.string(),
  tenants: z.record(z.string(), tenantImportsSchema),
});

export type ImportsFile = z.output<typeof importsFileSchema>;
export type TenantImports = z.output<typeof tenantImportsSchema>;

export interface ImportsResult {
  /** By tenant name; present only when there is no error. */
  readonly imports?: ReadonlyMap<string, ExistingTenantResources>;
  readonly problems: Problem[];
}

/** Checks the parsed imports of one cluster against the tenants file's plan for it. */
export function importsFindings(data: ImportsFile, plan: ClusterPlan): Finding[] {
  const out: Finding[] = [];
  if (data.cluster !== plan.cluster.name) out.push(error(["cluster"], `${JSON.stringify(data.cluster)} is not this file's cluster: imports/${plan.cluster.name}.json holds the imports of cluster ${JSON.stringify(plan.cluster.name)}`));
  const byName = new Map(plan.tenants.map((t) => [t.tenant.name, t]));
  for (const [name, rec] of Object.entries(data.tenants)) {
    const t = byName.get(name);
    if (!t) {
      out.push(error(["tenants", name], `tenant ${JSON.stringify(name)} is not in the tenants file on cluster ${JSON.stringify(plan.cluster.name)}; run npm run adopt -- ${plan.cluster.name} again, or remove the entry`, true));
      continue;
    }
    const { tenant, roleName } = t;
    if (rec.roleName !== undefined) {
      if (tenant.sharedRole !== undefined) out.push(error(["tenants", name, "roleName"], `tenant ${JSON.stringify(name)} uses shared role ${JSON.stringify(tenant.sharedRole)}, which is not the tenant's to import; remove roleName`));
      else if (rec.roleName !== roleName) out.push(error(["tenants", name, "roleName"], `tenant ${JSON.stringify(name)} now has role ${JSON.stringify(roleName)}, not ${JSON.stringify(rec.roleName)}; run npm run adopt -- ${plan.cluster.name} again`));
    }
    if (rec.serviceAccount !== undefined) {
      const want = `${tenant.namespace}/${tenant.serviceAccount}`;
      if (rec.serviceAccount !== want) out.push(error(["tenants", name, "serviceAccount"], `tenant ${JSON.stringify(name)} now has service account ${want}, not ${rec.serviceAccount}; run npm run adopt -- ${plan.cluster.name} again`));
      else if (!tenant.createServiceAccount) out.push(error(["tenants", name, "serviceAccount"], `tenant ${JSON.stringify(name)} has createServiceAccount: false, so there is no service account to import into; remove serviceAccount`));
    }
  }
  return out;
}

function toExisting(rec: TenantImports): ExistingTenantResources {
  return { associationId: rec.associationId, role: rec.roleName !== undefined, serviceAccount: rec.serviceAccount !== undefined };
}

/** Reads and checks the imports file of one cluster; no file means no imports. */
export function loadClusterImports(file: string, plan: ClusterPlan): ImportsResult {
  if (!existsSync(file)) return { imports: new Map(), problems: [] };
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    return { problems: [{ file, line: 1, col: 1, path: [], message: `cannot read the imports file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, severity: "error" }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const place = (f: Finding, pos: { line: number; col: number }): Problem => ({ ...f, file, ...pos });
  if (doc.errors.length > 0) return { problems: doc.errors.map((e) => place(error([], `syntax error: ${e.message.split("\n")[0]}`), lines.linePos(e.pos[0]))) };
  try {
    JSON.parse(text);
  } catch (e) {
    return { problems: [place(error([], `not valid JSON: ${(e as Error).message.split("\n")[0]}`), { line: 1, col: 1 })] };
  }
  const at = locator(doc, lines);
  const locate = (fs: Finding[]) => sortProblems(fs.map((f) => place(f, at(f.path, f.atKey))));
  const parsed = importsFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const findings = parsed.error.issues.flatMap((i) => {
      const path = i.path as Array<string | number>;
      if (i.code !== "unrecognized_keys") return [error(path, i.message)];
      const allowed = path.length === 0 ? "cluster, tenants" : "associationId, roleName, serviceAccount";
      return i.keys.map((k) => error([...path, k], `unknown key ${JSON.stringify(k)}; allowed: ${allowed}`, true));
    });
    return { problems: locate(findings) };
  }
  const problems = locate(importsFindings(parsed.data, plan));
  if (problems.length > 0) return { problems };
  return { imports: new Map(Object.entries(parsed.data.tenants).map(([name, rec]) => [name, toExisting(rec)])), problems: [] };
}

/** Every cluster's imports, or every problem of every imports file. `files`: those that import something. */
export function loadImports(tenantsFile: string, config: Config): { imports?: Map<string, ReadonlyMap<string, ExistingTenantResources>>; files: string[]; problems: Problem[] } {
  const imports = new Map<string, ReadonlyMap<string, ExistingTenantResources>>();
  const problems: Problem[] = [];
  const files: string[] = [];
  for (const plan of planClusters(config)) {
    const file = importsFilePath(tenantsFile, plan.cluster.name);
    const r = loadClusterImports(file, plan);
    problems.push(...r.problems);
    if (r.imports && r.imports.size > 0) {
      imports.set(plan.cluster.name, r.imports);
      files.push(file);
    }
  }
  return problems.length > 0 ? { files, problems } : { imports, files, problems };
}

/** The file `npm run adopt` writes: stable key order, so that a re-run changes no byte needlessly. */
export function formatImportsFile(cluster: string, tenants: ReadonlyMap<string, TenantImports>): string {
  const sorted = [...tenants.keys()].sort();
  const body: ImportsFile = { cluster, tenants: {} };
  for (const name of sorted) {
    const r = tenants.get(name)!;
    body.tenants[name] = {
      ...(r.associationId !== undefined ? { associationId: r.associationId } : {}),
      ...(r.roleName !== undefined ? { roleName: r.roleName } : {}),
      ...(r.serviceAccount !== undefined ? { serviceAccount: r.serviceAccount } : {}),
    };
  }
  return `${JSON.stringify(body, null, 2)}\n`;
}
