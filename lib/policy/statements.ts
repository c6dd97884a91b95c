/**
 * Raw statements from the tenants file: their shape checks, and their conversion to the plain
 * IAM form. Whether each action exists is the catalogue's job (catalogue.ts), which is async.
 */
import type { StatementConfig } from "./permission-types";
import { closest } from "../diagnostics/suggest";
import { placeholderProblem, substitutePlaceholders, type PlaceholderValues } from "./abac";
import { contentHash } from "./sids";
import type { PolicyStatement } from "./statement";

/**
 * Condition operators, each also with `IfExists`, and the set operators `ForAnyValue:` and
 * `ForAllValues:` in front (IAM user guide, reference_policies_elements_condition_operators).
 */
export const CONDITION_OPERATORS: ReadonlyArray<string> = [
  "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike",
  "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals",
  "DateEquals", "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan", "DateGreaterThanEquals",
  "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "Null",
];

function operatorProblem(op: string): string | undefined {
  const base = op.replace(/^(ForAnyValue|ForAllValues):/, "").replace(/IfExists$/, "");
  if (CONDITION_OPERATORS.includes(base) && !(base === "Null" && op.endsWith("IfExists"))) return undefined;
  const near = closest(base, CONDITION_OPERATORS);
  return `${JSON.stringify(op)} is not an IAM condition operator${near ? `; did you mean ${JSON.stringify(op.replace(base, near))}?` : ""}; operators include StringEquals, StringLike, ArnLike, Bool, IpAddress, optionally with IfExists or a ForAnyValue:/ForAllValues: prefix`;
}

export interface StatementProblem {
  /** The field under the statement, such as ["resources", 0]. */
  readonly field: ReadonlyArray<string | number>;
  readonly message: string;
}

/** Problems of one statement that need no catalogue: resources, conditions, placeholders. */
export function statementProblems(s: StatementConfig): StatementProblem[] {
  const out: StatementProblem[] = [];
  s.resources.forEach((r, i) => {
    const p = placeholderProblem(r);
    if (p) out.push({ field: ["resources", i], message: p });
    else if (r !== "*" && !/^arn:[a-z*-]*:[a-z0-9*-]*:/.test(r)) {
      out.push({ field: ["resources", i], message: `${JSON.stringify(r)} is not a resource: expected an ARN (arn:<partition>:<service>:...) or *` });
    }
  });
  for (const [op, keys] of Object.entries(s.conditions ?? {})) {
    const p = operatorProblem(op);
    if (p) out.push({ field: ["conditions", op], message: p });
    for (const [key, value] of Object.entries(keys)) {
      if (!/^[A-Za-z0-9-]+:[\x21-\x7e]+$/.test(key)) out.push({ field: ["conditions", op, key], message: `${JSON.stringify(key)} is not a condition key: expected <service>:<key>, such as aws:SourceVpc or s3:prefix` });
      const kp = placeholderProblem(key);
      if (kp) out.push({ field: ["conditions", op, key], message: kp });
      for (const v of Array.isArray(value) ? value : [value]) {
        const vp = typeof v === "string" ? placeholderProblem(v) : undefined;
        if (vp) out.push({ field: ["conditions", op, key], message: vp });
      }
    }
  }
  return out;
}

/**
 * The plain IAM form, placeholders filled in. A statement without a sid gets one from its
 * content as written, so reordering statements never renames them.
 */
export function toPolicyStatement(s: StatementConfig, values: PlaceholderValues): PolicyStatement {
  const sub = (x: string) => substitutePlaceholders(x, values);
  const conditions = Object.entries(s.conditions ?? {}).flatMap(([test, keys]) =>
    Object.entries(keys).map(([variable, value]) => ({ test, variable: sub(variable), values: (Array.isArray(value) ? value : [value]).map((v) => sub(String(v))) })),
  );
  return {
    sid: s.sid ?? `Statement${contentHash({ effect: s.effect, actions: s.actions, resources: s.resources, conditions: s.conditions })}`,
    effect: s.effect,
    actions: [...s.actions],
    resources: s.resources.map(sub),
    ...(conditions.length > 0 ? { conditions } : {}),
  };
}
