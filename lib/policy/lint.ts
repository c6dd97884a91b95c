/**
 * The least-privilege lint: warnings for policies broader than a tenant should need. Each
 * warning names the owner (tenant or shared role) and the policy; `strict: true` in the tenants
 * file makes them errors.
 */
import { error, warning, type FieldPath, type Finding } from "../diagnostics/problems";
import type { StatementConfig } from "./permission-types";
import { hasWildcard, parseArn } from "../aws/arn";
import { isWrite, lookUpAction, type CatalogueAction } from "../aws/catalogue";
import { reachesEveryResource } from "./resource-arns";
import { flagsOfManagedPolicy } from "./managed-policy-flags";
import { awsManagedPolicyProblem } from "../aws/managed-policy-names";

/**
 * A warning for an AWS managed policy whose default version grants more than a pod should need,
 * judged by its document with the rules of raw statements (managed-policy-lint.ts), not by its
 * name: PowerUserAccess says nothing of what it allows, and a "FullAccess" can be narrow. The
 * dataset lists the `aws` partition's policies; an ARN of another partition is judged by the
 * `aws` partition's document of the same name, and the warning says so.
 */
export function lintManagedPolicy(arn: string, path: FieldPath, owner: string): Finding[] {
  const parsed = parseArn(arn);
  const isAwsManaged = parsed !== undefined && parsed.partition !== "" && parsed.service === "iam" && parsed.region === "" && parsed.account === "aws" && parsed.resource.length > "policy/".length && parsed.resource.startsWith("policy/");
  if (!isAwsManaged) return [];
  // An ARN AWS does not publish (wrong path, service-linked only) is refused by its own check: no document speaks for it.
  if (awsManagedPolicyProblem(arn) !== undefined) return [];
  const base = parsed.resource.slice("policy/".length).split("/").pop()!;
  const found = flagsOfManagedPolicy(base);
  if (!found) return [];
  const more = found.count > found.flags.length ? ` (${found.count} findings in all)` : "";
  const read = parsed.partition === "aws" ? `its default version ${found.version}` : `the aws partition's default version ${found.version} of it`;
  return [warning(path, `${owner}: AWS-managed policy ${JSON.stringify(base)} (${arn}), by what ${read} allows: ${found.flags.join("; ")}${more}; prefer grants or statements scoped to the resources the tenant uses`)];
}

/**
 * Why an action lets a pod change IAM permissions or take another identity, or undefined:
 * - every action whose access level is "Permissions management" in the IAM action catalogue
 *   (it changes who may do what: iam:PutRolePolicy, iam:AttachRolePolicy, s3:PutBucketPolicy,
 *   kms:CreateGrant, ...; Service Authorization Reference, access levels:
 *   https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html);
 * - iam:PassRole, with which the pod hands a role to a service and acts through it (IAM user
 *   guide, id_roles_use_passrole);
 * - sts:AssumeRole and the other sts:Assume* actions (AssumeRoleWithSAML,
 *   AssumeRoleWithWebIdentity, AssumeRoot), which return another identity's credentials (STS API reference).
 * A role's own ARN is no exception: iam:PutRolePolicy on the tenant's own role raises its own permissions.
 */
export function escalation(a: CatalogueAction): string | undefined {
  if (a.accessLevel.includes("Permissions management")) return "changes permissions (access level \"Permissions management\")";
  const name = a.action.toLowerCase();
  if (name === "iam:passrole") return "passes a role to an AWS service, which then acts with that role's permissions";
  if (name.startsWith("sts:assume")) return "takes another identity's credentials";
  return undefined;
}

