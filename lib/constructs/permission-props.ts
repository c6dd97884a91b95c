/** The sync checks of grants and statements, for constructs used straight from TypeScript. */
import { formatPath } from "../diagnostics/problems";
import { grantProblems } from "../policy/grants";
import { completeGrant, completeStatement, grantShapeProblems, statementShapeProblems } from "../policy/permission-defaults";
import type { Grant, GrantInput, StatementConfig, StatementInput } from "../policy/permission-types";
import { statementProblems } from "../policy/statements";
import type { PropChecker } from "./validate-props";

/**
 * Grants and statements as a TypeScript user may write them (defaults left out), completed with
 * the tenants file's defaults and checked with its rules. Returns the completed lists; what is
 * malformed is reported through `check` under `base` and left out.
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
    const shape = grantShapeProblems(input);
    for (const p of shape) check.that(formatPath([...base, "grants", i, ...p.field]), false, p.message);
    if (shape.length > 0) return;
    const grant = completeGrant(input);
    out.grants.push(grant);
    for (const p of grantProblems(grant)) if (p.severity === "error") check.that(formatPath([...base, "grants", i, ...p.field]), false, p.message);
  });
  statements?.forEach((input, i) => {
    const shape = statementShapeProblems(input);
    for (const p of shape) check.that(formatPath([...base, "statements", i, ...p.field]), false, p.message);
    if (shape.length > 0) return;
    const statement = completeStatement(input);
    out.statements.push(statement);
    for (const p of statementProblems(statement)) check.that(formatPath([...base, "statements", i, ...p.field]), false, p.message);
  });
  return out;
}
