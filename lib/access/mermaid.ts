/**
 * The access review as a Mermaid flowchart, which GitHub renders in Markdown: clusters →
 * namespace/service account → role → target role (cross-account) or shared role.
 *
 * Node IDs are digests of what a node stands for, so they are safe (letters and digits only)
 * and the same in every run; labels are quoted with Mermaid's entity codes for the characters
 * that would end or change them (https://mermaid.js.org/syntax/flowchart.html#entity-codes-to-escape-characters).
 */
import { createHash } from "node:crypto";
import type { AccessDiff } from "./diff";
import type { AccessReport, Identity } from "./model";

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

/**
 * The picture. With `diff`, the identities it lists as added or changed are highlighted; those
 * it lists as removed are no longer in the picture.
 */
export function reportMermaid(report: AccessReport, diff?: AccessDiff): string {
  const lines = ["flowchart LR"];
  const changed = new Set((diff?.changes ?? []).filter((c) => c.change !== "removed").map((c) => JSON.stringify([c.cluster, c.kind, c.name])));
  const flagged: string[] = [];
  const highlighted: string[] = [];
  const targets = new Map<string, string>();
  const edges: string[] = [];
  const clusters = [...new Set(report.identities.map((i) => i.cluster))];
  for (const cluster of clusters) {
    lines.push(`  subgraph ${nodeId("cluster", cluster)}[${label(`cluster ${cluster}`)}]`);
    const roles = new Set<string>();
    const roleNode = (i: Identity) => {
      const id = nodeId("role", cluster, i.role);
      if (!roles.has(id)) {
        roles.add(id);
        const owner = i.kind === "sharedRole" || i.sharedRole !== null ? `shared role ${i.sharedRole ?? i.name}` : `role`;
        lines.push(`    ${id}[${label(`${owner}: ${i.role}`)}]`);
      }
      return id;
    };
    for (const i of report.identities.filter((x) => x.cluster === cluster)) {
      const role = roleNode(i);
      if (i.flags.length > 0 && !flagged.includes(role)) flagged.push(role);
      if (i.kind === "sharedRole") {
        if (changed.has(JSON.stringify([i.cluster, i.kind, i.name]))) highlighted.push(role);
        continue;
      }
      const who = nodeId("identity", cluster, i.kind, i.name);
      const sa = i.serviceAccount === null ? "" : i.namespace === null ? i.serviceAccount : `${i.namespace}/${i.serviceAccount}`;
      lines.push(`    ${who}([${label(`${sa}${sa ? " " : ""}(${KIND_LABEL[i.kind]} ${i.name})`)}])`);
      if (changed.has(JSON.stringify([i.cluster, i.kind, i.name]))) highlighted.push(who);
      edges.push(`  ${who} --> ${role}`);
      if (i.targetRoleArn !== null) {
        const target = nodeId("target", i.targetRoleArn);
        targets.set(target, i.targetRoleArn);
        edges.push(`  ${role} -->|assumes| ${target}`);
      }
    }
    lines.push("  end");
  }
  for (const [id, arn] of [...targets].sort(([a], [b]) => (a < b ? -1 : 1))) lines.push(`  ${id}[${label(`target role: ${arn}`)}]`);
  lines.push(...[...new Set(edges)]);
  if (flagged.length > 0) lines.push("  classDef flagged stroke:#d33,stroke-width:3px", `  class ${flagged.join(",")} flagged`);
  if (highlighted.length > 0) lines.push("  classDef changed fill:#fff3b0", `  class ${highlighted.join(",")} changed`);
  return `${lines.join("\n")}\n`;
}
