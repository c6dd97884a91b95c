/** The sync checks of grants and statements, for constructs used straight from TypeScript. */
import { formatPath } from "../config/problems";
import type { Grant, StatementConfig } from "../config/schema";
import { grantProblems } from "../policy/grants";
import { statementProblems } from "../policy/statements";
import type { PropChecker } from "./validate-props";

export function checkPermissionProps(check: PropChecker, grants?: ReadonlyArray<Grant>, statements?: ReadonlyArray<StatementConfig>): void {
  grants?.forEach((g, i) => {
    for (const p of grantProblems(g)) if (p.severity === "error") check.that(formatPath([`grants`, i, ...p.field]), false, p.message);
  });
  statements?.forEach((s, i) => {
    for (const p of statementProblems(s)) check.that(formatPath(["statements", i, ...p.field]), false, p.message);
  });
}
