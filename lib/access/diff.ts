/**
 * What a change to the tenants file gains and loses: two access reports compared identity by
 * identity, keyed by (cluster, kind, name), through each identity's EFFECTIVE statements: its
 * own, those of its AWS managed policies' default versions, and its permissions boundary.
 *
 * Permissions compare as action × resource pairs with wildcards kept as written: `s3:Get*` on
 * `arn:aws:s3:::b/*` is one pair, never expanded; a NotAction statement is one pair per resource
 * with the actions it leaves out beside it. A pair is gained when no pair of the base covers it
 * (`dynamodb:*` covers `dynamodb:GetItem`; a pair without conditions covers one with them), and
 * lost the other way round.
 *
 * Every widening is a gain:
 * - an Allow pair the base does not cover;
 * - a Deny that no longer applies (a Deny pair in `gained`); a Deny added is a loss (in `lost`);
 * - a permissions boundary removed or loosened (pairs `through: "permissionsBoundary"`): a
 *   boundary caps what the role's policies allow, so no boundary caps nothing
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html);
 * - a trust that admits more: no longer scoped to a service account, a new principal (such as
 *   an IRSA OIDC provider), or another service account (`trustGained`).
 */
import { effectiveStatements, boundaryStatements } from "./effective";
import { IDENTITY_KINDS, type AccessReport, type Identity, type IdentityKind, type Permission } from "./model";

export interface AccessPair {
  readonly action: string;
  readonly resource: string;
  /** NotAction: every action but these, as written (`action` is then "*"). */
  readonly exceptActions?: ReadonlyArray<string>;
  /** NotResource: every resource but these, as written (`resource` is then "*"). */
  readonly exceptResources?: ReadonlyArray<string>;
  /**
   * Only on Deny statements. In `gained` a Deny that no longer applies (removed, so what it
   * blocked is open again); in `lost` a Deny that now applies.
   */
  readonly effect?: "Deny";
  /** The statement's conditions, when it has any: the pair holds only under them. */
  readonly conditions?: Permission["conditions"];
  /** Set on pairs of the permissions boundary rather than of the role's policies. */
  readonly through?: "permissionsBoundary";
  /** The IAM access levels of the action (Read, List, Write, Permissions management, Tagging); set by `withAccessLevels`. */
  readonly accessLevels?: ReadonlyArray<string>;
  /** For a gained wildcard: the actions it adds that the base did not have on that resource, with their access levels. */
  readonly newActions?: ReadonlyArray<{ readonly action: string; readonly accessLevel: string }>;
}

export type ChangeKind = "added" | "removed" | "changed";

export interface AccessChange {
  readonly cluster: string;
  readonly kind: IdentityKind;
  readonly name: string;
  readonly change: ChangeKind;
  readonly gained: ReadonlyArray<AccessPair>;
  readonly lost: ReadonlyArray<AccessPair>;
  /** Who may now assume the role that could not before. */
  readonly trustGained: ReadonlyArray<string>;
  readonly trustLost: ReadonlyArray<string>;
  /** Changes that are not pairs: role, trust text, target role, managed policies, boundary, lint flags. */
  readonly other: ReadonlyArray<string>;
}

export interface AccessDiff {
  readonly changes: ReadonlyArray<AccessChange>;
}

const keyOf = (i: Pick<Identity, "cluster" | "kind" | "name">) => JSON.stringify([i.cluster, i.kind, i.name]);

/** Every action × resource pair of the permissions, each once, sorted. */
export function accessPairs(permissions: ReadonlyArray<Permission>, through?: AccessPair["through"]): AccessPair[] {
  const pairs = new Map<string, AccessPair>();
  for (const p of permissions) {
    const conditions = Object.keys(p.conditions).length > 0 ? p.conditions : undefined;
    const actions = p.notActions ? ["*"] : p.actions;
    const resources = p.notResources ? ["*"] : p.resources;
    for (const action of actions) {
      for (const resource of resources) {
        const pair: AccessPair = {
          action,
          resource,
          ...(p.notActions ? { exceptActions: p.notActions } : {}),
          ...(p.notResources ? { exceptResources: p.notResources } : {}),
          ...(p.effect === "Deny" ? { effect: "Deny" as const } : {}),
          ...(conditions ? { conditions } : {}),
          ...(through ? { through } : {}),
        };
        pairs.set(pairKey(pair), pair);
      }
    }
  }
  return [...pairs.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, p]) => p);
}

