/**
 * The access review as one self-contained HTML page, to open from a CI artifact beside the pull
 * request: the summary, with --base what the change gains (write and permissions-management
 * actions and wider trust first), the picture as SVG rendered when the report was built, and per
 * cluster the tables of identities and their statements.
 *
 * Nothing is fetched when it is viewed: styles are inline, the picture is inline SVG, there is
 * no script, and a Content-Security-Policy of `default-src 'none'` makes the browser refuse any
 * request the page might still make (https://developer.mozilla.org/docs/Web/HTTP/Headers/Content-Security-Policy).
 * Every value from the tenants file is HTML-escaped.
 */
import { writesOrManagesPermissions } from "./access-levels";
import type { AccessChange, AccessDiff, AccessPair } from "./diff";
import type { ManagedPolicyRef } from "./managed-documents";
import type { AccessReport, Identity, Permission } from "./model";
import { policySummary } from "./policy-summary";

export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const KIND_LABEL: Readonly<Record<Identity["kind"], string>> = { tenant: "tenant", sharedRole: "shared role", addon: "add-on", controller: "controller" };

const STYLE = `body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:24px;color:#1f2328}
h1{font-size:24px}h2{font-size:19px;margin-top:28px;border-bottom:1px solid #d0d7de}h3{font-size:15px}
table{border-collapse:collapse;margin:8px 0 16px;width:100%}th,td{border:1px solid #d0d7de;padding:4px 8px;vertical-align:top;text-align:left}
th{background:#f6f8fa}code{font:12px ui-monospace,monospace;background:#f6f8fa;padding:0 3px;overflow-wrap:anywhere}
.summary{display:flex;gap:12px;flex-wrap:wrap}.card{border:1px solid #d0d7de;border-radius:6px;padding:8px 14px}
.card b{display:block;font-size:20px}.warn{color:#9a6700}.gain{background:#fff8c5}.flag{color:#cf222e}
figure{overflow:auto;border:1px solid #d0d7de;padding:8px;margin:0}figure svg{max-width:none}`;

const code = (s: string) => `<code>${esc(s)}</code>`;
const list = (xs: ReadonlyArray<string>) => (xs.length === 0 ? "–" : xs.join("<br>"));

