/**
 * The two rules that make a shared role's policy single out one member, as located problems
 * under the role, for the tenants-file check and for the SharedRole construct alike:
 * - every member placeholder is delimited (placeholder-boundaries.ts);
 * - no two members reach a common resource (shared-role-overlap.ts).
 */
import type { FieldPath } from "../diagnostics/problems";
import { quote } from "../diagnostics/quote";
import type { Grant, StatementConfig } from "./permission-types";
import { fillEnvironment, type ArnEnvironment } from "../aws/arn-environment";
import { memberBoundaryProblem } from "./placeholder-boundaries";
import type { MemberClash, MemberValues } from "./shared-role-overlap";

export interface ScopeProblem {
  /** Under the shared role: `["grants", 0, "s3", "prefix"]`. */
  readonly path: FieldPath;
  readonly message: string;
}

/**
 * What each grant field becomes in an ARN, for the boundary rule. The S3 grant adds '*' after the
 * prefix. The Secrets Manager grant adds `-??????`, which matches exactly the '-' and six random
 * characters AWS appends to every secret name (Secrets Manager user guide,
 * permissions_grant-limited-resources), so the name as written ends there. The other fields end the ARN or are followed by '/'.
 */
const APPENDED: Readonly<Record<string, { readonly text: string; readonly note: string }>> = {
  "s3.prefix": { text: "*", note: "the grant adds '*' after the prefix" },
};

/** Every member placeholder of the role's grants and statements that is not delimited. */
export function boundaryProblems(grants: ReadonlyArray<Grant>, statements: ReadonlyArray<StatementConfig>): ScopeProblem[] {
  const out: ScopeProblem[] = [];
  grants.forEach((g, k) => {
    for (const [kind, fields] of Object.entries(g)) {
      for (const [field, value] of Object.entries((fields ?? {}) as Record<string, unknown>)) {
        if (typeof value !== "string" || field === "access") continue;
        const appended = APPENDED[`${kind}.${field}`];
        const p = memberBoundaryProblem(value) ?? (appended ? memberBoundaryProblem(value + appended.text, { note: appended.note }) : undefined);
        if (p) out.push({ path: ["grants", k, kind, field], message: p });
      }
    }
  });
  statements.forEach((s, k) => {
    // A Deny, or a negated condition, takes access away; only what grants access must single a member out.
    if (s.effect !== "Allow") return;
    s.resources.forEach((r, n) => {
      const p = memberBoundaryProblem(r);
      if (p) out.push({ path: ["statements", k, "resources", n], message: p });
    });
    for (const [op, keys] of Object.entries(s.conditions ?? {})) {
      if (/Not/.test(op)) continue;
      for (const [key, value] of Object.entries(keys)) {
        for (const v of Array.isArray(value) ? value : [value]) {
          const p = typeof v === "string" ? memberBoundaryProblem(v, { wildcardChars: /Like|Arn/.test(op) }) : undefined;
          if (p) out.push({ path: ["statements", k, "conditions", op, key], message: p });
        }
      }
    }
  });
  return out;
}

/** Where a string of a clash comes from, as a path under the role's own path. */
function where(rolePath: FieldPath, source: ReadonlyArray<string | number>): string {
  return [...rolePath, ...source].map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

/** A member as a clash names it. */
export interface NamedMember extends MemberValues {
  readonly label: string;
}

/**
 * The message for two members that reach a common resource; `env` fills the partition, account
 * and region of names that grants turn into ARNs.
 */
export function clashMessage(role: string, rolePath: FieldPath, clash: MemberClash<NamedMember>, env: ArnEnvironment, firstAt = ""): string {
  const show = (s: string) => quote(fillEnvironment(s, env));
  const a = clash.first.label;
  const b = clash.second.label;
  const sameSource = where(rolePath, clash.firstString.source) === where(rolePath, clash.secondString.source);
  const how = sameSource
    ? `${where(rolePath, clash.firstString.source)} gives ${a} ${show(clash.firstValue)} and ${b} ${show(clash.secondValue)}`
    : `${where(rolePath, clash.firstString.source)} gives ${a} ${show(clash.firstValue)}, and ${where(rolePath, clash.secondString.source)} gives ${b} ${show(clash.secondValue)}`;
  return `${b} and ${a}${firstAt ? ` (${firstAt})` : ""} would reach the same resources through shared role ${JSON.stringify(role)}: ${how}. Its placeholders must tell members apart (for example \${namespace}/\${serviceAccount}/); change them, or give one of the two a role of its own`;
}
