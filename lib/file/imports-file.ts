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
 *
 * An association's ID says nothing about whose it is, and importing an ID into a tenant makes the
 * deploy rebind that association to the tenant's role. An ID of another workload's association,
 * stale or claimed by two tenants, would take credentials away from pods that never were a
 * tenant's. So each association entry records what the live association was (namespace, service
 * account, role ARN), and it is checked against the tenant offline; an ID is claimed once.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { locator } from "./locate";
import { planClusters, type ClusterPlan, type TenantPlan } from "../plan/plan";
import { error, hasErrors, sortProblems, warning, type FieldPath, type Finding, type Problem } from "../diagnostics/problems";
import { clusterStackMap, type ClusterStackMap } from "../plan/stack-moves";
import { parseRoleArn } from "../aws/arn";
import type { Config } from "../schema/schema";
import type { ExistingTenantResources } from "../constructs/tenant-identity";

/** Where the imports file of `cluster` lives, for the tenants file `tenantsFile`. */
export function importsFilePath(tenantsFile: string, cluster: string): string {
  return join(dirname(tenantsFile), "imports", `${cluster}.json`);
}

// An association ID ends up in the import ID `<cluster>,<id>`, so it must not hold a comma.
const id = z.string().regex(/^[^\s,]+$/, { error: "must be a non-empty ID without spaces or commas, as ListPodIdentityAssociations returns it" });

/** What the live association was when adopt read it (EKS DescribePodIdentityAssociation). */
export const associationImportSchema = z.strictObject({
  id,
  namespace: z.string().min(1),
  serviceAccount: z.string().min(1),
  roleArn: z.string().regex(/^arn:[^:]+:iam::\d{12}:role\/(.+\/)?[^/]+$/, { error: "must be the IAM role ARN the live association binds, as DescribePodIdentityAssociation returns it" }),
});

const stack = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "must be a stack name of this cluster: <cluster> or <cluster>-<group>" });

export const tenantImportsSchema = z.strictObject({
  /** The stack the tenant was in: its resources are forgotten there and imported into its stack now. */
  movedFrom: stack.optional(),
  association: associationImportSchema.optional(),
  roleName: z.string().min(1).optional(),
  serviceAccount: z.string().regex(/^[^/]+\/[^/]+$/, { error: "must be <namespace>/<name>" }).optional(),
});

const ENTRY_KEYS = "movedFrom, association, roleName, serviceAccount";
const ASSOCIATION_KEYS = "id, namespace, serviceAccount, roleArn";

export const importsFileSchema = z.strictObject({
  cluster: z.string(),
  tenants: z.record(z.string(), tenantImportsSchema),
  /** Namespaces (createNamespace) that another stack of the cluster created before. */
  namespaces: z.record(z.string(), z.strictObject({ movedFrom: stack })).optional(),
});

export type ImportsFile = z.output<typeof importsFileSchema>;
export type TenantImports = z.output<typeof tenantImportsSchema>;
export type AssociationImport = z.output<typeof associationImportSchema>;

/** What moved into another stack of one cluster, with the stack it was in (stacks/move-blocks.ts). */
export interface ClusterMoves {
  /** Tenant name → the stack it was in. */
  readonly tenants: ReadonlyMap<string, string>;
  /** Namespace → the stack that created it before. */
  readonly namespaces: ReadonlyMap<string, string>;
}

export interface ImportsResult {
  /** By tenant name; present only when there is no error. */
  readonly imports?: ReadonlyMap<string, ExistingTenantResources>;
  /** Present only when there is no error. */
  readonly moves?: ClusterMoves;
  readonly problems: Problem[];
}

