/**
 * lib/runtime/skip-resolve-of-plain-values.ts answers the plain part of cdktf 0.21.0's resolve
 * itself. These tests fail loudly when cdktf moves (hashes, markers, number pattern), compare
 * its answers with cdktf's own resolve for every kind of value, tokens among them (results and
 * error messages), and check what it hands to cdktf. That every example synthesizes to the same
 * bytes with the app's preload and without it is in skip-extra-resolve-passes.test.ts, and that
 * the app's process runs with it is in preload.test.ts.
 */
import { join } from "node:path";
import { Fn, Lazy, TerraformStack, Testing, Token } from "cdktf";
import { DefaultTokenResolver, StringConcat } from "cdktf/lib/tokens";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import {
  EXPECTED_SOURCE_HASHES,
  loadCdktfResolve,
  NUMBER_TOKEN_PATTERN,
  resolveWithPlainValuesSkipped,
  skipResolveOfPlainValues,
  type CdktfResolve,
  type Resolve,
} from "../lib/runtime/skip-resolve-of-plain-values";
import { sourceHash } from "../lib/runtime/engine";
import { installedEngine, type Engine } from "../lib/runtime/engine";
import { fakeCdktn } from "./fake-engine";

const engine = installedEngine() as Engine;
const internals = loadCdktfResolve(engine) as CdktfResolve;

describe("cdktf's internals", () => {
  it("are found", () => {
    expect(typeof internals).toBe("object");
  });

  it("are the 0.21.0 source the patch was written against", () => {
    const expected = { resolve: "c994da7dc9aece4b", tokenizationResolve: "ad0841a1b115f1e6", unresolved: "220cdfc75dd48ada" };
    expect({ resolve: sourceHash(internals.module.resolve), tokenizationResolve: sourceHash(internals.tokenizationResolve), unresolved: sourceHash(internals.unresolved) }).toEqual(expected);
    expect(EXPECTED_SOURCE_HASHES).toEqual(expected);
    expect(internals.markers).toEqual(["${TfToken[", "#{TfToken[", "&{TfToken["]);
    expect(internals.numberPattern).toBe("[-|\\d|.\\+]+(e[-|\\d|.|e|E|\\+]+)");
    expect(NUMBER_TOKEN_PATTERN).toBe(internals.numberPattern);
    expect(internals.mapTokenValues).toEqual(["String Map Token Value", "Any Map Token Value"]);
  });

  it("are left alone when any of that changed", () => {
    const cases: Array<Partial<CdktfResolve>> = [
      { module: { resolve: () => undefined } },
      { tokenizationResolve: () => undefined },
      { unresolved: () => true },
      { markers: ["${TfToken[", "#{Tok["] },
      { numberPattern: "[-\\d]+e\\d+" },
    ];
    for (const change of cases) {
      const module = { resolve: internals.module.resolve, ...change.module };
      expect(skipResolveOfPlainValues(engine, { ...internals, ...change, module })).toBe("engine source differs");
      expect(module.resolve).toBe(change.module?.resolve ?? internals.module.resolve);
    }
  });

  it("are CDK Terrain's when it is the engine installed: found through engine.ts, and left alone for their other source", () => {
    const cdktn = fakeCdktn();
    const found = loadCdktfResolve(cdktn)!;
    const resolve = found.module.resolve;
    expect(resolve("x", {})).toEqual({ cdktn: "x" });
    expect(skipResolveOfPlainValues(cdktn, found)).toBe("engine source differs");
    expect(found.module.resolve).toBe(resolve);
    expect(skipResolveOfPlainValues({ ...cdktn, dir: join(cdktn.dir, "missing") })).toBe("not found");
  });
});

