/** The sync checks of grants and statements, for constructs used straight from TypeScript. */
import { formatPath } from "../diagnostics/problems";
import { grantSchema, statementSchema, type Grant, type GrantInput, type StatementConfig, type StatementInput } from "../schema/schema";
import { grantProblems } from "../policy/grants";
import { statementProblems } from "../policy/statements";
import type { PropChecker } from "./validate-props";

/**
 * Grants and statements as a TypeScript user may write them (the schema's input form, defaults
 * left out), completed with the schema's own defaults and checked as the tenants file's are.
 * Returns the completed lists; what does not parse is reported through `check`.
 */
export function checkPermissionProps(
  check: PropChecker,
  grants?: ReadonlyArray<GrantInput>,
  statements?: ReadonlyArray<StatementInput>,
  /** Where the lists sit in the props, e.g. `["sessionPolicy"]`. */
  base: ReadonlyArray<string | number> = [],
): { grants: Grant[]; statements: StatementConfig[] } {
  const out = { grants: [] as Grant[], statements: [] as StatementConfig[] };
  grants?.forEach((input, i) => {
    const parsed = grantSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) check.that(formatPath([...base, "grants", i, ...(issue.path as Array<string | number>)]), false, issue.message);
      return;
    }
    out.grants.push(parsed.data);
    for (const p of grantProblems(parsed.data)) if (p.severity === "error") check.that(formatPath([...base, "grants", i, ...p.field]), false, p.message);
  });
  statements?.forEach((input, i) => {
    const parsed = statementSchema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) check.that(formatPath([...base, "statements", i, ...(issue.path as Array<string | number>)]), false, issue.message);
      return;
    }
    out.statements.push(parsed.data);
    for (const p of statementProblems(parsed.data)) check.that(formatPath([...base, "statements", i, ...p.field]), false, p.message);
  });
  return out;
}
