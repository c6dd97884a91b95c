/**
 * The drift check's comparison: what the tenants file wants on a cluster against the Pod
 * Identity associations that exist there. Pure: no AWS calls, no I/O, so that every case can be
 * tested. `aws.ts` fetches the live side; `bin/drift.ts` wires them together.
 */
import { parseArn, parseRoleArn, type RoleRef } from "../aws/arn";
import { knownAddon } from "../aws/known-addons";
import type { ClusterPlan } from "../plan/plan";
import { groupStackName } from "../plan/stack-plan";
import { sessionPolicyStatements } from "../policy/session-policy";
import type { PolicyStatement } from "../policy/statement";
import { sessionPolicyMismatch } from "./session-policy-drift";

/** An association the file implies: a tenant's, a controller's, or an add-on's (which EKS owns). */
export interface WantedAssociation {
  readonly kind: "tenant" | "controller" | "addon";
  /** The tenant's, the controller's or the add-on's name. */
  readonly owner: string;
  /** Undefined for an add-on this tool does not know: EKS implies its namespace. */
  readonly namespace?: string;
  readonly serviceAccount: string;
  readonly roleName: string;
  /** The role's IAM path. @default "/" */
  readonly rolePath?: string;
  /** The cluster's accountId, when the file pins one. */
  readonly accountId?: string;
  /** Compared only when set. */
  readonly targetRoleArn?: string;
  /** Compared only when set. */
  readonly disableSessionTags?: boolean;
  /** The session policy's statements (lib/policy/session-policy.ts); a tenant's or controller's is compared, unset included. */
  readonly sessionPolicy?: ReadonlyArray<PolicyStatement>;
  /** The Terraform address of the tenant's or controller's association, for import hints. */
  readonly address?: string;
  /** The stack that holds it, when not the cluster's base stack: `<cluster>-<group>`. */
  readonly stack?: string;
}

/** A live association, as ListPodIdentityAssociations and DescribePodIdentityAssociation return it. */
export interface LiveAssociation {
  readonly associationId: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleArn?: string;
  /** Set when an EKS add-on owns the association (EKS API reference, PodIdentityAssociation). */
  readonly ownerArn?: string;
  readonly targetRoleArn?: string;
  readonly disableSessionTags?: boolean;
  /** The association's session policy, as JSON text. */
  readonly policy?: string;
  /** arn:<partition>:eks:<region>:<account>:podidentityassociation/<cluster>/<id>. */
  readonly associationArn?: string;
}

/**
 * The account the live associations belong to, when it is not the one the file pins: the
 * credentials then reach a same-named cluster in another account, and every row would mislead.
 */
export function foreignAccount(live: ReadonlyArray<LiveAssociation>, accountId: string | undefined): string | undefined {
  if (accountId === undefined) return undefined;
  for (const a of live) {
    const account = a.associationArn === undefined ? undefined : parseArn(a.associationArn)?.account;
    if (account && account !== accountId) return account;
  }
  return undefined;
}

/**
 * - ok: as the file wants.
 * - missing: the file wants it and the cluster has none; a deploy creates it.
 * - extra: on the cluster, not in the file.
 * - different: ours, but a setting differs; a deploy changes it.
 * - conflict: the service account is associated outside this tool, and a deploy would fail.
 * - add-on: owned by an add-on the file does not list; not this tool's to manage, so not drift.
 */
export type DriftStatus = "ok" | "missing" | "extra" | "different" | "conflict" | "add-on";

export interface DriftRow {
  readonly status: DriftStatus;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** `tenant web`, `controller external-dns` or `add-on vpc-cni`; empty for an association the file does not know. */
  readonly owner: string;
  readonly wantRole: string;
  readonly liveRole: string;
  readonly associationId: string;
  readonly note: string;
  /** `cluster,association-id`: present when importing the live association resolves a conflict. */
  readonly importId?: string;
  /** The Terraform address to import into, with `importId`. */
  readonly address?: string;
  /** The stack to import into, when not the cluster's base stack. */
  readonly stack?: string;
}

export interface DriftReport {
  readonly cluster: string;
  readonly rows: ReadonlyArray<DriftRow>;
  /** True when any row is missing, extra, different or a conflict. */
  readonly drift: boolean;
}

