/**
 * cdktf's `resolve` (lib/tokens/private/resolve.js) builds a resolution context and runs up to
 * four regular expressions for every string, number, array, object and key of every element,
 * though almost all of them are plain text (docs/benchmarks.md, "The patches"). This answers the
 * plain part itself, as cdktf 0.21.0 would (strings with no `TfToken[` marker, nothing the
 * number-token pattern matches and no map-token placeholder; null, booleans, undefined; arrays
 * and objects of those, undefined members dropped), and hands everything else, with its path,
 * to cdktf's own resolve, so results and errors stay cdktf's. `Tokenization.resolve` calls it
 * through the module's exports, which is where it goes. An engine whose functions, markers or
 * pattern differ from cdktf 0.21.0's (another version, CDK Terrain) is left alone.
 */
import { join } from "node:path";
import type { Engine } from "./engine";
import { sourceMatches } from "./skip-extra-resolve-passes";

/** sha256 (first 16 hex digits) of each function's `toString()` in cdktf 0.21.0. */
export const EXPECTED_SOURCE_HASHES = { resolve: "c994da7dc9aece4b", tokenizationResolve: "ad0841a1b115f1e6", unresolved: "220cdfc75dd48ada" } as const;

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

type ResolveOptions = { readonly prefix?: string[]; readonly [k: string]: unknown };
export type Resolve = (obj: unknown, options: ResolveOptions) => unknown;

export interface CdktfResolve {
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
    const encoding = lib("tokens/private/encoding") as Record<`BEGIN_${"STRING" | "LIST" | "MAP"}_TOKEN_MARKER`, string> & { TokenString: { forNumbers(s: string): { re: RegExp } }; unresolved: unknown };
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

/** cdktf's resolve, with the plain part answered here and the rest handed to `original`. */
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