/** The warning for action `written` (at `at`) when some of what it matches escalates. */
function escalationWarning(written: string, matches: ReadonlyArray<CatalogueAction>, at: FieldPath, label: string): Finding | undefined {
  const hits = matches.map((a) => ({ a, why: escalation(a) })).filter((x) => x.why !== undefined);
  if (hits.length === 0) return undefined;
  const whys = [...new Set(hits.map((x) => x.why))].join("; ");
  const shown = hits.length === 1 && hits[0]!.a.action.toLowerCase() === written.toLowerCase() ? "" : ` matches ${hits.slice(0, 3).map((x) => x.a.action).join(", ")}${hits.length > 3 ? ` (${hits.length} such actions in all)` : ""}, which`;
  return warning(at, `${label}: action ${JSON.stringify(written)}${shown} lets the pod change IAM permissions or take another identity: it ${whys}; a pod should not hold it, on any resource (its own role included)`);
}

/**
 * Each action of a statement against the IAM action catalogue (errors for unknown actions), then
 * the lint: `*` and `svc:*` actions, actions that escalate (above), and write actions allowed
 * on every resource of a kind (resource-arns.ts says which ARNs reach that far).
 */
export async function lintStatementActions(s: StatementConfig, path: FieldPath, label: string): Promise<Finding[]> {
  const out: Finding[] = [];
  const writes: string[] = [];
  let everything = false;
  for (const [k, action] of s.actions.entries()) {
    const r = await lookUpAction(action);
    if (r.error) {
      out.push(error([...path, "actions", k], r.error));
      continue;
    }
    if (r.everything) {
      everything = true;
      out.push(warning([...path, "actions", k], `${label}: action "*" allows every action of every service; name the actions the tenant needs`));
      continue;
    }
    const svc = /^([^:]+):\*$/.exec(action);
    if (svc) out.push(warning([...path, "actions", k], `${label}: action ${JSON.stringify(action)} allows every action of service ${JSON.stringify(svc[1]!.toLowerCase())}; name the actions the tenant needs`));
    const escalates = s.effect === "Allow" ? escalationWarning(action, r.matches, [...path, "actions", k], label) : undefined;
    if (escalates) out.push(escalates);
    for (const a of r.matches) if (isWrite(a) && !writes.includes(a.action)) writes.push(a.action);
  }
  if (s.effect !== "Allow" || (!everything && writes.length === 0)) return out;
  const shown = everything ? "every action" : `write actions such as ${writes.slice(0, 3).join(", ")}${writes.length > 3 ? ` (${writes.length} in all)` : ""}`;
  for (const [n, r] of s.resources.entries()) {
    if (!(await reachesEveryResource(r))) continue;
    const what = r === "*" ? `every resource (${JSON.stringify(r)})` : `every resource of its kind (${JSON.stringify(r)}: a wildcard stands for its whole region, account or resource name)`;
    out.push(warning([...path, "resources", n], `${label}: allows ${shown} on ${what}; name the resources by ARN`));
  }
  return out;
}

/**
 * "*", or an ARN whose region or account is a wildcard, or whose resource part starts with one:
 * arn:aws:s3:::*, arn:*:sqs:*:*:*. Those reach every resource of the service as surely as "*"
 * does. Synchronous and without the catalogue, so it cannot see a wildcard behind a resource
 * type (role/*); reachesEveryResource (resource-arns.ts) can, and the lint uses that.
 */
export function isEveryResource(r: string): boolean {
  if (r === "*") return true;
  const a = parseArn(r);
  return a !== undefined && (hasWildcard(a.region) || hasWildcard(a.account) || /^[*?]/.test(a.resource));
}

/**
 * For TypeScript users of the constructs, which are synchronous and cannot read the catalogue:
 * every action of `statements` that is not in the IAM action catalogue, one line each, such as
 * `statements[0].actions[1]: "s3:GetObjects" is not an IAM action; did you mean "s3:GetObject"?`.
 */
export async function checkStatementActions(statements: ReadonlyArray<Pick<StatementConfig, "actions">>): Promise<string[]> {
  const out: string[] = [];
  for (const [i, s] of statements.entries()) {
    for (const [k, action] of s.actions.entries()) {
      const r = await lookUpAction(action);
      if (r.error) out.push(`statements[${i}].actions[${k}]: ${r.error}`);
    }
  }
  return out;
}
