/**
 * What a change to the tenants file gains and loses: two access reports compared identity by
 * identity, keyed by (cluster, kind, name). Permissions compare as action × resource pairs with
 * wildcards kept as written: `s3:Get*` on `arn:aws:s3:::b/*` is one pair, never expanded.
 */
import { IDENTITY_KINDS, type AccessReport, type Identity, type IdentityKind, type Permission } from "./model";

export interface AccessPair {
  readonly action: string;
  readonly resource: string;
  /** Only on Deny statements: a gained Deny takes access away. */
  readonly effect?: "Deny";
  /** The statement's conditions, when it has any: the pair holds only under them. */
  readonly conditions?: Permission["conditions"];
}

export type ChangeKind = "added" | "removed" | "changed";

export interface AccessChange {
  readonly cluster: string;
  readonly kind: IdentityKind;
  readonly name: string;
  readonly change: ChangeKind;
  readonly gained: ReadonlyArray<AccessPair>;
  readonly lost: ReadonlyArray<AccessPair>;
  /** Changes that are not pairs: role, trust, target role, managed policies, lint flags. */
  readonly other: ReadonlyArray<string>;
}

export interface AccessDiff {
  readonly changes: ReadonlyArray<AccessChange>;
}

const keyOf = (i: Pick<Identity, "cluster" | "kind" | "name">) => JSON.stringify([i.cluster, i.kind, i.name]);

/** Every action × resource pair of the permissions, each once, sorted. */
export function accessPairs(permissions: ReadonlyArray<Permission>): AccessPair[] {
  const pairs = new Map<string, AccessPair>();
  for (const p of permissions) {
    const conditions = Object.keys(p.conditions).length > 0 ? p.conditions : undefined;
    for (const action of p.actions) {
      for (const resource of p.resources) {
        const pair: AccessPair = { action, resource, ...(p.effect === "Deny" ? { effect: "Deny" as const } : {}), ...(conditions ? { conditions } : {}) };
        pairs.set(pairKey(pair), pair);
      }
    }
  }
  return [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}

function pairKey(p: AccessPair): string {
  return JSON.stringify([p.action, p.resource, p.effect ?? "Allow", p.conditions ? canonical(p.conditions) : ""]);
}

/** Conditions with keys sorted and values sorted: IAM gives their order no meaning. */
function canonical(c: Permission["conditions"]): string {
  return JSON.stringify(
    Object.keys(c)
      .sort()
      .map((op) => [op, Object.keys(c[op]!).sort().map((k) => [k, [...c[op]![k]!].sort()])]),
  );
}

function minus(a: ReadonlyArray<AccessPair>, b: ReadonlyArray<AccessPair>): AccessPair[] {
  const inB = new Set(b.map(pairKey));
  return a.filter((p) => !inB.has(pairKey(p)));
}

function otherChanges(before: Identity, after: Identity): string[] {
  const out: string[] = [];
  const show = (v: string | null) => (v === null ? "none" : v);
  const field = (label: string, a: string | null, b: string | null) => {
    if (a !== b) out.push(`${label} changed: ${show(a)} → ${show(b)}`);
  };
  field("role", before.role, after.role);
  field("namespace", before.namespace, after.namespace);
  field("service account", before.serviceAccount, after.serviceAccount);
  field("shared role", before.sharedRole, after.sharedRole);
  field("target role", before.targetRoleArn, after.targetRoleArn);
  field("trust scope", before.trust, after.trust);
  for (const arn of after.managedPolicyArns) if (!before.managedPolicyArns.includes(arn)) out.push(`managed policy added: ${arn}`);
  for (const arn of before.managedPolicyArns) if (!after.managedPolicyArns.includes(arn)) out.push(`managed policy removed: ${arn}`);
  out.push(...sessionPolicyChanges(before.sessionPolicy, after.sessionPolicy));
  for (const f of after.flags) if (!before.flags.includes(f)) out.push(`newly flagged: ${f}`);
  for (const f of before.flags) if (!after.flags.includes(f)) out.push(`no longer flagged: ${f}`);
  return out;
}

const pairText = (p: AccessPair) => `${p.effect === "Deny" ? "deny " : ""}${p.action} on ${p.resource}${p.conditions ? ` when ${JSON.stringify(p.conditions)}` : ""}`;

/**
 * A session policy narrows the role's permissions for one association, so what it lets through
 * is reviewed beside them: added or removed (removed gives the pods every permission of the
 * role), and each pair it newly allows or no longer allows.
 */
function sessionPolicyChanges(before: ReadonlyArray<Permission> | undefined, after: ReadonlyArray<Permission> | undefined): string[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return ["session policy added: the pods now get only what both the role and it allow", ...accessPairs(after!).map((p) => `session policy allows: ${pairText(p)}`)];
  if (after === undefined) return ["session policy removed: the pods now get every permission of the role"];
  const [pa, pb] = [accessPairs(after), accessPairs(before)];
  return [...minus(pa, pb).map((p) => `session policy now allows: ${pairText(p)}`), ...minus(pb, pa).map((p) => `session policy no longer allows: ${pairText(p)}`)];
}

/** Added identities' facts, as `other` lines, so a new role's trust and managed policies show. */
function describe(i: Identity, verb: "added" | "removed"): string[] {
  return [
    ...(i.targetRoleArn ? [`target role: ${i.targetRoleArn}`] : []),
    ...(verb === "added" ? [`trust scope: ${i.trust}`] : []),
    ...(verb === "added" && i.sessionPolicy !== undefined ? sessionPolicyChanges(undefined, i.sessionPolicy) : []),
    ...i.managedPolicyArns.map((arn) => `managed policy ${verb}: ${arn}`),
    ...(verb === "added" ? i.flags.map((f) => `flagged: ${f}`) : []),
  ];
}

/**
 * The changes from `base` to `head`, in cluster order of `head` (then of `base`), kind and
 * name; identities that did not change are left out, so a file against itself gives none.
 */
export function diffReports(base: AccessReport, head: AccessReport): AccessDiff {
  const before = new Map(base.identities.map((i) => [keyOf(i), i]));
  const after = new Map(head.identities.map((i) => [keyOf(i), i]));
  const changes: AccessChange[] = [];
  const id = (i: Identity) => ({ cluster: i.cluster, kind: i.kind, name: i.name });
  for (const [k, a] of after) {
    const b = before.get(k);
    if (!b) {
      changes.push({ ...id(a), change: "added", gained: accessPairs(a.permissions), lost: [], other: describe(a, "added") });
      continue;
    }
    const pa = accessPairs(a.permissions);
    const pb = accessPairs(b.permissions);
    const change = { ...id(a), change: "changed" as const, gained: minus(pa, pb), lost: minus(pb, pa), other: otherChanges(b, a) };
    if (change.gained.length + change.lost.length + change.other.length > 0) changes.push(change);
  }
  for (const [k, b] of before) {
    if (!after.has(k)) changes.push({ ...id(b), change: "removed", gained: [], lost: accessPairs(b.permissions), other: describe(b, "removed") });
  }
  const clusters = [...new Set([...head.identities, ...base.identities].map((i) => i.cluster))];
  return {
    changes: changes.sort(
      (x, y) => clusters.indexOf(x.cluster) - clusters.indexOf(y.cluster) || IDENTITY_KINDS.indexOf(x.kind) - IDENTITY_KINDS.indexOf(y.kind) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
    ),
  };
}
