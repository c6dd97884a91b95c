/**
 * cdktf resolves each element of a stack by walking every value of its JSON fragment: for each
 * string, number, array, object and object key it builds a fresh resolution context (three
 * closures and two objects) and runs up to four regular expressions, although almost every
 * value is plain text with no token in it. At 5,000 tenants that walk was most of the CPU time
 * left in a synth (profile in docs/benchmarks.md). This module, run by preload.ts in the app's
 * process only, answers the plain part of that walk itself and hands every value that could
 * hold a token, with its path, to cdktf's own resolve, so the output stays byte-identical.
 *
 * What "plain" means is read off cdktf 0.21.0's `resolve` (node_modules/cdktf/lib/tokens/private/
 * resolve.js) and `encoding.js` beside it:
 * - a string is plain when it holds no `TfToken[` (the common part of the string, list and map
 *   token markers) and nothing cdktf's number-token pattern matches, and is not one of the two
 *   map-token placeholder values: cdktf then returns it unchanged;
 * - `undefined`, `null` and booleans are returned unchanged;
 * - an array without numbers and without marker strings is resolved element by element, and
 *   `undefined` elements are dropped;
 * - an object that is not a Date, a resolvable (a `resolve` method) or a construct, and whose
 *   keys are plain strings, is resolved value by value, and `undefined` values are dropped.
 * Everything else (numbers, tokens, token strings, list and map tokens, functions, constructs,
 * and anything nested deeper than cdktf's 200-level limit) goes to cdktf's resolve with the
 * same path (`prefix`) and options, so its results and its error messages are cdktf's.
 *
 * cdktf's `Tokenization.resolve` calls `resolve_1.resolve(...)` through the exports object of
 * resolve.js, so replacing that export takes effect for every resolve of an element; cdktf's
 * own recursion inside a token's value is left as it is. It leans on cdktf 0.21.0 internals, so
 * it patches nothing unless the functions' source hashes and the markers and pattern below are
 * still what they were (__tests__/skip-resolve-of-plain-values.test.ts fails loudly when it stops
 * applying, compares it with cdktf's resolve value by value, and compares every example's
 * output with and without it). After a migration to CDK Terrain (the cdktf successor),
 * re-check the four cases above against its resolve.js, the token markers and the number
 * pattern in encoding.js, and that Tokenization.resolve still calls the export; then update the
 * hashes.
 */
import { join } from "node:path";
import type { Engine } from "./engine";
import { sourceMatches } from "./skip-extra-resolve-passes";

/** sha256 (first 16 hex digits) of each function's `toString()` in cdktf 0.21.0. */
export const EXPECTED_SOURCE_HASHES = {
  resolve: "c994da7dc9aece4b",
  tokenizationResolve: "ad0841a1b115f1e6",
  unresolved: "220cdfc75dd48ada",
} as const;

/** cdktf 0.21.0's NUMBER_TOKEN_REGEX source (encoding.js). */
export const NUMBER_TOKEN_PATTERN = "[-|\\d|.\\+]+(e[-|\\d|.|e|E|\\+]+)";

/**
 * Matches somewhere in a string exactly when cdktf's number-token pattern does: one character
 * of the first class, an `e`, one character of the second (the pattern's `+` needs only one).
 */
const NUMBER_LIKE = /[-|\d.+]e[-|\d.eE+]/;
const MARKER = "TfToken[";
const MAX_DEPTH = 200;

const PATCHED = Symbol.for("eks-pod-identity-tenants.skip-resolve-of-plain-values");

interface ResolveOptions {
  readonly prefix?: string[];
  readonly [k: string]: unknown;
}

export type Resolve = (obj: unknown, options: ResolveOptions) => unknown;

export interface CdktfResolve {
  /** The exports object of cdktf/lib/tokens/private/resolve.js. */
  readonly module: { resolve: Resolve };
  readonly tokenizationResolve: unknown;
  readonly unresolved: unknown;
  readonly markers: readonly string[];
  readonly numberPattern: string;
  readonly mapTokenValues: readonly string[];
}

