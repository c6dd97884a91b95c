/**
 * What `npm run adopt` records, from what already exists on a cluster. Pure: the live side is
 * passed in, so every case is tested without a network.
 * - A tenant's (namespace, service account) with a live association: its ID is recorded with the
 *   namespace, service account and role it binds (checked at synth), and the first deploy imports it (EKS allows one association per service account, so a create would
 *   fail). The deploy then sets the role and settings in place.
 * - An association owned by an EKS add-on (ownerArn) is never imported: the add-on owns it.
 * - An association that no tenant claims is reported, never imported.
 * - A tenant's own role that exists under its name (IAM refuses a second role of that name) is
 *   recorded, unless its path differs: the path forces a new role, so importing it would have
 *   the deploy replace it.
 * - A service account the stack would create (createServiceAccount) that exists is recorded.
 */
import { addonOfOwner, type LiveAssociation } from "./drift-compare";
import type { ClusterPlan } from "../plan/plan";
import type { StackMove } from "../plan/stack-moves";
import type { ExistingRole } from "./aws";
import type { TenantImports } from "../file/imports-file";

export type AdoptKind = "move" | "import" | "conflict" | "not-in-file" | "add-on";

export interface AdoptFinding {
  readonly kind: AdoptKind;
  /** `tenant web`, `add-on vpc-cni`, or `-`. */
  readonly owner: string;
  readonly what: string;
}

export interface Adoption {
  /** By tenant name, only tenants with something to import. */
  readonly imports: ReadonlyMap<string, TenantImports>;
  /** Namespaces that another stack created before, with that stack. */
  readonly namespaces: ReadonlyMap<string, string>;
  readonly findings: ReadonlyArray<AdoptFinding>;
  /** Something the user must act on: imports to commit and deploy, conflicts, unclaimed associations. */
  readonly actionNeeded: boolean;
}

export interface LiveState {
  readonly associations: ReadonlyArray<LiveAssociation>;
  /** Existing roles among the tenants' role names, by name. */
  readonly roles: ReadonlyMap<string, ExistingRole>;
  /** Existing service accounts as `namespace/name`; undefined when they were not read. */
  readonly serviceAccounts?: ReadonlySet<string>;
}

/** The own-role names of the plan's tenants: the ones adopt asks IAM about. */
export function ownRoleNames(plan: ClusterPlan): string[] {
  return plan.tenants.filter((t) => t.tenant.sharedRole === undefined).map((t) => t.roleName);
}

/** Whether adopt needs to read the cluster's service accounts: only if the stack creates some. */
export function needsServiceAccounts(plan: ClusterPlan): boolean {
  return plan.tenants.some((t) => t.tenant.createServiceAccount);
}

/**
 * With the moves of `--base` (lib/plan/stack-moves.ts): a moved tenant whose association is
 * live gets movedFrom, so that synth forgets its resources in the old stack and imports them in
 * the new one; one without a live association was never deployed, and nothing needs to move.
 */
function recordMoves(imports: Map<string, TenantImports>, moves: ReadonlyArray<StackMove>, findings: AdoptFinding[]): Map<string, string> {
  const namespaces = new Map<string, string>();
  for (const m of moves) {
    const what = `from stack ${m.from} to ${m.to}`;
    if (m.kind === "namespace") {
      namespaces.set(m.name, m.from);
      findings.push({ kind: "move", owner: `namespace ${m.name}`, what: `${what}: removed (destroy = false) from the old stack, imported into the new one` });
    } else if (imports.get(m.name)?.association === undefined) {
      findings.push({ kind: "move", owner: `tenant ${m.name}`, what: `${what}, but it has no live association: the old stack never deployed it, so nothing moves` });
    } else {
      imports.set(m.name, { movedFrom: m.from, ...imports.get(m.name) });
      findings.push({ kind: "move", owner: `tenant ${m.name}`, what: `${what}: its resources are removed (destroy = false) from the old stack and imported into the new one` });
    }
  }
  return namespaces;
}

