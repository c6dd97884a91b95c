/**
 * Session policies on associations (tenants[].sessionPolicy): session tags off, not empty, not
 * on a shared role whose policies read the session tags, and within STS's size. Their grants and
 * statements get the checks of a tenant's own (least-privilege-checks.ts and arn-checks.ts walk
 * them too). Registered in lib/checks/check-registry.ts.
 */
import { error, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { sessionPolicyProblems } from "../aws/session-policy-rules";
import type { Config, Tenant } from "../schema/schema";
import { grantProblems } from "../policy/grants";
import { sessionPolicySize, sessionPolicyStatements } from "../policy/session-policy";
import { sessionTagRead } from "../policy/session-tag-reads";
import { statementProblems } from "../policy/statements";
import { sidClashes } from "../policy/permissions";
import { landsOn } from "../plan/plan";

/** The largest the document gets over the tenant's clusters, or undefined while its grants or statements have errors of their own. */
function largest(c: Config, t: Tenant): { size: number; cluster: string } | undefined {
  const sp = t.sessionPolicy!;
  if (sp.grants.some((g) => grantProblems(g).some((p) => p.severity === "error"))) return undefined;
  if (sp.statements.some((s) => statementProblems(s).length > 0)) return undefined;
  let worst: { size: number; cluster: string } | undefined;
  for (const cluster of c.clusters.filter((x) => landsOn(t, x.name))) {
    const values = { namespace: t.namespace, serviceAccount: t.serviceAccount, cluster: cluster.name };
    if (sidClashes(sp, values).length > 0) return undefined;
    const size = sessionPolicySize(sessionPolicyStatements(sp, values), cluster.region);
    if (worst === undefined || size > worst.size) worst = { size, cluster: cluster.name };
  }
  return worst;
}

export const sessionPolicies: Check = (c) =>
  c.tenants.flatMap((t, i): Finding[] => {
    if (t.sessionPolicy === undefined) return [];
    const role = t.sharedRole === undefined ? undefined : c.sharedRoles.find((r) => r.name === t.sharedRole);
    const worst = largest(c, t);
    const problems = sessionPolicyProblems({
      disableSessionTags: t.disableSessionTags,
      entries: t.sessionPolicy.grants.length + t.sessionPolicy.statements.length,
      size: worst?.size,
      cluster: worst?.cluster,
      sharedRole: role ? { name: role.name, sessionTagRead: sessionTagRead(role.grants, role.statements) } : undefined,
    });
    return problems.map((p) => error(["tenants", i, ...p.path], `tenant ${JSON.stringify(t.name)}: ${String(p.path[p.path.length - 1])} ${p.message}`));
  });

export const SESSION_POLICY_CHECKS: ReadonlyArray<Check> = [sessionPolicies];