const DRIFT: ReadonlySet<DriftStatus> = new Set(["missing", "extra", "different", "conflict"]);

/**
 * The associations a cluster's plan implies: tenants, controllers, then add-ons. `addresses`
 * holds tenants' by name and controllers' by `controller <name>`.
 */
export function wantedAssociations(plan: ClusterPlan, addresses: ReadonlyMap<string, string> = new Map()): WantedAssociation[] {
  const accountId = plan.cluster.accountId;
  return [
    ...plan.tenants.map(({ tenant, roleName }): WantedAssociation => {
      // A member of a shared role is associated with the shared role, not a role of its own.
      const shared = tenant.sharedRole === undefined ? undefined : plan.sharedRoles.find((r) => r.sharedRole.name === tenant.sharedRole);
      return {
        kind: "tenant",
        owner: tenant.name,
        namespace: tenant.namespace,
        serviceAccount: tenant.serviceAccount,
        roleName: shared?.roleName ?? roleName,
        rolePath: shared?.sharedRole.role.path ?? tenant.role.path,
        accountId,
        targetRoleArn: tenant.targetRoleArn,
        disableSessionTags: tenant.disableSessionTags,
        ...(tenant.sessionPolicy ? { sessionPolicy: sessionPolicyStatements(tenant.sessionPolicy, { namespace: tenant.namespace, serviceAccount: tenant.serviceAccount, cluster: plan.cluster.name }) } : {}),
        address: addresses.get(tenant.name),
        stack: tenant.stack === undefined ? undefined : groupStackName(plan.cluster.name, tenant.stack),
      };
    }),
    ...plan.controllers.map(
      ({ controller, roleName, namespace, serviceAccount }): WantedAssociation => ({
        kind: "controller",
        owner: controller.name,
        namespace,
        serviceAccount,
        roleName,
        rolePath: controller.role.path,
        accountId,
        disableSessionTags: false,
        address: addresses.get(`controller ${controller.name}`),
      }),
    ),
    ...plan.addons.map(({ addon, roleName, serviceAccount }): WantedAssociation => ({
      kind: "addon",
      owner: addon.name,
      namespace: knownAddon(addon.name)?.namespace,
      serviceAccount,
      roleName,
      rolePath: addon.role.path,
      accountId,
    })),
  ];
}

/** The add-on name in an add-on ARN: `arn:<partition>:eks:<region>:<account>:addon/<cluster>/<add-on>/<id>`. */
export function addonOfOwner(ownerArn: string | undefined): string | undefined {
  const m = ownerArn === undefined ? null : /:addon\/[^/]+\/([^/]+)(\/|$)/.exec(ownerArn);
  return m ? m[1] : ownerArn === undefined ? undefined : ownerArn;
}

function roleLabel(r: RoleRef | undefined, raw: string | undefined): string {
  if (!r) return raw ?? "-";
  return r.path === "/" ? r.name : `${r.path}${r.name}`;
}

function wantLabel(w: WantedAssociation): string {
  const path = w.rolePath ?? "/";
  return path === "/" ? w.roleName : `${path}${w.roleName}`;
}

/** Why the live role is not the wanted one, or undefined when it is. */
function roleMismatch(w: WantedAssociation, live: LiveAssociation): string | undefined {
  const r = parseRoleArn(live.roleArn);
  if (!r) return `its role ${live.roleArn ?? "(none)"} is not an IAM role ARN`;
  if (r.name !== w.roleName || r.path !== (w.rolePath ?? "/")) return `it uses role ${roleLabel(r, live.roleArn)}, not ${wantLabel(w)}`;
  if (w.accountId !== undefined && r.account !== w.accountId) return `its role is in account ${r.account}, not ${w.accountId}`;
  return undefined;
}

