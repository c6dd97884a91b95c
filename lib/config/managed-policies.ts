/** The managed policies of one role, whoever owns it: tenant, shared role or add-on. */
import { error, warning, type FieldPath, type Finding } from "./problems";
import { attachmentId } from "./role-name";
import { MANAGED_POLICIES_PER_ROLE } from "./rules";

/**
 * One role's managed policies: each listed once, each with an address of its own (two ARNs that
 * differ only in '.' against '/' would share one), and within the per-role quota.
 */
export function managedPolicyFindings(arns: ReadonlyArray<string>, path: FieldPath, owner: string): Finding[] {
  const n = arns.length;
  const out: Finding[] = [];
  const seen = new Map<string, string>();
  arns.forEach((a, k) => {
    const id = attachmentId(a);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, a);
    else out.push(error([...path, k], a === first ? `${a} is listed twice` : `${a} would take the same Terraform address (${id}) as ${first}; attach one of them through a policy of another name`));
  });
  if (n > MANAGED_POLICIES_PER_ROLE.max) {
    out.push(error(path, `${owner} attaches ${n} managed policies; IAM allows at most ${MANAGED_POLICIES_PER_ROLE.max} per role even after a quota raise`));
  } else if (n > MANAGED_POLICIES_PER_ROLE.default) {
    out.push(warning(path, `${owner} attaches ${n} managed policies; the default IAM quota is ${MANAGED_POLICIES_PER_ROLE.default} per role, so this needs a quota raise (up to ${MANAGED_POLICIES_PER_ROLE.max})`));
  }
  return out;
}

