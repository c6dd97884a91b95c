/**
 * Turns zod issues into findings worded for people who edit YAML: "a mapping" rather than
 * "object", the allowed values spelled out, and one finding per unknown key with a suggestion.
 */
import type { z } from "zod";
import { error, type Finding } from "../diagnostics/problems";
import { ownValue } from "../diagnostics/own-keys";
import { quote } from "../diagnostics/quote";
import { didYouMean } from "../diagnostics/suggest";
import { describeValue } from "../diagnostics/describe-value";

const NOUNS: Record<string, string> = {
  object: "a mapping",
  array: "a list",
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "true or false",
};

/**
 * The per-parse error map: zod uses it for every issue whose schema did not word its own.
 * Schema-level messages (see `ruled` in field-schemas.ts) win over it.
 */
export const errorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case "invalid_type": {
      if (iss.input === undefined) return "is required";
      const expected = NOUNS[iss.expected] ?? iss.expected;
      const hint = iss.expected === "string" && typeof iss.input === "number" ? "; quote the value" : "";
      return `expected ${expected}, got ${describeValue(iss.input)}${hint}`;
    }
    case "invalid_value": {
      const allowed = iss.values.map((v) => JSON.stringify(v)).join(", ");
      const near = typeof iss.input === "string" ? didYouMean(iss.input, iss.values.map(String)) : "";
      return `${quote(iss.input)} is not allowed${near}; allowed: ${allowed}`;
    }
    case "too_small":
      if (iss.origin === "array") return `needs at least ${String(iss.minimum)} item(s)`;
      if (iss.origin === "string") return `must not be empty`;
      return `${String(iss.input)} is too small; the minimum is ${String(iss.minimum)}`;
    case "too_big":
      if (iss.origin === "array") return `has more than ${String(iss.maximum)} items`;
      return `${String(iss.input)} is too large; the maximum is ${String(iss.maximum)}`;
    default:
      return undefined;
  }
};

export type AnySchema = z.core.$ZodType;

/**
 * What this project reads of a zod schema's internal definition (`_zod.def`), in one place:
 * zod 4 does not type these fields for a schema of unknown kind.
 */
export interface SchemaDef {
  readonly type: string;
  readonly innerType?: AnySchema;
  readonly in?: AnySchema;
  readonly shape?: Record<string, AnySchema>;
  readonly element?: AnySchema;
  readonly valueType?: AnySchema;
  readonly options?: AnySchema[];
  readonly discriminator?: string;
  readonly values?: unknown[];
}

export const defOf = (s: AnySchema): SchemaDef => s._zod.def as unknown as SchemaDef;

/** The schema that validates the value at `path`, looking through wrappers; for key listings. */
function schemaAt(root: AnySchema, path: ReadonlyArray<PropertyKey>): AnySchema | undefined {
  let s: AnySchema | undefined = root;
  const unwrap = (x: AnySchema): AnySchema => {
    let cur = x;
    for (;;) {
      const def = cur._zod.def as unknown as { type: string; innerType?: AnySchema; in?: AnySchema };
      if (def.innerType) cur = def.innerType;
      else if (def.type === "pipe" && def.in) cur = def.in;
      else if (def.type === "lazy") cur = (cur._zod as unknown as { innerType: AnySchema }).innerType;
      else return cur;
    }
  };
  for (const seg of path) {
    if (!s) return undefined;
    const def = unwrap(s)._zod.def as unknown as {
      type: string;
      shape?: Record<string, AnySchema>;
      element?: AnySchema;
      valueType?: AnySchema;
    };
    if (def.type === "object") s = ownValue(def.shape, String(seg));
    else if (def.type === "array") s = def.element;
    else if (def.type === "record") s = def.valueType;
    else return undefined;
  }
  return s && unwrap(s);
}

type ObjectDef = { type: string; shape?: Record<string, AnySchema> };
type UnionDef = { type: string; discriminator?: string; options?: AnySchema[] };

/** The literal values a discriminated union's option takes in its discriminator field. */
function tagOf(option: AnySchema, discriminator: string): unknown[] {
  const field = ownValue((option._zod.def as unknown as ObjectDef).shape, discriminator);
  return ((field?._zod.def as unknown as { values?: unknown[] } | undefined)?.values ?? []) as unknown[];
}

/**
 * The keys allowed where an unknown key was found and, in a discriminated union, the other
 * options that do take it (the option is picked by the discriminator of `input`).
 */
function keysOf(root: AnySchema, path: ReadonlyArray<PropertyKey>, input: unknown): { allowed: string[]; elsewhere: (key: string) => string[]; tag?: string } {
  const s = schemaAt(root, path);
  const none = { allowed: [], elsewhere: () => [] };
  if (!s) return none;
  const union = s._zod.def as unknown as UnionDef;
  if (union.type === "union" && union.discriminator && union.options && input !== null && typeof input === "object") {
    const disc = union.discriminator;
    const tag = ownValue(input as Record<string, unknown>, disc);
    const chosen = union.options.find((o) => tagOf(o, disc).includes(tag));
    if (!chosen) return none;
    const elsewhere = (key: string) => union.options!.filter((o) => o !== chosen && ownValue((o._zod.def as unknown as ObjectDef).shape, key) !== undefined).flatMap((o) => tagOf(o, disc).map(String));
    return { allowed: Object.keys((chosen._zod.def as unknown as ObjectDef).shape ?? {}), elsewhere, tag: String(tag) };
  }
  const def = s._zod.def as unknown as ObjectDef;
  return def.type === "object" && def.shape ? { allowed: Object.keys(def.shape).filter((k) => k !== "$schema"), elsewhere: () => [] } : none;
}

function toPath(path: ReadonlyArray<PropertyKey>): Array<string | number> {
  return path.map((p) => (typeof p === "number" ? p : String(p)));
}

/** Findings for every issue of a failed parse, unknown keys split one per key. */
export function issuesToFindings(root: AnySchema, issues: ReadonlyArray<z.core.$ZodIssue>): Finding[] {
  const out: Finding[] = [];
  for (const iss of issues) {
    const path = toPath(iss.path);
    if (iss.code === "unrecognized_keys") {
      const { allowed, elsewhere, tag } = keysOf(root, iss.path, iss.input);
      for (const key of iss.keys) {
        const owners = elsewhere(key);
        const what = owners.length > 0 ? `${quote(key)} is an option of ${owners.join(", ")}, not of ${tag}` : `unknown key ${quote(key)}${didYouMean(key, allowed)}`;
        out.push(error([...path, key], `${what}; allowed keys: ${allowed.join(", ")}`, true));
      }
    } else if (iss.code === "invalid_key") {
      for (const inner of iss.issues) out.push(error(path, inner.message, true));
    } else {
      out.push(error(path, iss.message));
    }
  }
  return out;
}
