/**
 * Grants and statements as a TypeScript user writes them (permission-types.ts, input forms),
 * completed with the defaults the tenants file's schema applies, and checked for the shape the
 * schema would refuse: the constructs' own checks, without the file's schema.
 * __tests__/permission-types.test.ts keeps the defaults equal to the schema's.
 */
import type { Grant, GrantInput, StatementConfig, StatementInput } from "./permission-types";

/** Each kind of grant: its name field, and its access values with the default first (none for sqs). */
const KINDS = {
  s3: { name: "bucket", access: ["read", "write", "readwrite"], required: false },
  dynamodb: { name: "table", access: ["read", "write", "readwrite"], required: false },
  sqs: { name: "queue", access: ["send", "consume"], required: true },
  sns: { name: "topic", access: ["publish"], required: false },
  secretsManager: { name: "secret", access: ["read"], required: false },
  ssm: { name: "path", access: ["read"], required: false },
  kms: { name: "keyArn", access: ["decrypt", "encrypt"], required: false },
} as const;

type Kind = keyof typeof KINDS;

export interface ShapeProblem {
  /** Under the grant or statement, such as ["s3", "access"]. */
  readonly field: ReadonlyArray<string | number>;
  readonly message: string;
}

const oneOf = (values: ReadonlyArray<string>) => values.map((v) => JSON.stringify(v)).join(", ");

/** What the schema would refuse in one grant: unknown keys, a missing or empty name, an access it does not know. */
export function grantShapeProblems(g: GrantInput): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  for (const key of Object.keys(g)) {
    const kind = KINDS[key as Kind];
    const spec = (g as Record<string, unknown>)[key];
    if (kind === undefined) {
      out.push({ field: [key], message: `is not a kind of grant; use one of ${Object.keys(KINDS).join(", ")}` });
      continue;
    }
    if (spec === undefined) continue;
    const fields = spec as Record<string, unknown>;
    const allowedKeys: string[] = [kind.name, "access", ...(key === "s3" ? ["prefix"] : [])];
    for (const f of Object.keys(fields)) if (!allowedKeys.includes(f)) out.push({ field: [key, f], message: `is not a field of a ${key} grant; use ${allowedKeys.join(", ")}` });
    const name = fields[kind.name];
    if (typeof name !== "string" || name === "") out.push({ field: [key, kind.name], message: `is required: a non-empty string` });
    const access = fields.access;
    if (access === undefined ? kind.required : !(kind.access as ReadonlyArray<unknown>).includes(access)) out.push({ field: [key, "access"], message: `expected one of ${oneOf(kind.access)}` });
    if (fields.prefix !== undefined && typeof fields.prefix !== "string") out.push({ field: [key, "prefix"], message: "expected a string" });
  }
  return out;
}

/** The grant with its defaults: an empty prefix, and the first access of its kind. */
export function completeGrant(g: GrantInput): Grant {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(g)) {
    if (spec === undefined) continue;
    const kind = KINDS[key as Kind];
    out[key] = { ...(key === "s3" ? { prefix: "" } : {}), access: kind.access[0], ...withoutUndefined(spec as Record<string, unknown>) };
  }
  return out as Grant;
}

const SID = /^[A-Za-z0-9]{1,128}$/;

/** What the schema would refuse in one statement: a sid that is not alphanumeric, an unknown effect, empty action or resource lists. */
export function statementShapeProblems(s: StatementInput): ShapeProblem[] {
  const out: ShapeProblem[] = [];
  if (s.sid !== undefined && !SID.test(s.sid)) out.push({ field: ["sid"], message: `${JSON.stringify(s.sid)} is not a valid Sid: ASCII letters and digits only` });
  if (s.effect !== undefined && s.effect !== "Allow" && s.effect !== "Deny") out.push({ field: ["effect"], message: `expected "Allow" or "Deny"` });
  for (const list of ["actions", "resources"] as const) {
    const v: unknown = s[list];
    if (!Array.isArray(v) || v.length === 0) out.push({ field: [list], message: "expected a list of at least one string" });
    else v.forEach((x, i) => (typeof x !== "string" || x === "" ? out.push({ field: [list, i], message: "expected a non-empty string" }) : undefined));
  }
  return out;
}

/** The statement with its default: Allow. */
export function completeStatement(s: StatementInput): StatementConfig {
  return { ...withoutUndefined(s as unknown as Record<string, unknown>), effect: s.effect ?? "Allow" } as StatementConfig;
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
