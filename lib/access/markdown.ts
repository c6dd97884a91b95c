/**
 * The access review as GitHub-flavoured Markdown, to read in a pull-request comment: a heading
 * per cluster and tables. Every value from the tenants file is escaped, so a `|`, a backtick or
 * an HTML tag in a name or ARN can neither break a table nor inject markup.
 */
import { writesOrManagesPermissions } from "./access-levels";
import type { AccessChange, AccessDiff, AccessPair } from "./diff";
import type { ManagedPolicyRef } from "./managed-documents";
import type { AccessReport, Identity, Permission } from "./model";

/** `s` as an inline code span that survives inside a table cell. */
export function code(s: string): string {
  const flat = s.replace(/\r?\n|\r/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  // GFM tables split cells on '|' before parsing code spans; '\|' is kept as '|' inside them.
  return `${fence}${pad}${flat.replace(/\|/g, "\\|")}${pad}${fence}`;
}

/** `s` as plain Markdown text: punctuation that means something is backslash-escaped. */
export function plain(s: string): string {
  return s
    .replace(/\r?\n|\r/g, " ")
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

const KIND_LABEL: Readonly<Record<Identity["kind"], string>> = { tenant: "tenant", sharedRole: "shared role", addon: "add-on", controller: "controller" };

function table(head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string[] {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

function conditionsText(c: Permission["conditions"]): string {
  const parts = Object.entries(c).flatMap(([op, keys]) => Object.entries(keys).map(([k, vs]) => `${code(k)} ${plain(op)} ${vs.map(code).join(" or ")}`));
  return parts.length > 0 ? parts.join("<br>") : "–";
}

/** A managed policy: its ARN and the version read, or that it was not read and why. */
export function managedText(r: ManagedPolicyRef): string {
  return r.notRead === undefined ? `${code(r.arn)} (${plain(r.version ?? "")})` : `${code(r.arn)} (not read: ${plain(r.notRead)})`;
}

/** The one-paragraph summary: identities, flags, and managed policies read and not read. */
function summaryLines(report: AccessReport): string[] {
  const s = report.summary;
  if (!s) return [];
  const unread = s.managedPoliciesNotRead === 0 ? "" : `; **${s.managedPoliciesNotRead} not read** (customer managed or outside the dataset: what they grant is not in this review)`;
  return [`${s.identities} identities, ${s.flagged} flagged; managed policies and boundaries read from their documents: ${s.managedPoliciesRead}${unread}.`, ""];
}

function serviceAccountOf(i: Identity): string {
  if (i.serviceAccount === null) return i.kind === "sharedRole" ? "its members" : "–";
  return code(i.namespace === null ? i.serviceAccount : `${i.namespace}/${i.serviceAccount}`);
}

function byCluster<T extends { readonly cluster: string }>(items: ReadonlyArray<T>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const i of items) out.set(i.cluster, [...(out.get(i.cluster) ?? []), i]);
  return out;
}

/** Which role deploys each stack; only when some stack has one, since ambient credentials are the norm. */
function deployRolesSection(report: AccessReport): string[] {
  const stacks = report.stacks ?? [];
  if (!stacks.some((s) => s.deployRoleArn !== null)) return [];
  const rows = stacks.map((s) => [code(s.stack), code(s.cluster), s.deployRoleArn === null ? "ambient credentials" : code(s.deployRoleArn)]);
  return ["## Deploy roles", "", ...table(["Stack", "Cluster", "Deploy role"], rows), ""];
}

/** Who may do what: per cluster, a table of identities, then each identity's permissions. */
export function reportMarkdown(report: AccessReport): string {
  const lines = ["# Access review", ""];
  lines.push(...summaryLines(report));
  lines.push(...deployRolesSection(report));
  if (report.identities.length === 0) lines.push("No identities.", "");
  for (const [cluster, identities] of byCluster(report.identities)) {
    lines.push(`## Cluster ${code(cluster)}`, "");
    lines.push(
      ...table(
        ["Identity", "Kind", "Service account", "Role", "Target role", "Managed policies", "Boundary", "Trust"],
        identities.map((i) => [
          code(i.name),
          KIND_LABEL[i.kind] + (i.sharedRole === null ? "" : ` of ${code(i.sharedRole)}`),
          serviceAccountOf(i),
          code(i.role),
          i.targetRoleArn === null ? "–" : code(i.targetRoleArn),
          (i.managedPolicies ?? []).length === 0 ? "–" : i.managedPolicies.map(managedText).join("<br>"),
          i.permissionsBoundary ? managedText(i.permissionsBoundary) : "–",
          plain(i.trust),
        ]),
      ),
      "",
    );
    for (const i of identities) {
      if (i.permissions.length === 0 && i.flags.length === 0 && i.sessionPolicy === undefined) continue;
      lines.push(`### ${code(i.name)} (${KIND_LABEL[i.kind]})`, "");
      if (i.sharedRole !== null) lines.push(`Through shared role ${code(i.sharedRole)}, with its session tags filled in for ${serviceAccountOf(i)}.`, "");
      for (const f of i.flags) lines.push(`> [!WARNING]`, `> ${plain(f)}`, "");
      if (i.permissions.length > 0) {
        lines.push(
          ...table(
            ["Effect", "Actions", "Resources", "Conditions"],
            i.permissions.map((p) => [p.effect, p.actions.map(code).join("<br>"), p.resources.map(code).join("<br>"), conditionsText(p.conditions)]),
          ),
          "",
        );
      }
      if (i.sessionPolicy !== undefined) {
        lines.push(
          `**Narrowed by the association's session policy:** these pods may do only what both the role's permissions above and this policy allow.`,
          "",
          ...table(
            ["Effect", "Actions", "Resources", "Conditions"],
            i.sessionPolicy.map((p) => [p.effect, p.actions.map(code).join("<br>"), p.resources.map(code).join("<br>"), conditionsText(p.conditions)]),
          ),
          "",
        );
      }
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/** One pair. `side` says what a Deny means there: in gains a Deny that no longer applies, in losses one that now does. */
export function pairText(p: AccessPair, side: "gained" | "lost" = "gained"): string {
  const when = p.conditions ? ` if ${conditionsText(p.conditions).replace(/<br>/g, " and ")}` : "";
  const action = p.exceptActions ? `every action but ${p.exceptActions.map(code).join(", ")}` : code(p.action);
  const resource = p.exceptResources ? `every resource but ${p.exceptResources.map(code).join(", ")}` : code(p.resource);
  const deny = p.effect === "Deny" ? (side === "gained" ? "no longer denied: " : "deny ") : "";
  const through = p.through ? " (permissions boundary)" : "";
  const levels = p.accessLevels && p.accessLevels.length > 0 ? ` (${p.accessLevels.map(plain).join(", ")})` : "";
  const added = p.newActions && p.newActions.length > 0 ? `, new: ${p.newActions.map((a) => `${code(a.action)} (${plain(a.accessLevel)})`).join(", ")}` : "";
  return `${deny}${action} on ${resource}${when}${through}${levels}${added}`;
}

/**
 * What a pull request gains in actions that write or change permissions, first, since that is
 * what a reviewer must not miss: one line per identity and pair, the new actions named.
 */
function headlineLines(diff: AccessDiff): string[] {
  const rows = diff.changes.flatMap((c) => c.gained.filter(writesOrManagesPermissions).map((p) => `- ${code(c.cluster)} ${KIND_LABEL[c.kind]} ${code(c.name)}: ${pairText(p)}`));
  const trust = diff.changes.flatMap((c) => c.trustGained.map((t) => `- ${code(c.cluster)} ${KIND_LABEL[c.kind]} ${code(c.name)} may now be assumed by: ${plain(t)}`));
  if (rows.length + trust.length === 0) return ["No write or permissions-management action is gained, and no role admits anyone new.", ""];
  const out: string[] = [];
  if (rows.length > 0) out.push(`**Gained write and permissions-management access** (${rows.length}):`, "", ...rows, "");
  if (trust.length > 0) out.push(`**Wider trust** (${trust.length}):`, "", ...trust, "");
  return out;
}

const CHANGE_LABEL: Readonly<Record<AccessChange["change"], string>> = { added: "added", removed: "removed", changed: "changed" };

/** What a change gains and loses: per cluster, one row per identity that changed. */
export function diffMarkdown(diff: AccessDiff): string {
  const lines = ["# Access review: changes", ""];
  if (diff.changes.length === 0) return `${[...lines, "No identity gains or loses access."].join("\n")}\n`;
  lines.push(...headlineLines(diff));
  const list = (xs: ReadonlyArray<string>) => (xs.length === 0 ? "–" : xs.join("<br>"));
  for (const [cluster, changes] of byCluster(diff.changes)) {
    lines.push(`## Cluster ${code(cluster)}`, "");
    lines.push(
      ...table(
        ["Identity", "Change", "Gained", "Lost", "Trust", "Other"],
        changes.map((c) => [
          `${code(c.name)} (${KIND_LABEL[c.kind]})`,
          CHANGE_LABEL[c.change],
          list(c.gained.map((p) => pairText(p, "gained"))),
          list(c.lost.map((p) => pairText(p, "lost"))),
          list([...c.trustGained.map((t) => `gained: ${plain(t)}`), ...c.trustLost.map((t) => `lost: ${plain(t)}`)]),
          list(c.other.map(plain)),
        ]),
      ),
      "",
    );
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
