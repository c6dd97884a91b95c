/**
 * The least-privilege lint: warnings for policies broader than a tenant should need. Each
 * warning names the owner (tenant or shared role) and the policy; `strict: true` in the tenants
 * file makes them errors.
 */
import { error, warning, type FieldPath, type Finding } from "../config/problems";
import { ownValue } from "../config/own-keys";
import type { StatementConfig } from "../config/schema";
import { isWrite, lookUpAction } from "./catalogue";

/**
 * AWS-managed policies that grant administrator access: AdministratorAccess (all actions on all
 * resources), PowerUserAccess (all but IAM, Organizations and Account), and the administrator
 * job functions (IAM user guide, access_policies_job-functions).
 */
const ADMIN_POLICIES: Readonly<Record<string, string>> = {
  AdministratorAccess: "grants every action on every resource",
  PowerUserAccess: "grants every action outside IAM, Organizations and Account management on every resource",
  "job-function/SystemAdministrator": "is an administrator job function (it includes IAM and KMS actions)",
  "job-function/NetworkAdministrator": "is an administrator job function (it includes IAM and S3 actions)",
  IAMFullAccess: "grants iam:*, with which the role can create roles and policies and so raise its own permissions",
};

/** A warning for an AWS-managed policy that grants admin or service-wide access, if it is one. */
export function lintManagedPolicy(arn: string, path: FieldPath, owner: string): Finding[] {
  const m = /^arn:[^:]+:iam::aws:policy\/(.+)$/.exec(arn);
  if (!m) return [];
  const name = m[1]!;
  const base = name.split("/").pop()!;
  const why = ownValue(ADMIN_POLICIES, name) ?? (/FullAccess$/.test(base) ? "grants full access to a whole service (its *FullAccess name says so)" : undefined);
  if (!why) return [];
  return [warning(path, `${owner}: AWS-managed policy ${JSON.stringify(base)} (${arn}) ${why}; prefer grants or statements scoped to the resources the tenant uses`)];
}

/**
 * Each action of a statement against the IAM action catalogue (errors for unknown actions), then
 * the lint: `*` and `svc:*` actions, and write actions allowed on a `*` resource.
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
    for (const a of r.matches) if (isWrite(a) && !writes.includes(a.action)) writes.push(a.action);
  }
  const star = s.resources.findIndex(isEveryResource);
  if (s.effect === "Allow" && star >= 0 && (everything || writes.length > 0)) {
    const shown = everything ? "every action" : `write actions such as ${writes.slice(0, 3).join(", ")}${writes.length > 3 ? ` (${writes.length} in all)` : ""}`;
    out.push(warning([...path, "resources", star], `${label}: allows ${shown} on every resource (${JSON.stringify(s.resources[star])}); name the resources by ARN`));
  }
  return out;
}

/**
 * "*", or an ARN whose resource part is nothing but wildcards: arn:aws:s3:::*, arn:*:sqs:*:*:*.
 * Those reach every resource of the service as surely as "*" does.
 */
export function isEveryResource(r: string): boolean {
  if (r === "*") return true;
  const parts = r.split(":");
  return parts.length >= 6 && parts[0] === "arn" && /^\*+$/.test(parts.slice(5).join(":"));
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