function settingsMismatch(w: WantedAssociation, live: LiveAssociation): string[] {
  const out: string[] = [];
  // A tenant's or controller's target role is wanted exactly as the file says, unset included;
  // an add-on's is not this tool's to say.
  if ((w.kind !== "addon" || w.targetRoleArn !== undefined) && (w.targetRoleArn ?? undefined) !== (live.targetRoleArn ?? undefined)) {
    out.push(`targetRoleArn is ${live.targetRoleArn ?? "unset"}, want ${w.targetRoleArn ?? "unset"}`);
  }
  if (w.disableSessionTags !== undefined && w.disableSessionTags !== (live.disableSessionTags ?? false)) {
    out.push(`disableSessionTags is ${String(live.disableSessionTags ?? false)}, want ${String(w.disableSessionTags)}`);
  }
  if (w.kind !== "addon") {
    // The ARNs of the wanted document resolve where the association lives.
    const at = live.associationArn === undefined ? undefined : parseArn(live.associationArn);
    const env = { partition: at?.partition ?? "aws", region: at?.region ?? "", accountId: w.accountId ?? at?.account ?? "" };
    const policy = sessionPolicyMismatch(w.sessionPolicy, live.policy, env);
    if (policy !== undefined) out.push(policy);
  }
  return out;
}

/** The live associations being matched to the wanted ones: by namespace/service account, and those matched so far. */
interface Matching {
  readonly live: ReadonlyArray<LiveAssociation>;
  readonly byKey: ReadonlyMap<string, LiveAssociation[]>;
  readonly used: Set<LiveAssociation>;
}

const saKey = (ns: string, sa: string) => `${ns}/${sa}`;

function liveRoleLabel(l: LiveAssociation): string {
  return roleLabel(parseRoleArn(l.roleArn), l.roleArn);
}

/** A tenant's or controller's association: a standalone one, matched by namespace and service account. */
function standaloneRow(cluster: string, w: WantedAssociation, m: Matching): DriftRow {
  const ns = w.namespace!;
  const base = { namespace: ns, serviceAccount: w.serviceAccount, owner: `${w.kind} ${w.owner}`, wantRole: wantLabel(w) };
  const l = m.byKey.get(saKey(ns, w.serviceAccount))?.[0];
  if (!l) return { ...base, status: "missing", liveRole: "-", associationId: "-", note: "no association; a deploy creates it" };
  m.used.add(l);
  const liveBase = { ...base, liveRole: liveRoleLabel(l), associationId: l.associationId };
  if (l.ownerArn !== undefined) {
    return {
      ...liveBase,
      status: "conflict",
      note: `owned by add-on ${addonOfOwner(l.ownerArn)}; an add-on's association cannot be imported or adopted: remove it from the add-on, or give the ${w.kind} another service account`,
    };
  }
  const mismatch = roleMismatch(w, l);
  if (mismatch) {
    return {
      ...liveBase,
      status: "conflict",
      note: `already associated: ${mismatch}; unless the stack's state holds it, a deploy fails (one role per service account): import it, and the deploy then sets the role`,
      importId: `${cluster},${l.associationId}`,
      address: w.address,
      stack: w.stack,
    };
  }
  const settings = settingsMismatch(w, l);
  return settings.length > 0 ? { ...liveBase, status: "different", note: `${settings.join("; ")}; a deploy changes it` } : { ...liveBase, status: "ok", note: "" };
}

/** An add-on's association: one the add-on owns, else a standalone one in its way, else missing. */
function addonRow(w: WantedAssociation, m: Matching): DriftRow {
  const base = { serviceAccount: w.serviceAccount, owner: `add-on ${w.owner}`, wantRole: wantLabel(w) };
  const l = m.live.find((x) => !m.used.has(x) && addonOfOwner(x.ownerArn) === w.owner && x.serviceAccount === w.serviceAccount && (w.namespace === undefined || x.namespace === w.namespace));
  if (l) {
    m.used.add(l);
    const mismatch = roleMismatch(w, l);
    const liveBase = { ...base, namespace: l.namespace, liveRole: liveRoleLabel(l), associationId: l.associationId };
    return mismatch ? { ...liveBase, status: "different", note: `${mismatch}; a deploy updates the add-on's association` } : { ...liveBase, status: "ok", note: "" };
  }
  const ns = w.namespace ?? "?";
  const standalone = w.namespace === undefined ? undefined : m.byKey.get(saKey(w.namespace, w.serviceAccount))?.find((x) => !m.used.has(x) && x.ownerArn === undefined);
  if (standalone) {
    m.used.add(standalone);
    return {
      ...base,
      namespace: ns,
      status: "conflict",
      liveRole: liveRoleLabel(standalone),
      associationId: standalone.associationId,
      note: "a standalone association holds the add-on's service account; an add-on cannot adopt it: delete it (aws eks delete-pod-identity-association) before the deploy",
    };
  }
  return { ...base, namespace: ns, status: "missing", liveRole: "-", associationId: "-", note: "no association owned by the add-on; a deploy creates it" };
}

