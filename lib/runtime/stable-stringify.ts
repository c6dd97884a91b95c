/**
 * cdktf writes each stack's cdk.tf.json with `json-stable-stringify` (1.x, required by
 * node_modules/cdktf/lib/synthesize/synthesizer.js and manifest.js): JSON with sorted keys.
 * That library builds the text of every object and array as a string of its own and then joins
 * it into its parent's, so each byte of the output is copied once per level of nesting. At
 * 5,000 tenants (a 25 MB file, nested 8 deep) that made some 150 MB of garbage strings in the
 * last second of a synth, which is where the process reached its peak memory (docs/benchmarks.md).
 *
 * The stand-in here writes the same text with JSON.stringify, which builds its output in one
 * growing buffer, over a copy of the value with sorted keys: at 5,000 tenants peak RSS fell by
 * some 60 MiB. It follows json-stable-stringify 1.3.0's rules exactly, including the quirks:
 * `toJSON` is called; `undefined`, functions and symbols are left out of objects and written as
 * `null` in arrays; keys sort by UTF-16 code units (Array.prototype.sort); an empty object or
 * array with indentation is written as `{` newline-and-indent `}`; circular objects throw. An
 * object with array-index keys (which JavaScript enumerates first), or any option other than
 * `space`, goes to the real library, loaded then. __tests__/stable-stringify.test.ts compares
 * both on awkward values and on the examples' stacks.
 *
 * The preload puts it into Node's module cache under json-stable-stringify's resolved file name,
 * before cdktf loads (Node documents `require.cache` entries as replaceable:
 * https://nodejs.org/api/modules.html#requirecache), so cdktf's `require` returns it. After a
 * migration to CDK Terrain, check which library it writes JSON with and that library's version.
 */
import Module from "node:module";
import { randomBytes } from "node:crypto";
import type { Engine } from "./engine";

type Options = { space?: number | string } | undefined;

/** An object has a key that JavaScript would enumerate before the others ("0", "17"). */
class IndexKey extends Error {}

const writesNothing = (node: unknown) => node === undefined || typeof node === "function" || typeof node === "symbol";

const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;

/**
 * json-stable-stringify's output for `value` with `opts.space`, or `IndexKey` thrown when an
 * object has an array-index key: objects enumerate those first, in numeric order, so
 * JSON.stringify cannot put them in json-stable-stringify's string order.
 */
function nativeStableStringify(value: unknown, opts?: Options): string | undefined {
  let space = opts?.space ?? "";
  if (typeof space === "number") space = " ".repeat(space);
  const pad = space;
  // Empty objects and arrays are written as "{" + indent + "}", which JSON.stringify does not
  // do: they become a marker string that no data can hold (a random nonce), replaced at the end.
  const nonce = randomBytes(12).toString("hex");
  let empties = 0;
  const empty = (brackets: "{" | "[", level: number) => {
    empties++;
    return `${nonce}:${level}:${brackets}`;
  };
  const seen = new Set<object>();
  const prepare = (node: unknown): unknown => (node && typeof (node as { toJSON?: unknown }).toJSON === "function" ? (node as { toJSON(): unknown }).toJSON() : node);

  // A copy with sorted keys and nothing JSON.stringify would treat differently.
  const copy = (node: unknown, level: number): unknown => {
    if (typeof node !== "object" || node === null) return node;
    if (Array.isArray(node)) {
      if (node.length === 0) return pad ? empty("[", level) : node;
      return node.map((item) => copy(prepare(item), level + 1));
    }
    if (seen.has(node)) throw new TypeError("Converting circular structure to JSON");
    seen.add(node);
    // No prototype, so that a "__proto__" key is a key like any other.
    const sorted = Object.create(null) as Record<string, unknown>;
    let kept = 0;
    for (const key of Object.keys(node).sort()) {
      const item = prepare((node as Record<string, unknown>)[key]);
      if (writesNothing(item)) continue;
      if (ARRAY_INDEX.test(key)) throw new IndexKey();
      sorted[key] = copy(item, level + 1);
      kept++;
    }
    seen.delete(node);
    return kept === 0 && pad ? empty("{", level) : sorted;
  };

  const top = prepare(value);
  if (writesNothing(top)) return undefined;
  const text = JSON.stringify(copy(top, 0), null, pad);
  if (empties === 0) return text;
  return text.replace(new RegExp(`"${nonce}:(\\d+):([[{])"`, "g"), (_m, level: string, open: string) => `${open}\n${pad.repeat(Number(level))}${open === "[" ? "]" : "}"}`);
}

const SUPPORTED = new Set(["space"]);

/**
 * Seeds `cache` so that json-stable-stringify, resolved from the engine's folder, is this
 * stand-in (the real one for options it does not handle). Returns the file it replaced, if any.
 */
export function seedStableStringify(cache: NodeJS.Dict<NodeJS.Module>, resolve: () => string | undefined): string | undefined {
  const file = resolve();
  if (!file || cache[file]) return undefined;
  let real: ((v: unknown, o?: unknown) => string | undefined) | undefined;
  // The real library, for options this one does not handle: required past the stand-in.
  const loadReal = () =>
    (real ??= (() => {
      const standIn = cache[file];
      delete cache[file];
      try {
        return require(file) as NonNullable<typeof real>;
      } finally {
        cache[file] = standIn;
      }
    })());
  const m = new Module(file);
  m.filename = file;
  m.loaded = true;
  m.exports = (value: unknown, opts?: unknown) => {
    const plain = opts === undefined || (typeof opts === "object" && opts !== null && Object.keys(opts).every((k) => SUPPORTED.has(k)));
    if (plain) {
      try {
        return nativeStableStringify(value, opts as Options);
      } catch (e) {
        if (!(e instanceof IndexKey)) throw e;
      }
    }
    return loadReal()(value, opts);
  };
  cache[file] = m;
  return file;
}

/** The patch: true, or why not. */
export function useStableStringify(engine: Engine): true | string {
  const resolve = () => {
    try {
      return require.resolve("json-stable-stringify", { paths: [engine.dir] });
    } catch {
      return undefined;
    }
  };
  return seedStableStringify(require.cache, resolve) ? true : "not found";
}
