/** The managed policies of one role, whoever owns it (tenant, shared role, add-on), and every role's permissions boundary. */
import { managedPolicyProblems, permissionsBoundaryProblems } from "../aws/cross-field-rules";
import { error, warning, type FieldPath, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { MANAGED_POLICIES_PER_ROLE } from "../aws/rules";

/**
 * One role's managed policies (cross-field-rules.ts, managedPolicyProblems), and a warning above
 * the default per-role quota.
 */
export function managedPolicyFindings(arns: ReadonlyArray<string>, path: FieldPath, owner: string): Finding[] {
  const n = arns.length;
  // The count is said of the owner; a repeated ARN is placed at its own index.
  const out = managedPolicyProblems(arns).map((p) => error([...path, ...p.path], p.path.length === 0 ? `${owner} ${p.message}` : p.message));
  if (n <= MANAGED_POLICIES_PER_ROLE.max && n > MANAGED_POLICIES_PER_ROLE.default) {
    out.push(warning(path, `${owner} attaches ${n} managed policies; the default IAM quota is ${MANAGED_POLICIES_PER_ROLE.default} per role, so this needs a quota raise (up to ${MANAGED_POLICIES_PER_ROLE.max})`));
  }
  return out;
}

/**
 * Every role's permissions boundary that names an AWS managed policy names one that exists:
 * tenants', shared roles', add-ons' and controllers' alike. Their managed policies are checked
 * with the rest of each owner's settings (name-and-quota-checks.ts, addon-checks.ts).
 */
const boundaries: Check = (c) => {
  const roles: Array<{ path: FieldPath; boundary: string | undefined }> = [
    ...c.tenants.map((t, i) => ({ path: ["tenants", i, "role", "permissionsBoundaryArn"], boundary: t.role.permissionsBoundaryArn })),
    ...c.sharedRoles.map((r, j) => ({ path: ["sharedRoles", j, "role", "permissionsBoundaryArn"], boundary: r.role.permissionsBoundaryArn })),
    ...c.clusters.flatMap((cluster, i) => [
      ...cluster.addons.map((a, k) => ({ path: ["clusters", i, "addons", k, "role", "permissionsBoundaryArn"], boundary: a.role.permissionsBoundaryArn })),
      ...cluster.controllers.map((ctl, k) => ({ path: ["clusters", i, "controllers", k, "role", "permissionsBoundaryArn"], boundary: ctl.role.permissionsBoundaryArn })),
    ]),
  ];
  return roles.flatMap((r) => permissionsBoundaryProblems(r.boundary, r.path).map((p) => error(p.path, p.message)));
};

export const MANAGED_POLICY_CHECKS: ReadonlyArray<Check> = [boundaries];