function pairKey(p: AccessPair): string {
  return JSON.stringify([p.action, p.resource, p.effect ?? "Allow", p.conditions ? canonical(p.conditions) : "", p.exceptActions ?? "", p.exceptResources ?? "", p.through ?? ""]);
}

/** Conditions with keys sorted and values sorted: IAM gives their order no meaning. */
function canonical(c: Permission["conditions"]): string {
  return JSON.stringify(
    Object.keys(c)
      .sort()
      .map((op) => [op, Object.keys(c[op]!).sort().map((k) => [k, [...c[op]![k]!].sort()])]),
  );
}

const globCache = new Map<string, RegExp>();
/** Whether wildcard pattern `a` (IAM's `*` and `?`) matches all that `b` as written stands for. */
function globCovers(a: string, b: string, caseless: boolean): boolean {
  if (a === b || a === "*") return true;
  if (!/[*?]/.test(a)) return caseless && a.toLowerCase() === b.toLowerCase();
  const key = `${caseless ? "i" : "c"}${a}`;
  let re = globCache.get(key);
  if (!re) {
    re = new RegExp(`^${a.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, caseless ? "i" : "");
    globCache.set(key, re);
  }
  // Written wildcards in `b` are matched as characters: `s3:*` covers `s3:Get*`, not the other way.
  return re.test(b);
}

const sameList = (a: ReadonlyArray<string> | undefined, b: ReadonlyArray<string> | undefined) => JSON.stringify(a ? [...a].sort() : null) === JSON.stringify(b ? [...b].sort() : null);

/** Whether pair `a` allows (or denies) all that `b` does: same effect and source, wider or equal action, resource and conditions. */
export function covers(a: AccessPair, b: AccessPair): boolean {
  if ((a.effect ?? "Allow") !== (b.effect ?? "Allow") || a.through !== b.through) return false;
  if (a.conditions && (!b.conditions || canonical(a.conditions) !== canonical(b.conditions))) return false;
  // Action names are case-insensitive in IAM; resource ARNs are not.
  if (!globCovers(a.action, b.action, true) || !globCovers(a.resource, b.resource, false)) return false;
  if (a.exceptActions && !sameList(a.exceptActions, b.exceptActions) && (b.exceptActions || a.exceptActions.some((x) => globCovers(x, b.action, true)))) return false;
  if (a.exceptResources && !sameList(a.exceptResources, b.exceptResources) && (b.exceptResources || a.exceptResources.some((x) => globCovers(x, b.resource, false)))) return false;
  return true;
}

/** The pairs of `a` that no pair of `b` covers: exact matches first, so the pairwise test runs only on what is left. */
export function uncovered(a: ReadonlyArray<AccessPair>, b: ReadonlyArray<AccessPair>): AccessPair[] {
  const inB = new Set(b.map(pairKey));
  return a.filter((p) => !inB.has(pairKey(p)) && !b.some((q) => covers(q, p)));
}

/** A role without a boundary is capped by nothing: as if its boundary allowed every action on every resource. */
const UNBOUNDED: ReadonlyArray<AccessPair> = [{ action: "*", resource: "*", through: "permissionsBoundary" }];

/**
 * The pairs an identity has, its boundary's among them. A boundary that cannot be read (customer
 * managed) and differs from the other side's is taken at its widest on the head side and at its
 * narrowest on the base side, so that swapping it shows as a possible gain rather than nothing.
 */
function pairsOf(i: Identity, report: AccessReport, side: "base" | "head", other: Identity): AccessPair[] {
  const boundary = boundaryStatements(i, report);
  const own = accessPairs(effectiveStatements(i, report));
  if (boundary === null) return [...own, ...UNBOUNDED];
  if (i.permissionsBoundary?.notRead !== undefined && i.permissionsBoundary.arn !== other.permissionsBoundary?.arn) return side === "head" ? [...own, ...UNBOUNDED] : own;
  return [...own, ...accessPairs(boundary, "permissionsBoundary")];
}

/** Allow pairs not covered are gained; Deny pairs work the other way round. */
function compare(before: ReadonlyArray<AccessPair>, after: ReadonlyArray<AccessPair>): { gained: AccessPair[]; lost: AccessPair[] } {
  const allow = (ps: ReadonlyArray<AccessPair>) => ps.filter((p) => p.effect !== "Deny");
  const deny = (ps: ReadonlyArray<AccessPair>) => ps.filter((p) => p.effect === "Deny");
  return {
    gained: [...uncovered(allow(after), allow(before)), ...uncovered(deny(before), deny(after))],
    lost: [...uncovered(allow(before), allow(after)), ...uncovered(deny(after), deny(before))],
  };
}

/** Who may assume the role in `a` that may not in `b`, one line each. */
function trustWider(a: Identity, b: Identity | undefined): string[] {
  const out: string[] = [];
  if (a.trustScope.unscoped && !b?.trustScope.unscoped) out.push("not scoped to a service account: any Pod Identity association that names the role (or, for IRSA, any service account the OIDC provider vouches for) can use it");
  for (const p of a.trustScope.principals) if (!b?.trustScope.principals.includes(p)) out.push(`principal ${p}`);
  for (const sa of a.trustScope.serviceAccounts) if (!b?.trustScope.serviceAccounts.includes(sa)) out.push(`service account ${sa}`);
  return out;
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
  field("permissions boundary", before.permissionsBoundary?.arn ?? null, after.permissionsBoundary?.arn ?? null);
  for (const arn of after.managedPolicyArns) if (!before.managedPolicyArns.includes(arn)) out.push(`managed policy added: ${arn}`);
  for (const arn of before.managedPolicyArns) if (!after.managedPolicyArns.includes(arn)) out.push(`managed policy removed: ${arn}`);
  for (const ref of after.managedPolicies) if (ref.notRead !== undefined && !before.managedPolicyArns.includes(ref.arn)) out.push(`not read, so its gains are not listed: ${ref.arn} (${ref.notRead})`);
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
  return [...uncovered(pa, pb).map((p) => `session policy now allows: ${pairText(p)}`), ...uncovered(pb, pa).map((p) => `session policy no longer allows: ${pairText(p)}`)];
}

/** Added identities' facts, as `other` lines, so a new role's trust and managed policies show. */
function describe(i: Identity, verb: "added" | "removed"): string[] {
  return [
    ...(i.targetRoleArn ? [`target role: ${i.targetRoleArn}`] : []),
    ...(verb === "added" ? [`trust scope: ${i.trust}`] : []),
    ...(i.permissionsBoundary ? [`permissions boundary: ${i.permissionsBoundary.arn}`] : []),
    ...(verb === "added" && i.sessionPolicy !== undefined ? sessionPolicyChanges(undefined, i.sessionPolicy) : []),
    ...i.managedPolicyArns.map((arn) => `managed policy ${verb}: ${arn}`),
    ...(verb === "added" ? i.managedPolicies.filter((r) => r.notRead !== undefined).map((r) => `not read, so its gains are not listed: ${r.arn} (${r.notRead})`) : []),
    ...(verb === "added" ? i.flags.map((f) => `flagged: ${f}`) : []),
  ];
}

const sortPairs = (ps: AccessPair[]) => ps.sort((a, b) => (pairKey(a) < pairKey(b) ? -1 : pairKey(a) > pairKey(b) ? 1 : 0));

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
      // A new role's boundary only narrows what it gets: its policies' pairs are what it gains.
      changes.push({ ...id(a), change: "added", gained: accessPairs(effectiveStatements(a, head)), lost: [], trustGained: trustWider(a, undefined), trustLost: [], other: describe(a, "added") });
      continue;
    }
    const { gained, lost } = compare(pairsOf(b, base, "base", a), pairsOf(a, head, "head", b));
    const change = { ...id(a), change: "changed" as const, gained: sortPairs(gained), lost: sortPairs(lost), trustGained: trustWider(a, b), trustLost: trustWider(b, a), other: otherChanges(b, a) };
    if (change.gained.length + change.lost.length + change.trustGained.length + change.trustLost.length + change.other.length > 0) changes.push(change);
  }
  for (const [k, b] of before) {
    if (!after.has(k)) changes.push({ ...id(b), change: "removed", gained: [], lost: accessPairs(effectiveStatements(b, base)), trustGained: [], trustLost: trustWider(b, undefined), other: describe(b, "removed") });
  }
  const clusters = [...new Set([...head.identities, ...base.identities].map((i) => i.cluster))];
  return {
    changes: changes.sort(
      (x, y) => clusters.indexOf(x.cluster) - clusters.indexOf(y.cluster) || IDENTITY_KINDS.indexOf(x.kind) - IDENTITY_KINDS.indexOf(y.kind) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0),
    ),
  };
}
