/**
 * Answers the plain part of cdktf's resolve walk itself and hands every value that could hold a
 * token, with its path, to cdktf's own; only for cdktf 0.21.0's source, markers and number
 * pattern: docs/benchmarks.md, "The patches kept", skip-resolve-of-plain-values.
 */
import { join } from "node:path";
import { sourceMatches, type Engine } from "./engine";

/** sha256 (first 16 hex digits) of each function's `toString()` in cdktf 0.21.0. */
export const EXPECTED_SOURCE_HASHES = { resolve: "c994da7dc9aece4b", tokenizationResolve: "ad0841a1b115f1e6", unresolved: "220cdfc75dd48ada" } as const;
/** cdktf 0.21.0's NUMBER_TOKEN_REGEX source (encoding.js). */
export const NUMBER_TOKEN_PATTERN = "[-|\\d|.\\+]+(e[-|\\d|.|e|E|\\+]+)";
/** Matches where cdktf's number pattern does: a character of each class around an `e`. */
const NUMBER_LIKE = /[-|\d.+]e[-|\d.eE+]/;
const MARKER = "TfToken[";
const MAX_DEPTH = 200;
const PATCHED = Symbol.for("eks-pod-identity-tenants.skip-resolve-of-plain-values");
type ResolveOptions = { readonly prefix?: string[]; readonly [k: string]: unknown };
export type Resolve = (obj: unknown, options: ResolveOptions) => unknown;
export type CdktfResolve = { readonly module: { resolve: Resolve }; readonly tokenizationResolve: unknown; readonly unresolved: unknown; readonly markers: readonly string[]; readonly numberPattern: string; readonly mapTokenValues: readonly string[] };
/** The engine's internals the patch touches, or undefined when they are not there. */
export function loadCdktfResolve(engine: Engine): CdktfResolve | undefined {
  const lib = (path: string): unknown => require(join(engine.dir, "lib", path));
  try {
    const module = lib("tokens/private/resolve") as CdktfResolve["module"];
    const encoding = lib("tokens/private/encoding") as Record<`BEGIN_${"STRING" | "LIST" | "MAP"}_TOKEN_MARKER`, string> & { TokenString: { forNumbers(s: string): { re: RegExp } }; unresolved: unknown };
    const token = lib("tokens/token") as { Token: { STRING_MAP_TOKEN_VALUE: string; ANY_MAP_TOKEN_VALUE: string }; Tokenization: { resolve: unknown } };
    const markers = [encoding.BEGIN_STRING_TOKEN_MARKER, encoding.BEGIN_LIST_TOKEN_MARKER, encoding.BEGIN_MAP_TOKEN_MARKER];
    const mapTokenValues = [token.Token.STRING_MAP_TOKEN_VALUE, token.Token.ANY_MAP_TOKEN_VALUE];
    return { module, tokenizationResolve: token.Tokenization.resolve, unresolved: encoding.unresolved, markers, numberPattern: encoding.TokenString.forNumbers("").re.source, mapTokenValues };
  } catch {
    return undefined;
  }
}
/** Whether the engine's functions, token markers and number pattern are cdktf 0.21.0's. */
const fits = (c: CdktfResolve) =>
  sourceMatches({ resolve: c.module.resolve, tokenizationResolve: c.tokenizationResolve, unresolved: c.unresolved }, EXPECTED_SOURCE_HASHES) && c.markers.every((m) => m.includes(MARKER)) && c.numberPattern === NUMBER_TOKEN_PATTERN;
/** cdktf's resolve, with the plain part answered here and the rest handed to `original`. */
export function resolveWithPlainValuesSkipped(original: Resolve, mapTokenValues: readonly string[]): Resolve {
  const plainString = (s: string) => !s.includes(MARKER) && !NUMBER_LIKE.test(s) && !mapTokenValues.includes(s);
  return function resolve(obj: unknown, options: ResolveOptions): unknown {
    const base = options.prefix ?? [];
    const path: string[] = []; // below `base`, pushed and popped; copied only for a hand-over
    const handOver = (x: unknown) => original(x, path.length === 0 ? options : { ...options, prefix: base.concat(path) });
    const walk = (x: unknown): unknown => {
      if (base.length + path.length > MAX_DEPTH) return handOver(x);
      if (x === undefined || x === null || typeof x === "boolean") return x;
      if (typeof x === "string") return plainString(x) ? x : handOver(x);
      if (typeof x !== "object") return handOver(x);
      if (Array.isArray(x)) {
        if (x.some((e) => typeof e === "number" || (typeof e === "string" && e.includes(MARKER)))) return handOver(x);
        return x.map((e, i) => step(String(i), e)).filter((v) => v !== undefined);
      }
      const record = x as Record<string, unknown>;
      if (x instanceof Date || typeof record.resolve === "function" || (record._children !== undefined && record._metadata !== undefined)) return handOver(x);
      const keys = Object.keys(record);
      if (!keys.every(plainString)) return handOver(x);
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        const v = step(k, record[k]);
        if (v !== undefined) out[k] = v;
      }
      return out;
    };
    const step = (key: string, x: unknown) => {
      path.push(key);
      const v = walk(x);
      path.pop();
      return v;
    };
    return walk(obj);
  };
}
export function skipResolveOfPlainValues(engine: Engine, cdktf: CdktfResolve | undefined = loadCdktfResolve(engine)): true | string {
  if (!cdktf) return "not found";
  const module = cdktf.module as CdktfResolve["module"] & { [PATCHED]?: Resolve };
  if (module[PATCHED] !== undefined) return true;
  if (!fits(cdktf)) return "engine source differs";
  const original = module.resolve;
  module.resolve = resolveWithPlainValuesSkipped(original, cdktf.mapTokenValues);
  Object.defineProperty(module, PATCHED, { value: original });
  return true;
}
