/**
 * The access review as a Mermaid flowchart, which GitHub renders in Markdown: per cluster (one
 * subgraph each) the service accounts and the roles they get; from each role, edges to the
 * resources its statements reach (buckets and prefixes, tables, queues, topics, secrets,
 * parameters, keys, roles in other accounts), labelled with the IAM access levels of the actions;
 * each managed policy as one node, labelled with its services and levels ("s3 read, list on *");
 * a legend that says why a role is flagged.
 *
 * Size: a cluster with more than GROUP_ABOVE identities is drawn by namespace (one node per
 * namespace, with the union of its identities' reach; past NAMESPACES_PER_CLUSTER namespaces, the
 * flagged and largest first, the rest are one node), and each role or namespace shows at most
 * RESOURCES_PER_NODE resources and as many managed policies, then one "and N more" node, so that the picture of a large file
 * still renders (Mermaid refuses a diagram over its maxTextSize and maxEdges: https://mermaid.js.org/config/schema-docs/config.html).
 *
 * Node IDs are digests of what a node stands for, so they are safe (letters and digits only)
 * and the same in every run; labels are quoted with Mermaid's entity codes for the characters
 * that would end or change them (https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters).
 */
import { createHash } from "node:crypto";
import type { AccessDiff } from "./diff";
import type { ManagedPolicyRef } from "./managed-documents";
import type { AccessReport, Identity, Permission } from "./model";
import { policySummary, statementLevels } from "./policy-summary";
import { resourceNode } from "./resource-nodes";

/** Identities in one cluster above which the picture draws namespaces instead of service accounts. */
export const GROUP_ABOVE = 40;
/** Resources drawn from one role or namespace; the rest are counted in one node. */
export const RESOURCES_PER_NODE = 12;
/** Namespaces drawn in one cluster; the rest are one node with their identities' reach together. */
export const NAMESPACES_PER_CLUSTER = 60;

export function nodeId(...parts: ReadonlyArray<string>): string {
  return `n${createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 12)}`;
}