/** The engine's internals the patch touches, or undefined when they are not there. */
export function loadCdktfResolve(engine: Engine): CdktfResolve | undefined {
  const lib = (path: string): unknown => require(join(engine.dir, "lib", path));
  try {
    const module = lib("tokens/private/resolve") as CdktfResolve["module"];
    const encoding = lib("tokens/private/encoding") as {
      BEGIN_STRING_TOKEN_MARKER: string;
      BEGIN_LIST_TOKEN_MARKER: string;
      BEGIN_MAP_TOKEN_MARKER: string;
      TokenString: { forNumbers(s: string): { re: RegExp } };
      unresolved: unknown;
    };
    const token = lib("tokens/token") as { Token: { STRING_MAP_TOKEN_VALUE: string; ANY_MAP_TOKEN_VALUE: string }; Tokenization: { resolve: unknown } };
    return {
      module,
      tokenizationResolve: token.Tokenization.resolve,
      unresolved: encoding.unresolved,
      markers: [encoding.BEGIN_STRING_TOKEN_MARKER, encoding.BEGIN_LIST_TOKEN_MARKER, encoding.BEGIN_MAP_TOKEN_MARKER],
      numberPattern: encoding.TokenString.forNumbers("").re.source,
      mapTokenValues: [token.Token.STRING_MAP_TOKEN_VALUE, token.Token.ANY_MAP_TOKEN_VALUE],
    };
  } catch {
    return undefined;
  }
}

/** Whether the engine's functions, token markers and number pattern are cdktf 0.21.0's. */
function fits(cdktf: CdktfResolve): boolean {
  const found = { resolve: cdktf.module.resolve, tokenizationResolve: cdktf.tokenizationResolve, unresolved: cdktf.unresolved };
  return sourceMatches(found, EXPECTED_SOURCE_HASHES) && cdktf.markers.every((m) => m.includes(MARKER)) && cdktf.numberPattern === NUMBER_TOKEN_PATTERN;
}

/**
 * cdktf's resolve with the plain part of the walk answered directly. `original` gets every
 * value that could hold a token, with the path cdktf would have given it.
 */
export function resolveWithPlainValuesSkipped(original: Resolve, mapTokenValues: readonly string[]): Resolve {
  const plainString = (s: string) => !s.includes(MARKER) && !NUMBER_LIKE.test(s) && !mapTokenValues.includes(s);
  return function resolve(obj: unknown, options: ResolveOptions): unknown {
    const base = options.prefix ?? [];
    // The path below `base`, pushed and popped as the walk goes; copied only for a hand-over.
    const path: string[] = [];
    const handOver = (x: unknown) => original(x, path.length === 0 ? options : { ...options, prefix: base.concat(path) });
    const walk = (x: unknown): unknown => {
      if (base.length + path.length > MAX_DEPTH) return handOver(x);
      if (x === undefined || x === null || typeof x === "boolean") return x;
      if (typeof x === "string") return plainString(x) ? x : handOver(x);
      if (typeof x !== "object") return handOver(x);
      if (Array.isArray(x)) {
        if (x.some((e) => typeof e === "number" || (typeof e === "string" && e.includes(MARKER)))) return handOver(x);
        const out: unknown[] = [];
        for (let i = 0; i < x.length; i++) {
          path.push(String(i));
          const v = walk(x[i]);
          path.pop();
          if (v !== undefined) out.push(v);
        }
        return out;
      }
      const record = x as Record<string, unknown>;
      if (x instanceof Date || typeof record.resolve === "function" || (record._children !== undefined && record._metadata !== undefined)) return handOver(x);
      const keys = Object.keys(record);
      if (!keys.every(plainString)) return handOver(x);
      const out: Record<string, unknown> = {};
      for (const k of keys) {
        path.push(k);
        const v = walk(record[k]);
        path.pop();
        if (v !== undefined) out[k] = v;
      }
      return out;
    };
    return walk(obj);
  };
}

/**
 * Patches the engine's resolve in this process. Returns true, or why not: an engine whose
 * functions differ from cdktf 0.21.0's (another version, CDK Terrain) is left alone, and synth
 * is then slower, never wrong.
 */
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