/** Checks the parsed imports of one cluster against the tenants file's plan for it. */
export function importsFindings(data: ImportsFile, plan: ClusterPlan): Finding[] {
  const out: Finding[] = [];
  const cluster = plan.cluster.name;
  if (data.cluster !== cluster) out.push(error(["cluster"], `${JSON.stringify(data.cluster)} is not this file's cluster: imports/${cluster}.json holds the imports of cluster ${JSON.stringify(cluster)}`));
  const byName = new Map(plan.tenants.map((t) => [t.tenant.name, t]));
  const stacks = clusterStackMap(plan);
  const claims = new Map<string, string>();
  for (const [name, rec] of Object.entries(data.tenants)) {
    if (rec.association) {
      const first = claims.get(rec.association.id);
      if (first === undefined) claims.set(rec.association.id, name);
      else out.push(error(["tenants", name, "association", "id"], `association ${rec.association.id} is claimed by tenants ${JSON.stringify(first)} and ${JSON.stringify(name)}; an association binds one service account, so at most one tenant imports it: run npm run adopt -- ${cluster} again`));
    }
    const t = byName.get(name);
    if (!t) {
      out.push(error(["tenants", name], `tenant ${JSON.stringify(name)} is not in the tenants file on cluster ${JSON.stringify(cluster)}; run npm run adopt -- ${cluster} again, or remove the entry`, true));
      continue;
    }
    out.push(...roleImportFindings(name, rec, t, cluster), ...serviceAccountImportFindings(name, rec, t, cluster));
    if (rec.association) out.push(...associationImportFindings(name, rec.association, t, plan));
    if (rec.movedFrom !== undefined) out.push(...tenantMoveFindings(name, rec, stacks, cluster));
  }
  for (const [ns, { movedFrom }] of Object.entries(data.namespaces ?? {})) {
    const at = ["namespaces", ns, "movedFrom"];
    const to = stacks.namespaces.get(ns);
    if (to === undefined) out.push(error(["namespaces", ns], `namespace ${JSON.stringify(ns)} is created by no stack of cluster ${JSON.stringify(cluster)} now (no tenant on it sets createNamespace), so there is nothing to move; remove the entry`, true));
    else out.push(...movedFromFindings(at, `namespace ${JSON.stringify(ns)}`, movedFrom, to, stacks, cluster));
  }
  return out;
}

const RERUN = "run npm run adopt -- <cluster> --base <older tenants file>";

/** `movedFrom` names another stack of this cluster; one that is no longer synthesized has nothing to forget. */
function movedFromFindings(at: FieldPath, what: string, from: string, to: string, stacks: ClusterStackMap, cluster: string): Finding[] {
  const rerun = RERUN.replace("<cluster>", cluster);
  if (from === to) return [error(at, `${what} is in stack ${JSON.stringify(to)} now, and movedFrom must name the stack it was in before; ${rerun}, or remove movedFrom`)];
  if (from !== cluster && !from.startsWith(`${cluster}-`)) return [error(at, `${JSON.stringify(from)} is not a stack of cluster ${JSON.stringify(cluster)}: its stacks are ${JSON.stringify(cluster)} and ${JSON.stringify(`${cluster}-<group>`)}`)];
  if (!stacks.stacks.has(from)) return [warning(at, `stack ${JSON.stringify(from)} is no longer synthesized, so nothing in it is destroyed, and ${what} is only imported into ${JSON.stringify(to)}; its old state still lists the resources: delete that state once the deploy has imported them`)];
  return [];
}

function tenantMoveFindings(name: string, rec: TenantImports, stacks: ClusterStackMap, cluster: string): Finding[] {
  const to = stacks.tenants.get(name)!;
  const at = ["tenants", name, "movedFrom"];
  const found = movedFromFindings(at, `tenant ${JSON.stringify(name)}`, rec.movedFrom!, to, stacks, cluster);
  if (rec.association === undefined && rec.movedFrom !== to) {
    found.push(error(at, `tenant ${JSON.stringify(name)} moves from stack ${JSON.stringify(rec.movedFrom)} to ${JSON.stringify(to)}, where its association is imported by its ID, which this entry does not record; ${RERUN.replace("<cluster>", cluster)}`));
  }
  return found;
}