/** `s` inside a quoted Mermaid label. */
export function label(s: string): string {
  const escaped = s
    .replace(/\r?\n|\r/g, " ")
    .replace(/#/g, "#35;")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/`/g, "#96;");
  return `"${escaped}"`;
}

const KIND_LABEL: Readonly<Record<Identity["kind"], string>> = { tenant: "tenant", sharedRole: "shared role", addon: "add-on", controller: "controller" };

/** A flag cut to a legend line. */
const shortFlag = (f: string) => (f.length > 160 ? `${f.slice(0, 157)}...` : f);

/** What one node (a role, a member, a namespace) reaches: resource key → levels, and Deny separately. */
interface Reach {
  readonly allow: Map<string, Set<string>>;
  readonly deny: Map<string, Set<string>>;
  readonly policies: Map<string, { readonly how: "attached" | "boundary"; readonly ref: ManagedPolicyRef }>;
  /** Each resource's label; only the resources drawn become nodes. */
  readonly labels: Map<string, string>;
}

const newReach = (): Reach => ({ allow: new Map(), deny: new Map(), policies: new Map(), labels: new Map() });

/** The picture being drawn: nodes once each, edges once each. */
class Picture {
  readonly lines: string[] = ["flowchart LR"];
  readonly resources = new Map<string, string>();
  readonly policies = new Map<string, ManagedPolicyRef>();
  readonly edges: string[] = [];
  readonly flagged = new Map<string, { readonly who: string; readonly flags: ReadonlyArray<string> }>();
  readonly changed: string[] = [];
  readonly labels = new Map<string, string>();

  /** Edges from `from` to what `reach` holds, at most RESOURCES_PER_NODE resources. */
  drawReach(from: string, reach: Reach): void {
    const keys = [...new Set([...reach.allow.keys(), ...reach.deny.keys()])].sort();
    for (const key of keys.slice(0, RESOURCES_PER_NODE)) {
      const target = nodeId("resource", key);
      this.resources.set(key, reach.labels.get(key)!);
      const allow = reach.allow.get(key);
      const deny = reach.deny.get(key);
      if (allow) this.edges.push(`  ${from} -->|${label([...allow].join(", "))}| ${target}`);
      if (deny) this.edges.push(`  ${from} -.->|${label(`deny ${[...deny].join(", ")}`)}| ${target}`);
    }
    if (keys.length > RESOURCES_PER_NODE) {
      const more = nodeId("more", from);
      this.lines.push(`  ${more}[${label(`and ${keys.length - RESOURCES_PER_NODE} more resources`)}]`);
      this.edges.push(`  ${from} --> ${more}`);
    }
    const policies = [...reach.policies].sort(([a], [b]) => (a < b ? -1 : 1));
    for (const [arn, { how, ref }] of policies.slice(0, RESOURCES_PER_NODE)) {
      this.policies.set(arn, ref);
      this.edges.push(how === "attached" ? `  ${from} --> ${nodeId("policy", arn)}` : `  ${from} -.->|boundary| ${nodeId("policy", arn)}`);
    }
    if (policies.length > RESOURCES_PER_NODE) {
      const more = nodeId("more policies", from);
      this.lines.push(`  ${more}{{${label(`and ${policies.length - RESOURCES_PER_NODE} more managed policies`)}}}`);
      this.edges.push(`  ${from} --> ${more}`);
    }
  }
}

/** Adds the statements' resources to `reach`, with the access levels of their actions. */
async function addStatements(reach: Reach, permissions: ReadonlyArray<Permission>): Promise<void> {
  for (const p of permissions) {
    // A role in another account, reached with sts:AssumeRole (and TagSession), is assumed.
    const levels = p.actions.length > 0 && p.actions.every((a) => /^sts:(AssumeRole|TagSession)$/i.test(a)) ? ["assumes"] : await statementLevels(p);
    for (const r of p.notResources ? ["*"] : p.resources) {
      const node = resourceNode(r);
      reach.labels.set(node.key, node.label);
      const into = p.effect === "Deny" ? reach.deny : reach.allow;
      const set = into.get(node.key) ?? new Set<string>();
      for (const l of levels) set.add(l);
      into.set(node.key, set);
    }
  }
}

function addPolicies(reach: Reach, i: Identity): void {
  for (const ref of i.managedPolicies ?? []) reach.policies.set(ref.arn, { how: "attached", ref });
  if (i.permissionsBoundary) reach.policies.set(i.permissionsBoundary.arn, { how: "boundary", ref: i.permissionsBoundary });
}

/** One cluster drawn identity by identity: service account → role → what the role reaches. */
async function drawIdentities(picture: Picture, cluster: string, identities: ReadonlyArray<Identity>, changed: ReadonlySet<string>): Promise<void> {
  const roles = new Map<string, Reach>();
  const members = new Set(identities.filter((i) => i.sharedRole !== null).map((i) => i.sharedRole));
  for (const i of identities) {
    const role = nodeId("role", cluster, i.role);
    if (!roles.has(role)) {
      roles.set(role, newReach());
      const owner = i.kind === "sharedRole" || i.sharedRole !== null ? `shared role ${i.sharedRole ?? i.name}` : "role";
      picture.lines.push(`    ${role}[${label(`${owner}: ${i.role}`)}]`);
    }
    if (i.flags.length > 0) picture.flagged.set(role, { who: `role ${i.role}`, flags: i.flags });
    const mine = changed.has(JSON.stringify([i.cluster, i.kind, i.name]));
    // A shared role's own statements hold session-tag variables; its members' are filled in, so each member's reach is drawn from the member.
    let from = role;
    if (i.kind === "sharedRole") {
      if (mine) picture.changed.push(role);
      if (members.has(i.name)) continue;
    } else {
      const who = nodeId("identity", cluster, i.kind, i.name);
      const sa = i.serviceAccount === null ? "" : i.namespace === null ? i.serviceAccount : `${i.namespace}/${i.serviceAccount}`;
      picture.lines.push(`    ${who}([${label(`${sa}${sa ? " " : ""}(${KIND_LABEL[i.kind]} ${i.name})`)}])`);
      if (mine) picture.changed.push(who);
      picture.edges.push(`  ${who} --> ${role}`);
      if (i.sharedRole !== null) from = who;
    }
    const reach = from === role ? roles.get(role)! : newReach();
    await addStatements(reach, i.permissions);
    addPolicies(reach, i);
    if (from !== role) picture.drawReach(from, reach);
  }
  for (const [role, reach] of roles) picture.drawReach(role, reach);
}

/** One large cluster drawn by namespace: each namespace one node, with the union of its identities' reach. */
async function drawNamespaces(picture: Picture, cluster: string, identities: ReadonlyArray<Identity>, changed: ReadonlySet<string>): Promise<void> {
  const groups = new Map<string, Identity[]>();
  for (const i of identities) groups.set(i.namespace ?? "", [...(groups.get(i.namespace ?? "") ?? []), i]);
  // Flagged namespaces first, then the largest, then by name: what a reviewer must see is drawn.
  const flagged = (ms: ReadonlyArray<Identity>) => (ms.some((m) => m.flags.length > 0) ? 1 : 0);
  const ordered = [...groups].sort(([a, x], [b, y]) => flagged(y) - flagged(x) || y.length - x.length || (a < b ? -1 : 1));
  const shown = ordered.slice(0, NAMESPACES_PER_CLUSTER);
  const rest = ordered.slice(NAMESPACES_PER_CLUSTER);
  for (const [namespace, members] of shown.sort(([a], [b]) => (a < b ? -1 : 1))) {
    const roles = new Set(members.map((m) => m.role)).size;
    const text = `${namespace === "" ? "no namespace" : `namespace ${namespace}`}: ${members.length} identities, ${roles} roles`;
    await drawGroup(picture, nodeId("namespace", cluster, namespace), text, namespace === "" ? "no namespace" : `namespace ${namespace}`, members, changed);
  }
  if (rest.length > 0) {
    const members = rest.flatMap(([, ms]) => ms);
    await drawGroup(picture, nodeId("namespaces", cluster), `${rest.length} more namespaces: ${members.length} identities`, `${rest.length} more namespaces`, members, changed);
  }
}

/** One node for `members`, with their reach together. */
async function drawGroup(picture: Picture, node: string, text: string, who: string, members: ReadonlyArray<Identity>, changed: ReadonlySet<string>): Promise<void> {
  picture.lines.push(`    ${node}([${label(text)}])`);
  const reach = newReach();
  const flags: string[] = [];
  for (const i of members) {
    await addStatements(reach, i.permissions);
    addPolicies(reach, i);
    flags.push(...i.flags);
    if (changed.has(JSON.stringify([i.cluster, i.kind, i.name])) && !picture.changed.includes(node)) picture.changed.push(node);
  }
  if (flags.length > 0) picture.flagged.set(node, { who, flags });
  picture.drawReach(node, reach);
}

/**
 * The picture. With `diff`, the identities it lists as added or changed are highlighted; those
 * it lists as removed are no longer in the picture.
 */
export async function reportMermaid(report: AccessReport, diff?: AccessDiff): Promise<string> {
  const picture = new Picture();
  const changed = new Set((diff?.changes ?? []).filter((c) => c.change !== "removed").map((c) => JSON.stringify([c.cluster, c.kind, c.name])));
  for (const cluster of [...new Set(report.identities.map((i) => i.cluster))]) {
    const identities = report.identities.filter((x) => x.cluster === cluster);
    const grouped = identities.length > GROUP_ABOVE;
    picture.lines.push(`  subgraph ${nodeId("cluster", cluster)}[${label(grouped ? `cluster ${cluster} (${identities.length} identities, by namespace)` : `cluster ${cluster}`)}]`);
    await (grouped ? drawNamespaces : drawIdentities)(picture, cluster, identities, changed);
    picture.lines.push("  end");
  }
  for (const [key, text] of [...picture.resources].sort(([a], [b]) => (a < b ? -1 : 1))) picture.lines.push(`  ${nodeId("resource", key)}[(${label(text)})]`);
  for (const [arn, ref] of [...picture.policies].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const document = report.managedPolicyDocuments?.[arn];
    const what = document ? `${ref.name} ${document.version}: ${await policySummary(document.statements)}` : `${ref.name}: not read (${ref.notRead ?? "no document"})`;
    picture.lines.push(`  ${nodeId("policy", arn)}{{${label(`managed policy ${what}`)}}}`);
  }
  picture.lines.push(...[...new Set(picture.edges)]);
  picture.lines.push(...legend(picture, diff !== undefined));
  return `${picture.lines.join("\n")}\n`;
}

/** The legend: what a red border and a yellow fill mean, and why each flagged node is flagged. */
function legend(picture: Picture, withDiff: boolean): string[] {
  if (picture.flagged.size === 0 && picture.changed.length === 0) return [];
  const out = [`  subgraph ${nodeId("legend")}["legend"]`];
  if (picture.flagged.size > 0) {
    out.push(`    ${nodeId("legend", "flagged")}[${label("red border: flagged by the least-privilege lint, for the reasons below")}]`);
    for (const [node, { who, flags }] of picture.flagged) {
      out.push(`    ${nodeId("why", node)}[${label(`${who}: ${shortFlag(flags[0]!)}${flags.length > 1 ? ` (and ${flags.length - 1} more)` : ""}`)}]`);
    }
  }
  if (withDiff && picture.changed.length > 0) out.push(`    ${nodeId("legend", "changed")}[${label("yellow: added or changed by this change")}]`);
  out.push("  end");
  if (picture.flagged.size > 0) out.push("  classDef flagged stroke:#d33,stroke-width:3px", `  class ${[...picture.flagged.keys(), nodeId("legend", "flagged")].join(",")} flagged`);
  if (picture.changed.length > 0) out.push("  classDef changed fill:#fff3b0", `  class ${[...picture.changed, ...(withDiff ? [nodeId("legend", "changed")] : [])].join(",")} changed`);
  return out;
}
