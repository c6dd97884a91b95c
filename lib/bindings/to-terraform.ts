/**
 * How the generated bindings (lib/bindings/generated/) turn their camelCase config into the
 * Terraform arguments of the provider's schema. It does what the `...ToTerraform` functions of
 * the CDKTF prebuilt providers do (for example @cdktf/provider-kubernetes 12.1.1,
 * lib/service-account-v1/index.js), driven by a table instead of one function per block, so that
 * the same Terraform JSON comes out under either engine:
 * - a value is passed on as it is (strings, numbers, booleans, maps and lists of them, tokens);
 * - a nested object or block is renamed field by field, and fields the schema lacks are dropped;
 * - a list of blocks goes through the engine's own `listMapper(…, true)`, which turns a
 *   `TerraformIterator` dynamic expression into a dynamic block, as the prebuilt bindings do.
 */
import { listMapper, Tokenization } from "cdktf";

/** One argument: its Terraform name, and for a nested object or block, its own fields. */
export type Field = string | { readonly tf: string; readonly one: Fields } | { readonly tf: string; readonly many: Fields };

/** The arguments of a block or object, by their camelCase name in the config. */
export interface Fields {
  readonly [camelCase: string]: Field;
}

function tfName(field: Field): string {
  return typeof field === "string" ? field : field.tf;
}

/** A nested object or block as Terraform names it; tokens and anything not an object pass through. */
export function objectToTerraform(fields: Fields, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value) || Tokenization.isResolvable(value)) return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) out[tfName(field)] = fieldToTerraform(field, source[name]);
  return out;
}

function fieldToTerraform(field: Field, value: unknown): unknown {
  if (typeof field === "string") return value;
  if ("one" in field) return objectToTerraform(field.one, value);
  return listMapper((element: unknown) => objectToTerraform(field.many, element), true)(value);
}

/**
 * The top-level arguments of a resource or provider. A resource's single nested block (such as
 * `metadata` or `timeouts`) is left out when it has fields but none of them is set: the prebuilt
 * bindings keep such a block in an output reference, whose `internalValue` is undefined then,
 * while an explicit `{}` stays `{}`. Providers keep their arguments as given.
 */
export function attributesToTerraform(fields: Fields, config: object, resource: boolean): Record<string, unknown> {
  const source = config as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) {
    const value = source[name];
    out[tfName(field)] = resource && isUnsetBlock(field, value) ? undefined : fieldToTerraform(field, value);
  }
  return out;
}

function isUnsetBlock(field: Field, value: unknown): boolean {
  if (typeof field === "string" || !("one" in field)) return false;
  if (value === null || typeof value !== "object" || Tokenization.isResolvable(value)) return false;
  const source = value as Record<string, unknown>;
  return Object.keys(source).length > 0 && Object.keys(field.one).every((name) => source[name] === undefined);
}
