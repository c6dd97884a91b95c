/**
 * lib/runtime/skip-extra-resolve-passes.ts leans on cdktf 0.21.0's TerraformStack and Reference
 * source. These tests fail loudly when cdktf moves (hashes), prove that the two passes are really
 * skipped, that what the skip cannot handle is refused or left to cdktf, and that every example
 * synthesizes to the same bytes with the app's preload and without it.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { App, TerraformOutput, TerraformStack } from "cdktf";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CrossStackReferenceError, EXPECTED_SOURCE_HASHES, loadCdktf, skipExtraResolvePasses, type Cdktf } from "../lib/runtime/skip-extra-resolve-passes";
import { installedEngine, sourceHash, type Engine } from "../lib/runtime/engine";
import { tenantsYaml } from "../bench/tenants-file";
import { fakeCdktn } from "./fake-engine";
import { appCommand, ROOT } from "./run";

const engine = installedEngine() as Engine;
const internals = loadCdktf(engine) as Cdktf;

describe("before patching", () => {
  it("finds cdktf's internals", () => {
    expect(typeof internals).toBe("object");
  });

  it("cdktf's prepareStack, toTerraform and Reference.resolve are the 0.21.0 source the patch was written against", () => {
    expect({
      prepareStack: sourceHash(internals.TerraformStack.prototype.prepareStack),
      toTerraform: sourceHash(internals.TerraformStack.prototype.toTerraform),
      referenceResolve: sourceHash(internals.referencePrototype.resolve),
    }).toEqual({ prepareStack: "7f39aeeb3fcd23a8", toTerraform: "07d724012b247878", referenceResolve: "04e95cd69ef257c1" });
    expect(EXPECTED_SOURCE_HASHES).toEqual({ prepareStack: "7f39aeeb3fcd23a8", toTerraform: "07d724012b247878", referenceResolve: "04e95cd69ef257c1" });
  });

  it("leaves a changed cdktf alone and says why", () => {
    const prototype = { ...internals.TerraformStack.prototype, prepareStack() {} };
    const changed = { ...internals, TerraformStack: { ...internals.TerraformStack, prototype } } as unknown as Cdktf;
    expect(skipExtraResolvePasses(engine, changed)).toBe("engine source differs");
    expect(Object.getOwnPropertySymbols(prototype)).toEqual([]);
    expect(skipExtraResolvePasses({ ...engine, dir: join(tmpdir(), "no-such-engine") })).toBe("not found");
  });

  it("finds CDK Terrain's copy through engine.ts, and stands down on its other source without touching it", () => {
    const cdktn = fakeCdktn();
    const found = loadCdktf(cdktn)!;
    expect(found.TerraformStack.prototype.toTerraform()).toEqual({ cdktn: true });
    const before = { prepareStack: found.TerraformStack.prototype.prepareStack, toTerraform: found.TerraformStack.prototype.toTerraform, resolve: found.referencePrototype.resolve };
    expect(skipExtraResolvePasses(cdktn, found)).toBe("engine source differs");
    expect({ prepareStack: found.TerraformStack.prototype.prepareStack, toTerraform: found.TerraformStack.prototype.toTerraform, resolve: found.referencePrototype.resolve }).toEqual(before);
  });
});

describe("patched", () => {
  const resolveCalls: Array<{ preparing: boolean; mergedTree: boolean }> = [];
  beforeAll(() => {
    expect(skipExtraResolvePasses(engine, internals)).toBe(true);
    // Every call that reaches cdktf's own resolve, seen from the stack module's side.
    const original = internals.tokens.resolve;
    internals.tokens.resolve = (scope, obj, preparing) => {
      resolveCalls.push({ preparing: preparing === true, mergedTree: typeof obj === "object" && obj !== null && "//" in obj });
      return original(scope, obj, preparing);
    };
  });

  const outdir = mkdtempSync(join(tmpdir(), "skip-resolve-"));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const stackIn = (app: App, id: string) => {
    const stack = new TerraformStack(app, id);
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    return stack;
  };
  const written = (stack: string) => JSON.parse(readFileSync(join(outdir, "stacks", stack, "cdk.tf.json"), "utf8")) as Record<string, any>;

  it("is idempotent", () => {
    expect(skipExtraResolvePasses(engine, internals)).toBe(true);
  });

  it("runs no preparing resolve and no resolve of the merged tree, and still writes every reference", () => {
    resolveCalls.length = 0;
    const app = new App({ outdir });
    const stack = stackIn(app, "one");
    const a = new IamRole(stack, "a", { name: "a", assumeRolePolicy: "{}" });
    new IamRole(stack, "b", { name: "b", assumeRolePolicy: "{}", description: a.arn });
    app.synth();
    expect(resolveCalls.filter((c) => c.preparing)).toEqual([]);
    expect(resolveCalls.filter((c) => c.mergedTree)).toEqual([]);
    expect(resolveCalls.length).toBeGreaterThan(0);
    const tf = written("one");
    expect(tf.resource.aws_iam_role.b.description).toBe("${aws_iam_role.a.arn}");
    // prepareStack still makes the default backend exist.
    expect(tf.terraform.backend).toEqual({ local: { path: join(process.cwd(), "terraform.one.tfstate") } });
  });

  it("lets cdktf resolve the merged tree when the stack's overrides hold tokens", () => {
    resolveCalls.length = 0;
    const app = new App({ outdir });
    const stack = stackIn(app, "overrides");
    const a = new IamRole(stack, "a", { name: "a", assumeRolePolicy: "{}" });
    stack.addOverride("output.a_arn.value", a.arn);
    stack.addOverride("terraform.required_version", ">= 1.10");
    app.synth();
    expect(resolveCalls.filter((c) => c.mergedTree)).toHaveLength(1);
    const tf = written("overrides");
    expect(tf.output).toEqual({ a_arn: { value: "${aws_iam_role.a.arn}" } });
    expect(tf.terraform.required_version).toBe(">= 1.10");
  });

  it("refuses a cross-stack reference instead of writing one that points nowhere", () => {
    const app = new App({ outdir });
    const producer = stackIn(app, "producer");
    const consumer = stackIn(app, "consumer");
    const a = new IamRole(producer, "a", { name: "a", assumeRolePolicy: "{}" });
    new TerraformOutput(consumer, "arn", { value: a.arn });
    expect(() => app.synth()).toThrow(CrossStackReferenceError);
    expect(() => app.synth()).toThrow("consumer refers to aws_iam_role.a.arn of stack producer: cross-stack references need cdktf's preparing resolve pass");
  });
});

describe("every example, with the app's preload and without it", () => {
  const tmp = mkdtempSync(join(tmpdir(), "with-without-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const bench = join(tmp, "bench-20.yaml");
  writeFileSync(bench, tenantsYaml(20));
  const inputs = [
    "tenants.yaml",
    ...readdirSync(join(ROOT, "examples"))
      .filter((f) => [".yaml", ".yml", ".json"].includes(extname(f)))
      .map((f) => `examples/${f}`),
    bench,
  ];
  const app = appCommand();

  it.each(inputs)("%s: the same bytes in every stack", (input) => {
    const outs = [app.slice(1), ["dist/main.js"]].map((args, i) => {
      const out = join(tmp, `${readdirSync(tmp).length}-${i}`);
      const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TENANTS_FILE: input, CDKTF_OUTDIR: out } });
      expect(r.status).toBe(0);
      return out;
    });
    const stacks = readdirSync(join(outs[0]!, "stacks")).sort();
    expect(readdirSync(join(outs[1]!, "stacks")).sort()).toEqual(stacks);
    expect(stacks.length).toBeGreaterThan(0);
    for (const s of stacks) {
      expect(readFileSync(join(outs[0]!, "stacks", s, "cdk.tf.json"), "utf8")).toBe(readFileSync(join(outs[1]!, "stacks", s, "cdk.tf.json"), "utf8"));
    }
    expect(readFileSync(join(outs[0]!, "manifest.json"), "utf8")).toBe(readFileSync(join(outs[1]!, "manifest.json"), "utf8"));
  });
});
