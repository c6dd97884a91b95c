/**
 * The app's speed patches (lib/runtime/preload.ts) are preloaded by cdktf.json's app command,
 * so no import order in main.ts can switch them off. These tests spawn the built app as
 * cdktf.json runs it and look at what its process actually loaded: if zod or cdktf moved the
 * deferred files, the real modules would load and these would fail.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appCommand, ROOT } from "./run";

const tmp = mkdtempSync(join(tmpdir(), "preload-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Written at exit by a --require probe: every module file the process loaded, and what cdktf's
// token creation stack recorder returns.
const probe = join(tmp, "probe.js");
writeFileSync(
  probe,
  `process.on("exit", () => {
    let trace;
    try { trace = require(require.resolve("cdktf/lib/tokens/private/stack-trace", { paths: [process.cwd()] })).captureStackTrace(); } catch (e) { trace = String(e); }
    const from = { paths: [process.cwd()] };
    const stack = require(require.resolve("cdktf", from)).TerraformStack.prototype;
    const jss = require.cache[require.resolve("json-stable-stringify", { paths: [require("node:path").dirname(require.resolve("cdktf/package.json", from))] })];
    const resolveModule = require(require.resolve("cdktf/lib/tokens/private/resolve", from));
    const patches = { resolvePasses: stack[Symbol.for("eks-pod-identity-tenants.skip-extra-resolve-passes")] === true, plainValues: typeof resolveModule[Symbol.for("eks-pod-identity-tenants.skip-resolve-of-plain-values")] === "function", jsonWriter: jss ? jss.exports.name !== "stableStringify" : "not loaded" };
    require("node:fs").writeFileSync(process.env.PROBE_OUT, JSON.stringify({ files: Object.keys(require.cache), trace, patches }));
  });\n`,
);

interface Loaded {
  readonly status: number | null;
  readonly files: string[];
  readonly trace: string[];
  readonly patches: { resolvePasses: boolean; plainValues: boolean; jsonWriter: boolean | string };
}

let n = 0;
function loaded(args: string[], env: Record<string, string> = {}): Loaded {
  const out = join(tmp, `probe-${++n}.json`);
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TENANTS_DEBUG: "", DEBUG: "", TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(tmp, `out-${n}`), NODE_OPTIONS: `--require ${probe}`, PROBE_OUT: out, ...env },
  });
  const { files, trace, patches } = JSON.parse(readFileSync(out, "utf8")) as Omit<Loaded, "status">;
  return { status: r.status, files, trace, patches };
}

const archiverInternals = (files: string[]) => files.filter((f) => /\/node_modules\/archiver\/lib\//.test(f));
// English (en.cjs) is zod's default locale and loads on its own; the other 40-odd are deferred.
const zodTranslations = (files: string[]) => files.filter((f) => /\/zod\/v4\/locales\/(?!index\.cjs$|en\.cjs$)[^/]+$/.test(f));
const NOTE = "(creation stack not recorded; run with TENANTS_DEBUG=1 to record it)";

describe("the app as cdktf.json runs it", () => {
  const app = appCommand().slice(1);
  let run: Loaded;
  beforeAll(() => {
    run = loaded(app);
  });

  it("synthesizes", () => {
    expect(run.status).toBe(0);
  });

  it("has stand-ins for archiver and zod's translations and never loads the real ones", () => {
    // Node keys modules by their real path: node_modules may be a link (a git worktree's).
    const modules = realpathSync(join(ROOT, "node_modules"));
    expect(run.files).toEqual(expect.arrayContaining([join(modules, "cdktf/node_modules/archiver/index.js"), join(modules, "zod/v4/locales/index.cjs")]));
    expect(archiverInternals(run.files)).toEqual([]);
    expect(zodTranslations(run.files)).toEqual([]);
    // semver too: cdktf uses it only to check terraform's version for import and moved blocks.
    expect(run.files).toContain(join(modules, "cdktf/node_modules/semver/index.js"));
    expect(run.files.filter((f) => f.includes("/node_modules/semver/") && !f.endsWith("/semver/index.js"))).toEqual([]);
  });

  it("skips cdktf's extra resolve passes and its walk over plain values, and writes the stack JSON with the stand-in (lib/runtime/skip-extra-resolve-passes.ts, skip-resolve-of-plain-values.ts, stable-stringify.ts)", () => {
    expect(run.patches).toEqual({ resolvePasses: true, plainValues: true, jsonWriter: true });
  });

  it("records no token creation stacks", () => {
    expect(run.trace).toEqual([NOTE]);
  });

  // tenants.yaml's cluster is in a region of the generated list (lib/aws/known-regions.ts)
  // and installs the agent as an add-on: nothing needs the SDK's region metadata at run time.
  it("never loads the AWS SDK, which only an unlisted region or a helm-mode agent needs", () => {
    expect(run.files.filter((f) => f.includes("/node_modules/@aws-sdk/"))).toEqual([]);
  });

  it("records them under TENANTS_DEBUG, and ignores the debug package's DEBUG", () => {
    expect(loaded(app, { TENANTS_DEBUG: "1" }).trace.length).toBeGreaterThan(1);
    expect(loaded(app, { DEBUG: "*" }).trace).toEqual([NOTE]);
  });
});

it("without the preload, main.js alone loads both (so the checks above can fail)", () => {
  const plain = loaded(["dist/main.js"]);
  expect(plain.status).toBe(0);
  expect(archiverInternals(plain.files).length).toBeGreaterThan(0);
  expect(zodTranslations(plain.files).length).toBeGreaterThan(10);
  expect(plain.files.filter((f) => f.includes("/node_modules/semver/")).length).toBeGreaterThan(10);
  expect(plain.trace).not.toEqual([NOTE]);
  expect(plain.patches).toEqual({ resolvePasses: false, plainValues: false, jsonWriter: false });
});