function table(head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>, cls = ""): string {
  return `<table${cls ? ` class="${cls}"` : ""}><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}

function conditionsHtml(c: Permission["conditions"]): string {
  return list(Object.entries(c).flatMap(([op, keys]) => Object.entries(keys).map(([k, vs]) => `${code(k)} ${esc(op)} ${vs.map(code).join(" or ")}`)));
}

function pairHtml(p: AccessPair, side: "gained" | "lost"): string {
  const action = p.exceptActions ? `every action but ${p.exceptActions.map(code).join(", ")}` : code(p.action);
  const resource = p.exceptResources ? `every resource but ${p.exceptResources.map(code).join(", ")}` : code(p.resource);
  const deny = p.effect === "Deny" ? (side === "gained" ? "no longer denied: " : "deny ") : "";
  const when = p.conditions ? ` if ${conditionsHtml(p.conditions).replace(/<br>/g, " and ")}` : "";
  const levels = p.accessLevels && p.accessLevels.length > 0 ? ` <small>(${esc(p.accessLevels.join(", "))})</small>` : "";
  const added = p.newActions && p.newActions.length > 0 ? `<br><small>new: ${p.newActions.map((a) => `${code(a.action)} (${esc(a.accessLevel)})`).join(", ")}</small>` : "";
  return `${deny}${action} on ${resource}${when}${p.through ? " (permissions boundary)" : ""}${levels}${added}`;
}

function summaryHtml(report: AccessReport, diff?: AccessDiff): string {
  const s = report.summary ?? { identities: report.identities.length, flagged: report.identities.filter((i) => i.flags.length > 0).length, managedPoliciesRead: 0, managedPoliciesNotRead: 0 };
  const clusters = new Set(report.identities.map((i) => i.cluster)).size;
  const cards: Array<[string, number, string?]> = [
    ["clusters", clusters],
    ["identities", s.identities],
    ["flagged", s.flagged, s.flagged > 0 ? "flag" : undefined],
    ["managed policies read", s.managedPoliciesRead],
    ["managed policies not read", s.managedPoliciesNotRead, s.managedPoliciesNotRead > 0 ? "warn" : undefined],
  ];
  if (diff) cards.push(["identities changed", diff.changes.length]);
  const html = cards.map(([name, n, cls]) => `<div class="card${cls ? ` ${cls}` : ""}"><b>${n}</b>${esc(name)}</div>`).join("");
  const note = s.managedPoliciesNotRead > 0 ? `<p class="warn">Not read: customer managed policies (and AWS managed ones outside this project's dataset) cannot be read offline. What they grant is not in this review; it is not nothing.</p>` : "";
  return `<section id="summary"><h2>Summary</h2><div class="summary">${html}</div>${note}</section>`;
}

function diffHtml(diff: AccessDiff): string {
  const who = (c: AccessChange) => `${code(c.cluster)} ${esc(KIND_LABEL[c.kind])} ${code(c.name)}`;
  const gains = diff.changes.flatMap((c) => c.gained.filter(writesOrManagesPermissions).map((p) => `<li>${who(c)}: ${pairHtml(p, "gained")}</li>`));
  const trust = diff.changes.flatMap((c) => c.trustGained.map((t) => `<li>${who(c)} may now be assumed by: ${esc(t)}</li>`));
  const lead = gains.length + trust.length === 0 ? "<p>No write or permissions-management action is gained, and no role admits anyone new.</p>" : `${gains.length > 0 ? `<h3>Gained write and permissions-management access (${gains.length})</h3><ul class="gain">${gains.join("")}</ul>` : ""}${trust.length > 0 ? `<h3>Wider trust (${trust.length})</h3><ul class="gain">${trust.join("")}</ul>` : ""}`;
  const rows = diff.changes.map((c) => [
    `${code(c.cluster)}<br>${code(c.name)} (${esc(KIND_LABEL[c.kind])})`,
    esc(c.change),
    list(c.gained.map((p) => pairHtml(p, "gained"))),
    list(c.lost.map((p) => pairHtml(p, "lost"))),
    list([...c.trustGained.map((t) => `gained: ${esc(t)}`), ...c.trustLost.map((t) => `lost: ${esc(t)}`)]),
    list(c.other.map(esc)),
  ]);
  return `<section id="changes"><h2>Changes</h2>${diff.changes.length === 0 ? "<p>No identity gains or loses access.</p>" : `${lead}${table(["Cluster / identity", "Change", "Gained", "Lost", "Trust", "Other"], rows)}`}</section>`;
}

async function managedHtml(report: AccessReport, r: ManagedPolicyRef): Promise<string> {
  if (r.notRead !== undefined) return `${code(r.arn)} <span class="warn">not read: ${esc(r.notRead)}</span>`;
  const doc = report.managedPolicyDocuments?.[r.arn];
  return `${code(r.arn)} (${esc(r.version ?? "")})${doc ? `<br><small>${esc(await policySummary(doc.statements))}</small>` : ""}`;
}

async function clusterHtml(report: AccessReport, cluster: string, identities: ReadonlyArray<Identity>): Promise<string> {
  const rows: string[][] = [];
  for (const i of identities) {
    const sa = i.serviceAccount === null ? (i.kind === "sharedRole" ? "its members" : "–") : code(i.namespace === null ? i.serviceAccount : `${i.namespace}/${i.serviceAccount}`);
    const managed = await Promise.all((i.managedPolicies ?? []).map((r) => managedHtml(report, r)));
    rows.push([code(i.name), esc(KIND_LABEL[i.kind]) + (i.sharedRole ? ` of ${code(i.sharedRole)}` : ""), sa, code(i.role), i.targetRoleArn ? code(i.targetRoleArn) : "–", list(managed), i.permissionsBoundary ? await managedHtml(report, i.permissionsBoundary) : "–", esc(i.trust), list(i.flags.map((f) => `<span class="flag">${esc(f)}</span>`))]);
  }
  const details = identities
    .filter((i) => i.permissions.length > 0)
    .map((i) => `<h3>${code(i.name)} (${esc(KIND_LABEL[i.kind])})</h3>${table(["Effect", "Actions", "Resources", "Conditions", "Source"], i.permissions.map((p) => [esc(p.effect), list((p.notActions ? p.notActions.map((a) => `not ${code(a)}`) : p.actions.map(code))), list(p.resources.map(code)), conditionsHtml(p.conditions), esc(p.source ? `${p.source.kind}${p.source.sid ? ` ${p.source.sid}` : ""}` : "–")]))}`);
  return `<section class="cluster"><h2>Cluster ${code(cluster)}</h2>${table(["Identity", "Kind", "Service account", "Role", "Target role", "Managed policies", "Boundary", "Trust", "Flags"], rows)}${details.join("")}</section>`;
}

export interface HtmlPicture {
  /** The rendered picture, or why it could not be rendered. */
  readonly svg?: string;
  readonly error?: string;
}

/** The page. `picture` is the Mermaid diagram rendered to SVG when the report was built (render-svg.ts). */
export async function reportHtml(report: AccessReport, picture: HtmlPicture, diff?: AccessDiff): Promise<string> {
  const clusters = [...new Set(report.identities.map((i) => i.cluster))];
  const sections = await Promise.all(clusters.map((c) => clusterHtml(report, c, report.identities.filter((i) => i.cluster === c))));
  // The SVG is mermaid-cli's output; a script element in it would be the only way it could act, and mmdc writes none, but the CSP refuses it anyway.
  const figure = picture.svg ? `<figure>${picture.svg.replace(/<script[\s\S]*?<\/script>/gi, "")}</figure>` : `<p class="warn">The picture was not rendered: ${esc(picture.error ?? "unknown reason")}</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Access review</title><style>${STYLE}</style></head>
<body><h1>Access review${diff ? ": changes" : ""}</h1>
${summaryHtml(report, diff)}
${diff ? diffHtml(diff) : ""}
<section id="picture"><h2>Picture</h2>${figure}</section>
${sections.join("\n")}
</body></html>
`;
}