/** A live association nothing in the file wants: an unlisted add-on's, or extra. */
function unwantedRow(l: LiveAssociation): DriftRow {
  const common = { namespace: l.namespace, serviceAccount: l.serviceAccount, wantRole: "-", liveRole: liveRoleLabel(l), associationId: l.associationId };
  if (l.ownerArn === undefined) return { ...common, status: "extra", owner: "", note: "not in the tenants file: a removed tenant, or made by another tool" };
  const addon = addonOfOwner(l.ownerArn);
  return { ...common, status: "add-on", owner: `add-on ${addon}`, note: `owned by add-on ${addon}, which clusters[].addons does not list; not drift` };
}

export function compareAssociations(cluster: string, wanted: ReadonlyArray<WantedAssociation>, live: ReadonlyArray<LiveAssociation>): DriftReport {
  const byKey = new Map<string, LiveAssociation[]>();
  for (const l of live) {
    const k = saKey(l.namespace, l.serviceAccount);
    byKey.set(k, [...(byKey.get(k) ?? []), l]);
  }
  const m: Matching = { live, byKey, used: new Set() };
  // Tenants and controllers first: an add-on then matches only the live associations they left.
  const rows = [
    ...wanted.filter((x) => x.kind !== "addon").map((w) => standaloneRow(cluster, w, m)),
    ...wanted.filter((x) => x.kind === "addon").map((w) => addonRow(w, m)),
  ];
  rows.push(...live.filter((l) => !m.used.has(l)).map(unwantedRow));
  rows.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.serviceAccount.localeCompare(b.serviceAccount) || a.owner.localeCompare(b.owner));
  return { cluster, rows, drift: rows.some((r) => DRIFT.has(r.status)) };
}

const COLUMNS: ReadonlyArray<[string, (r: DriftRow) => string]> = [
  ["STATUS", (r) => r.status],
  ["NAMESPACE/SERVICE-ACCOUNT", (r) => `${r.namespace}/${r.serviceAccount}`],
  ["OWNER", (r) => r.owner || "-"],
  ["WANT ROLE", (r) => r.wantRole],
  ["LIVE ROLE", (r) => r.liveRole],
  ["ASSOCIATION", (r) => r.associationId],
  ["NOTE", (r) => r.note],
];

/** The report as text: a table, a summary line, and one import command per importable conflict. */
export function formatReport(report: DriftReport): string {
  const lines: string[] = [];
  if (report.rows.length > 0) {
    const cells = [COLUMNS.map(([h]) => h), ...report.rows.map((r) => COLUMNS.map(([, f]) => f(r)))];
    const widths = COLUMNS.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)));
    for (const c of cells) lines.push(c.map((v, i) => (i === c.length - 1 ? v : v.padEnd(widths[i]!))).join("  ").trimEnd());
    lines.push("");
  }
  const count = (s: DriftStatus) => report.rows.filter((r) => r.status === s).length;
  const summary = (["ok", "missing", "extra", "different", "conflict", "add-on"] as const).map((s) => `${count(s)} ${s}`).join(", ");
  lines.push(`${report.cluster}: ${report.drift ? "drift" : "no drift"}: ${summary}`);
  const imports = report.rows.filter((r) => r.importId !== undefined);
  if (imports.length > 0) {
    lines.push("");
    // A tenant of a stack group is imported into its group's stack (tenants[].stack).
    const stacks = [...new Set(imports.map((r) => r.stack ?? report.cluster))];
    for (const stack of stacks) {
      lines.push(`To adopt a conflicting association, import it into the stack's state (after npm run synth, in cdktf.out/stacks/${stack}):`);
      for (const r of imports.filter((i) => (i.stack ?? report.cluster) === stack)) {
        lines.push(`  terraform import '${r.address ?? `<address of ${r.owner}'s aws_eks_pod_identity_association>`}' '${r.importId}'`);
      }
    }
  }
  return `${lines.join("\n")}\n`;
}