function roleImportFindings(name: string, rec: TenantImports, { tenant, roleName }: TenantPlan, cluster: string): Finding[] {
  if (rec.roleName === undefined) return [];
  if (tenant.sharedRole !== undefined) return [error(["tenants", name, "roleName"], `tenant ${JSON.stringify(name)} uses shared role ${JSON.stringify(tenant.sharedRole)}, which is not the tenant's to import; remove roleName`)];
  if (rec.roleName !== roleName) return [error(["tenants", name, "roleName"], `tenant ${JSON.stringify(name)} now has role ${JSON.stringify(roleName)}, not ${JSON.stringify(rec.roleName)}; run npm run adopt -- ${cluster} again`)];
  return [];
}

function serviceAccountImportFindings(name: string, rec: TenantImports, { tenant }: TenantPlan, cluster: string): Finding[] {
  if (rec.serviceAccount === undefined) return [];
  const want = `${tenant.namespace}/${tenant.serviceAccount}`;
  if (rec.serviceAccount !== want) return [error(["tenants", name, "serviceAccount"], `tenant ${JSON.stringify(name)} now has service account ${want}, not ${rec.serviceAccount}; run npm run adopt -- ${cluster} again`)];
  if (!tenant.createServiceAccount) return [error(["tenants", name, "serviceAccount"], `tenant ${JSON.stringify(name)} has createServiceAccount: false, so there is no service account to import into; remove serviceAccount`)];
  return [];
}

/** The role the tenant's association binds after the deploy: its own, or its shared role. */
function tenantRole({ tenant, roleName }: TenantPlan, plan: ClusterPlan): { name: string; path: string } {
  if (tenant.sharedRole === undefined) return { name: roleName, path: tenant.role.path };
  const shared = plan.sharedRoles.find((r) => r.sharedRole.name === tenant.sharedRole);
  return shared ? { name: shared.roleName, path: shared.sharedRole.role.path } : { name: roleName, path: tenant.role.path };
}

/**
 * The live association must be of the tenant's own service account: the import would otherwise
 * rebind another workload's association. Its role may differ: role_arn is updated in place
 * (UpdatePodIdentityAssociation; the provider does not replace the association for it), which
 * is the point of adopting a hand-made association, so that is a warning for the reviewer, not an
 * error, and strict does not change that: there is nothing in the file to fix.
 */
function associationImportFindings(name: string, a: AssociationImport, t: TenantPlan, plan: ClusterPlan): Finding[] {
  const cluster = plan.cluster.name;
  const want = `${t.tenant.namespace}/${t.tenant.serviceAccount}`;
  const was = `${a.namespace}/${a.serviceAccount}`;
  if (was !== want) {
    const field = a.namespace !== t.tenant.namespace ? "namespace" : "serviceAccount";
    return [error(["tenants", name, "association", field], `association ${a.id} is of service account ${was}, not tenant ${JSON.stringify(name)}'s ${want}: importing it would rebind another workload's association to this tenant's role, and its pods would lose their credentials; run npm run adopt -- ${cluster} again`)];
  }
  const live = parseRoleArn(a.roleArn);
  const role = tenantRole(t, plan);
  const account = plan.cluster.accountId;
  if (live && live.name === role.name && live.path === role.path && (account === undefined || live.account === account)) return [];
  return [warning(["tenants", name, "association", "roleArn"], `association ${a.id} of ${want} binds ${a.roleArn} now; the first deploy sets it to the tenant's role ${role.name} in place (role_arn is updated, the association is kept), so pods of ${want} then get that role's permissions`)];
}

function toExisting(rec: TenantImports): ExistingTenantResources {
  return { associationId: rec.association?.id, role: rec.roleName !== undefined, serviceAccount: rec.serviceAccount !== undefined };
}

