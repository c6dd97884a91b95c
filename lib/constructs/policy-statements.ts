/** Statements added to an identity after construction (`addToPolicy`), checked as the `statements` prop is. */
import type { PlaceholderValues } from "../policy/abac";
import type { StatementInput } from "../policy/permission-types";
import { toPolicyStatement } from "../policy/statements";
import { checkPermissionProps } from "./permission-props";
import type { SizedStatement } from "./role-permissions";
import { PropChecker } from "./validate-props";

/** The statements in plain IAM form, placeholders filled in; throws every problem at once. */
export function checkedStatements(owner: string, statements: ReadonlyArray<StatementInput>, values: PlaceholderValues): SizedStatement[] {
  const check = new PropChecker(owner);
  const { statements: complete } = checkPermissionProps(check, [], statements);
  check.done();
  return complete.map((s) => ({ statement: toPolicyStatement(s, values) }));
}
