/**
 * Writes cdk.tf.json as json-stable-stringify 1.3.0 does, with its quirks, in one buffer instead
 * of a string per object: docs/benchmarks.md, "The patches kept", stable-stringify.
 */
import { randomBytes } from "node:crypto";
import type { Engine } from "./engine";
import { resolveFrom, seedModule } from "./lazy-module";

type Options = { space?: number | string } | undefined;
/** An object has a key that JavaScript would enumerate before the others ("0", "17"). */
class IndexKey extends Error {}
const writesNothing = (node: unknown) => node === undefined || typeof node === "function" || typeof node === "symbol";
const ARRAY_INDEX = /^(?:0|[1-9][0-9]*)$/;
/** json-stable-stringify's output for `value`, or IndexKey thrown for an array-index key. */
function nativeStableStringify(value: unknown, opts?: Options): string | undefined {
  const pad = typeof opts?.space === "number" ? " ".repeat(opts.space) : (opts?.space ?? "");
  // Empty objects and arrays are written as "{" + indent + "}", which JSON.stringify does not
  // do: they become a marker string that no data can hold (a random nonce), replaced at the end.
  const nonce = randomBytes(12).toString("hex");
  let empties = 0;
  const empty = (brackets: "{" | "[", level: number) => `${nonce}:${level}:${brackets}${(empties++, "")}`;
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
/** Puts the stand-in into `cache` under the library's file; returns that file, if it did. */
export function seedStableStringify(cache: NodeJS.Dict<NodeJS.Module>, file: string | undefined): string | undefined {
  let real: ((v: unknown, o?: unknown) => string | undefined) | undefined;
  // The real library, for what the stand-in does not handle: required past the stand-in.
  const loadReal = () => {
    const standIn = cache[file!];
    delete cache[file!];
    try {
      return (real ??= require(file!) as NonNullable<typeof real>);
    } finally {
      cache[file!] = standIn;
    }
  };
  const stringify = (value: unknown, opts?: unknown) => {
    const plain = opts === undefined || (typeof opts === "object" && opts !== null && Object.keys(opts).every((k) => k === "space"));
    try {
      if (plain) return nativeStableStringify(value, opts as Options);
    } catch (e) {
      if (!(e instanceof IndexKey)) throw e;
    }
    return loadReal()(value, opts);
  };
  return seedModule(cache, file, () => stringify) ? file : undefined;
}
export function useStableStringify(engine: Engine): true | string {
  return seedStableStringify(require.cache, resolveFrom("json-stable-stringify", engine.dir)) ? true : "not found";
}