describe("compared with cdktf's own resolve", () => {
  const original = internals.module.resolve;
  const handedOver: Array<{ value: unknown; prefix: string[] }> = [];
  const counting: Resolve = (obj, options) => {
    handedOver.push({ value: obj, prefix: options.prefix ?? [] });
    return original(obj, options);
  };
  const fast = resolveWithPlainValuesSkipped(counting, internals.mapTokenValues);
  const app = Testing.app();
  const stack = new TerraformStack(app, "s");
  const role = new IamRole(stack, "role", { assumeRolePolicy: "{}" });
  const options = () => ({ scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });

  /** Both resolves' answer: the JSON text (key order and undefined members shown), or the error message. */
  const answer = (resolve: Resolve, value: unknown) => {
    try {
      const r = resolve(value, options());
      return { json: JSON.stringify(r, (_k, v: unknown) => (v === undefined ? "<undefined>" : v instanceof Date ? `<Date ${v.getTime()}>` : v)), value: r };
    } catch (e) {
      return { error: (e as Error).message };
    }
  };
  const same = (value: unknown) => {
    const expected = answer(original, value);
    handedOver.length = 0;
    expect(answer(fast, value)).toEqual(expected);
    return expected;
  };

  let deep: Record<string, unknown> = { leaf: "x" };
  for (let i = 0; i < 205; i++) deep = { d: deep };
  const sparse: unknown[] = ["a"];
  sparse[3] = "b";

  const values: Array<[string, unknown]> = [
    ["plain text", "eks-pod-identity-agent"],
    ["an escaped Terraform template", "$${aws:PrincipalTag/team}-%%{x}"],
    ["number-like text cdktf scans for number tokens", "v1e5-and-a-e-b+e.c"],
    ["a map-token placeholder in a string", "String Map Token Value"],
    ["null, booleans and undefined members", { a: null, b: true, c: false, d: undefined, e: [undefined, "x", undefined] }],
    ["numbers, alone and in arrays", { n: 3600, list: [1, 2.5, -0], mixed: ["a", 7] }],
    ["a string token", { arn: role.arn, text: `prefix-${role.name}-suffix` }],
    ["a list token", { ids: Token.asList(Lazy.listValue({ produce: () => ["a", "b"] })) }],
    ["a number token", { n: Token.asNumber(Lazy.numberValue({ produce: () => 42 })), inText: `n=${Token.asNumber(Lazy.numberValue({ produce: () => 7 }))}` }],
    ["a map token", { tags: Token.asStringMap(Lazy.anyValue({ produce: () => ({ team: "a" }) })) }],
    ["a resolvable that produces an object", { value: Lazy.anyValue({ produce: () => ({ x: [role.id, "y"], z: undefined }) }) }],
    ["a function call", { b64: Fn.base64encode("x") }],
    ["a token in a key", { [role.name]: "v" }],
    ["a Date", { when: new Date(0) }],
    ["a sparse array", { sparse }],
    ["a function", { f: () => 1 }],
    ["a construct", { c: role }],
    ["nesting past cdktf's limit", deep],
    ["a fragment as a resource writes it", role.toTerraform()],
  ];

  it.each(values)("%s: the same result or error", (_what, value) => {
    same(value);
  });

  it("really compares: tokens resolve, and the errors are cdktf's", () => {
    expect(same({ arn: role.arn }).value).toEqual({ arn: "${aws_iam_role.role.arn}" });
    expect(same({ f: () => 1 }).error).toMatch(/function/i);
    expect(same({ c: role }).error).toMatch(/construct/i);
    expect(same(deep).error).toMatch(/circular/i);
    expect(same("String Map Token Value").error).toMatch(/map/i);
  });

  it("hands nothing plain to cdktf, and each token-holding value once, with its path", () => {
    same({ a: { b: ["x", { c: "y" }], d: true, e: null } });
    expect(handedOver).toEqual([]);
    const arn = role.arn; // each read makes a new token
    same({ a: { b: ["x", { c: arn }], n: 5 } });
    expect(handedOver).toEqual([
      { value: arn, prefix: ["a", "b", "1", "c"] },
      { value: 5, prefix: ["a", "n"] },
    ]);
    same({ list: ["x", 1] });
    expect(handedOver).toEqual([{ value: ["x", 1], prefix: ["list"] }]);
  });
});

describe("patched", () => {
  it("replaces cdktf's export once and keeps the original", () => {
    const module = { resolve: internals.module.resolve };
    const cdktf = { ...internals, module };
    expect(skipResolveOfPlainValues(engine, cdktf)).toBe(true);
    const patched = module.resolve;
    expect(patched).not.toBe(internals.module.resolve);
    expect(skipResolveOfPlainValues(engine, cdktf)).toBe(true);
    expect(module.resolve).toBe(patched);
    expect((module as Record<symbol, unknown>)[Symbol.for("eks-pod-identity-tenants.skip-resolve-of-plain-values")]).toBe(internals.module.resolve);
  });
});