/**
 * The form before association entries recorded their service account: `associationId` alone
 * cannot be checked offline (only EKS knows whose it is, and synth reads no network), so it is
 * refused, and adopt, which reads EKS, writes the checkable form in its place.
 */
function olderForm(cluster: string): string {
  return `is the older form, which records no namespace, service account or role for the association, so nothing shows whose association it is; run npm run adopt -- ${cluster} again: it writes association: { ${ASSOCIATION_KEYS} } instead`;
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
      const allowed = path.length === 0 ? "cluster, tenants, namespaces" : path[path.length - 1] === "association" ? ASSOCIATION_KEYS : path[0] === "namespaces" ? "movedFrom" : ENTRY_KEYS;
      return i.keys.map((k) => error([...path, k], k === "associationId" && path.length === 2 ? olderForm(plan.cluster.name) : `unknown key ${JSON.stringify(k)}; allowed: ${allowed}`, true));
    });
    return { problems: locate(findings) };
  }
  const problems = locate(importsFindings(parsed.data, plan));
  if (hasErrors(problems)) return { problems };
  const { tenants, namespaces } = parsed.data;
  const moves: ClusterMoves = {
    tenants: new Map(Object.entries(tenants).flatMap(([name, rec]) => (rec.movedFrom !== undefined ? [[name, rec.movedFrom]] : []))),
    namespaces: new Map(Object.entries(namespaces ?? {}).map(([ns, m]) => [ns, m.movedFrom])),
  };
  return { imports: new Map(Object.entries(tenants).map(([name, rec]) => [name, toExisting(rec)])), moves, problems };
}

/** Every cluster's imports and moves, or every problem of every imports file. `files`: those that import something. */
export function loadImports(tenantsFile: string, config: Config): { imports?: Map<string, ReadonlyMap<string, ExistingTenantResources>>; moves?: Map<string, ClusterMoves>; files: string[]; problems: Problem[] } {
  const imports = new Map<string, ReadonlyMap<string, ExistingTenantResources>>();
  const moves = new Map<string, ClusterMoves>();
  const problems: Problem[] = [];
  const files: string[] = [];
  for (const plan of planClusters(config)) {
    const file = importsFilePath(tenantsFile, plan.cluster.name);
    const r = loadClusterImports(file, plan);
    problems.push(...r.problems);
    const moved = r.moves !== undefined && r.moves.tenants.size + r.moves.namespaces.size > 0;
    if (r.imports && r.imports.size > 0) imports.set(plan.cluster.name, r.imports);
    if (moved) moves.set(plan.cluster.name, r.moves!);
    if ((r.imports && r.imports.size > 0) || moved) files.push(file);
  }
  return hasErrors(problems) ? { files, problems } : { imports, moves, files, problems };
}

/** The file `npm run adopt` writes: stable key order, so that a re-run changes no byte needlessly. */
export function formatImportsFile(cluster: string, tenants: ReadonlyMap<string, TenantImports>, namespaces: ReadonlyMap<string, string> = new Map()): string {
  const sorted = [...tenants.keys()].sort();
  const body: ImportsFile = { cluster, tenants: {} };
  if (namespaces.size > 0) body.namespaces = Object.fromEntries([...namespaces].sort(([a], [b]) => a.localeCompare(b)).map(([ns, from]) => [ns, { movedFrom: from }]));
  for (const name of sorted) {
    const r = tenants.get(name)!;
    const a = r.association;
    body.tenants[name] = {
      ...(r.movedFrom !== undefined ? { movedFrom: r.movedFrom } : {}),
      ...(a !== undefined ? { association: { id: a.id, namespace: a.namespace, serviceAccount: a.serviceAccount, roleArn: a.roleArn } } : {}),
      ...(r.roleName !== undefined ? { roleName: r.roleName } : {}),
      ...(r.serviceAccount !== undefined ? { serviceAccount: r.serviceAccount } : {}),
    };
  }
  return `${JSON.stringify(body, null, 2)}\n`;
}