export function planAdoption(plan: ClusterPlan, live: LiveState, moves: ReadonlyArray<StackMove> = []): Adoption {
  const cluster = plan.cluster.name;
  const imports = new Map<string, TenantImports>();
  const findings: AdoptFinding[] = [];
  const claimed = new Set<LiveAssociation>();
  const record = (tenant: string, part: TenantImports) => imports.set(tenant, { ...imports.get(tenant), ...part });

  for (const { tenant, roleName } of plan.tenants) {
    const owner = `tenant ${tenant.name}`;
    const where = `${tenant.namespace}/${tenant.serviceAccount}`;
    const assoc = live.associations.find((a) => a.namespace === tenant.namespace && a.serviceAccount === tenant.serviceAccount);
    if (assoc) {
      claimed.add(assoc);
      if (assoc.ownerArn !== undefined) {
        findings.push({ kind: "conflict", owner, what: `${where} is associated by add-on ${addonOfOwner(assoc.ownerArn)} (${assoc.associationId}); an add-on's association cannot be imported: remove it from the add-on, or give the tenant another service account` });
      } else if (assoc.roleArn === undefined) {
        findings.push({ kind: "conflict", owner, what: `${where} has association ${assoc.associationId}, but EKS returned no role for it, so what it binds cannot be recorded; run adopt again` });
      } else {
        // What the association was, so that synth can check it is this tenant's (imports-file.ts).
        record(tenant.name, { association: { id: assoc.associationId, namespace: assoc.namespace, serviceAccount: assoc.serviceAccount, roleArn: assoc.roleArn } });
        findings.push({ kind: "import", owner, what: `association ${assoc.associationId} of ${where} (import id ${cluster},${assoc.associationId})` });
      }
    }
    if (tenant.sharedRole === undefined) {
      const role = live.roles.get(roleName);
      const wantPath = tenant.role.path;
      if (role && role.path !== wantPath) {
        findings.push({ kind: "conflict", owner, what: `role ${roleName} exists with path ${role.path}, but the file says ${wantPath}; a new path replaces the role, so it is not imported: set role.path: ${role.path}` });
      } else if (role) {
        record(tenant.name, { roleName });
        findings.push({ kind: "import", owner, what: `role ${roleName} (import id ${roleName})` });
      }
    }
    if (tenant.createServiceAccount && live.serviceAccounts?.has(where)) {
      record(tenant.name, { serviceAccount: where });
      findings.push({ kind: "import", owner, what: `service account ${where} (import id ${where})` });
    }
  }

  const addons = new Set(plan.addons.map((a) => a.addon.name));
  for (const a of live.associations) {
    if (claimed.has(a)) continue;
    const where = `${a.namespace}/${a.serviceAccount}`;
    if (a.ownerArn !== undefined) {
      const addon = addonOfOwner(a.ownerArn)!;
      const listed = addons.has(addon) ? "clusters[].addons manages it through the add-on" : "owned by the add-on";
      findings.push({ kind: "add-on", owner: `add-on ${addon}`, what: `association ${a.associationId} of ${where}: ${listed}; never imported` });
    } else {
      findings.push({ kind: "not-in-file", owner: "-", what: `association ${a.associationId} of ${where} (role ${a.roleArn ?? "?"}) is in no tenant of the file; not imported: add a tenant for it and run adopt again, or delete it` });
    }
  }
  const namespaces = recordMoves(imports, moves.filter((m) => m.cluster === cluster), findings);
  const order: Record<AdoptKind, number> = { move: 0, import: 1, conflict: 2, "not-in-file": 3, "add-on": 4 };
  findings.sort((x, y) => order[x.kind] - order[y.kind] || x.owner.localeCompare(y.owner) || x.what.localeCompare(y.what));
  return { imports, namespaces, findings, actionNeeded: imports.size > 0 || namespaces.size > 0 || findings.some((f) => f.kind === "conflict" || f.kind === "not-in-file") };
}

export function formatAdoption(cluster: string, a: Adoption, importsFile: string | undefined): string {
  const lines = a.findings.map((f) => `${f.kind.padEnd(11)}  ${f.owner}: ${f.what}`);
  const n = (k: AdoptKind) => a.findings.filter((f) => f.kind === k).length;
  if (lines.length > 0) lines.push("");
  const moved = n("move") > 0 ? `${n("move")} moved between stacks, ` : "";
  lines.push(`${cluster}: ${moved}${n("import")} to import, ${n("conflict")} conflict, ${n("not-in-file")} not in the file, ${n("add-on")} owned by add-ons`);
  if (importsFile) {
    lines.push(`wrote ${importsFile}: commit it; the next npm run synth emits import blocks, and the first deploy imports instead of creating. Delete the file after that deploy.`);
  }
  return `${lines.join("\n")}\n`;
}
