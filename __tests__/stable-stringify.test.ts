/**
 * lib/runtime/stable-stringify.ts must write exactly what json-stable-stringify (the library
 * cdktf writes cdk.tf.json with) writes. Each case compares the two; the examples' stacks are
 * compared byte for byte in skip-extra-resolve-passes.test.ts (preload vs plain main.js).
 */
import Module from "node:module";
import { dirname } from "node:path";
import { seedStableStringify } from "../lib/runtime/stable-stringify";

const file = require.resolve("json-stable-stringify", { paths: [dirname(require.resolve("cdktf/package.json"))] });
const real = require(file) as (v: unknown, o?: unknown) => string | undefined;

// The stand-in, seeded into a cache of its own so the real module stays untouched here.
const cache: NodeJS.Dict<NodeJS.Module> = {};
const seeded = seedStableStringify(cache, file);
const standIn = cache[file]!.exports as (v: unknown, o?: unknown) => string | undefined;

class WithToJson {
  toJSON() {
    return { z: 1, a: [new Date(0)] };
  }
}

const awkward: Record<string, unknown> = {
  "nested objects and arrays": { b: { d: [1, { y: 2, x: [3, [4]] }], c: "s" }, a: null },
  "empty objects and arrays at every depth": { a: {}, b: [], c: [{}, [], [[]]], d: { e: { f: {} } } },
  "an object whose values are all left out": { a: { u: undefined, f: () => 1 }, b: [undefined, () => 1, Symbol("s")] },
  "undefined, functions and symbols": { u: undefined, f: () => 1, s: Symbol("s"), keep: 0, arr: [undefined, () => 1, Symbol("t")] },
  "toJSON, Dates, and toJSON returning undefined": { w: new WithToJson(), d: new Date(86_400_000), n: { toJSON: () => undefined } },
  "key order by UTF-16 code units": { "b": 1, "B": 2, "a": 3, "ä": 4, "😀": 5, "\uffff": 6, "_": 7, "-": 8, "a0": 9 },
  "strings needing escapes": { "q\"uote": "line\nbreak\ttab\u0000nul\u2028ls", "${x}": "${aws_iam_role.a.arn}" },
  "numbers": { i: 1, f: 1.5, e: 1e21, neg: -0, nan: NaN, inf: -Infinity, big: 2 ** 53 + 2 },
  "array-index keys (sorted as strings)": { "10": "ten", "2": "two", "1": { "0": [], b: {} }, a: 1 },
  "keys named like Object.prototype members": Object.defineProperty({ constructor: 1, toString: { valueOf: 2 }, hasOwnProperty: [] }, "__proto__", { value: { a: 1 }, enumerable: true }),
  "primitives at the top": 42,
  "a string at the top": "text",
  "null at the top": null,
  "an empty object at the top": {},
  "an empty array at the top": [],
};

describe.each([2, "  ", "\t", 0, undefined])("space %p", (space) => {
  const opts = space === undefined ? undefined : { space };
  it.each(Object.entries(awkward))("%s", (_name, value) => {
    const expected = real(value, opts);
    expect(typeof expected).toBe("string");
    expect(standIn(value, opts)).toBe(expected);
  });
});

it("writes nothing where the library writes nothing", () => {
  for (const v of [undefined, () => 1, Symbol("s")]) {
    expect(real(v, { space: 2 })).toBeUndefined();
    expect(standIn(v, { space: 2 })).toBeUndefined();
  }
});

it("throws on a circular object, as the library does", () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = { back: cyclic };
  expect(() => real(cyclic, { space: 2 })).toThrow(new TypeError("Converting circular structure to JSON"));
  expect(() => standIn(cyclic, { space: 2 })).toThrow(new TypeError("Converting circular structure to JSON"));
});

it("hands other options to the real library", () => {
  const cmp = (a: { key: string }, b: { key: string }) => (a.key < b.key ? 1 : -1);
  expect(standIn({ a: 1, b: 2 }, { cmp })).toBe('{"b":2,"a":1}');
  expect(standIn({ a: {} }, { space: 2, collapseEmpty: true })).toBe('{\n  "a": {}\n}');
  expect(cache[file]!.exports).toBe(standIn);
});

it("seeds the cache once, under the resolved file, and leaves an existing entry alone", () => {
  expect(seeded).toBe(file);
  expect(cache[file]).toBeInstanceOf(Module);
  expect(seedStableStringify(cache, file)).toBeUndefined();
  expect(seedStableStringify({}, undefined)).toBeUndefined();
});
