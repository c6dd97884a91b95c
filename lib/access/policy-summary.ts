/**
 * A policy in one line, by service and IAM access level: "s3 read, list on *", the services it
 * names most actions of first. The picture labels
 * a managed policy's node with it, and the Markdown and HTML reports list it beside the policy,
 * so that a reviewer sees what AmazonDynamoDBReadOnlyAccess reaches without reading 70 actions.
 * Levels come from the IAM action catalogue (lib/aws/catalogue.ts).
 */
import { lookUpAction } from "../aws/catalogue";
import type { Permission } from "./model";

/** Lower-case levels in the order reviewers weigh them. */
const LEVEL_ORDER = ["permissions management", "write", "tagging", "read", "list"];

/** The access levels one action as written reaches, lower case; ["all"] for `*`. */
export async function levelsOfAction(action: string): Promise<string[]> {
  if (action === "*") return ["all"];
  const levels = new Set<string>();
  for (const a of (await lookUpAction(action)).matches) for (const l of a.accessLevel.split(/,\s*/)) levels.add(l.toLowerCase());
  return [...levels];
}

export function orderLevels(levels: Iterable<string>): string[] {
  const set = new Set(levels);
  if (set.has("all")) return ["all"];
  return LEVEL_ORDER.filter((l) => set.has(l)).concat([...set].filter((l) => !LEVEL_ORDER.includes(l)).sort());
}

/** The levels the actions of one statement reach, as an edge label: "read, write", or "deny write". */
export async function statementLevels(p: Permission): Promise<string[]> {
  if (p.notActions) return ["all"];
  const all = new Set<string>();
  for (const a of p.actions) for (const l of await levelsOfAction(a)) all.add(l);
  return orderLevels(all);
}

const shortResource = (r: string) => (r.length > 40 ? `${r.slice(0, 37)}...` : r);

/**
 * The Allow statements as "<service> <levels> on <resources>" joined by "; " (at most `max`
 * services, then "and N more services"); NotAction as "every service but ...".
 */
export async function policySummary(statements: ReadonlyArray<Permission>, max = 4): Promise<string> {
  // A document is one array however many identities attach it: summarised once.
  const known = summaries.get(statements)?.get(max);
  if (known !== undefined) return known;
  const text = await summarise(statements, max);
  summaries.set(statements, (summaries.get(statements) ?? new Map<number, string>()).set(max, text));
  return text;
}

const summaries = new WeakMap<ReadonlyArray<Permission>, Map<number, string>>();

async function summarise(statements: ReadonlyArray<Permission>, max: number): Promise<string> {
  const byService = new Map<string, { levels: Set<string>; resources: Set<string>; actions: number }>();
  const parts: string[] = [];
  for (const p of statements) {
    if (p.effect !== "Allow") continue;
    const resources = p.notResources ? ["* but some"] : p.resources;
    if (p.notActions) {
      parts.push(`every service but ${p.notActions.join(", ")} on ${resources.map(shortResource).join(", ")}`);
      continue;
    }
    for (const a of p.actions) {
      const service = a === "*" ? "every service" : a.split(":")[0]!.toLowerCase();
      const entry = byService.get(service) ?? { levels: new Set<string>(), resources: new Set<string>(), actions: 0 };
      entry.actions += 1;
      for (const l of await levelsOfAction(a)) entry.levels.add(l);
      for (const r of resources) entry.resources.add(r);
      byService.set(service, entry);
    }
  }
  // The services the policy names most actions of first: AmazonDynamoDBReadOnlyAccess is dynamodb before cloudwatch.
  const services = [...byService.entries()].sort(([a, x], [b, y]) => y.actions - x.actions || (a < b ? -1 : 1));
  for (const [service, e] of services.slice(0, max)) {
    const rs = [...e.resources];
    const where = rs.includes("*") ? "*" : rs.length === 1 ? shortResource(rs[0]!) : `${rs.length} resources`;
    parts.push(`${service} ${orderLevels(e.levels).join(", ") || "unknown actions"} on ${where}`);
  }
  if (services.length > max) parts.push(`and ${services.length - max} more services`);
  return parts.join("; ") || "no Allow statement";
}
