/** The ARNs that grants and statements name, with where each is: for the partition rule (lib/aws/arn-rules.ts). */
import type { ArnField } from "../aws/arn-rules";
import type { FieldPath } from "../diagnostics/problems";
import type { Grant, StatementConfig } from "./permission-types";

/** Grants' and statements' ARNs, which only IAM reads (so no account rule). Shared with the constructs. */
export function policyArns(path: FieldPath, grants: ReadonlyArray<Grant>, statements: ReadonlyArray<StatementConfig>): ArnField[] {
  const out: ArnField[] = [];
  grants.forEach((g, k) => {
    for (const [kind, fields] of Object.entries(g)) {
      for (const [field, value] of Object.entries((fields ?? {}) as Record<string, unknown>)) {
        if (typeof value === "string" && value.startsWith("arn:")) out.push({ path: [...path, "grants", k, kind, field], arn: value, policy: false });
      }
    }
  });
  statements.forEach((s, k) => s.resources.forEach((r, n) => r.startsWith("arn:") && out.push({ path: [...path, "statements", k, "resources", n], arn: r, policy: false })));
  return out;
}
