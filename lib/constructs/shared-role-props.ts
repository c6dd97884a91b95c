/**
 * The SharedRole construct's own check that its policy singles out one member, with the rules
 * the tenants file uses (lib/policy/shared-role-scope.ts), so that TypeScript users get the same
 * refusals.
 */
import type { Grant, StatementConfig } from "../policy/permission-types";
import { memberClashes, scopedStrings } from "../policy/shared-role-overlap";
import { boundaryProblems, clashMessage, type NamedMember } from "../policy/shared-role-scope";
import type { PropChecker } from "./validate-props";

interface Member {
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

/** Stand-ins stay readable in messages: the values are Terraform's to find. */
const SHOWN_ENVIRONMENT = { partition: "<partition>", accountId: "<account>", region: "<region>" };

export function checkMemberScoping(
  check: PropChecker,
  id: string,
  members: ReadonlyArray<Member>,
  clusterName: string,
  permissions: { readonly grants: ReadonlyArray<Grant>; readonly statements: ReadonlyArray<StatementConfig> },
): void {
  check.shared(boundaryProblems(permissions.grants, permissions.statements));
  const strings = scopedStrings(permissions.grants, permissions.statements);
  if (strings.length === 0 || members.length < 2) return;
  const named = members.map((m, i): NamedMember & { readonly index: number } => ({ index: i, label: `member ${JSON.stringify(m.name)}`, namespace: m.namespace, serviceAccount: m.serviceAccount, cluster: clusterName }));
  const refused = new Set<number>();
  for (const clash of memberClashes(strings, named)) {
    if (refused.has(clash.second.index)) continue;
    refused.add(clash.second.index);
    check.that(`members[${clash.second.index}]`, false, clashMessage(id, [], clash, SHOWN_ENVIRONMENT, `members[${clash.first.index}]`));
  }
}
