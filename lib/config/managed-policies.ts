/** The managed policies of one role, whoever owns it: tenant, shared role or add-on. */
import { managedPolicyProblems } from "./cross-field-rules";
import { error, warning, type FieldPath, type Finding } from "./problems";
import { MANAGED_POLICIES_PER_ROLE } from "./rules";

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
