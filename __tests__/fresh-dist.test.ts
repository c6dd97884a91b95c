/**
 * scripts/fresh-dist.js, preloaded by cdktf.json's app command and the npm scripts: an edited
 * source changes the very next run, an unchanged tree is not rebuilt, and a broken edit stops
 * the run. All in a copy of the project, never by editing the real sources.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appCommand, ROOT } from "./run";

jest.setTimeout(180_000);

const copy = mkdtempSync(join(tmpdir(), "fresh-dist-"));
afterAll(() => rmSync(copy, { recursive: true, force: true }));

beforeAll(() => {
  for (const entry of ["main.ts", "lib", "stacks", "bin", "bench", "scripts", "tsconfig.json", "tsconfig.build.json", "cdktf.json", "package.json", "tenants.yaml", "dist"]) {
    // Timestamps kept: the copied dist/ is as fresh, relative to its sources, as the real one.
    cpSync(join(ROOT, entry), join(copy, entry), { recursive: true, preserveTimestamps: true });
  }
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"));
  // Copying gave the folders new mtimes (a folder's mtime changes when an entry is added or
  // removed, which the check counts); the copied dist/ is as new as its sources, so say so.
  const now = new Date();
  utimesSync(join(copy, "dist", ".build-stamp"), now, now);
});

/** The app command of the copy's cdktf.json, run in the copy. */
function app(outdir: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, appCommand().slice(1), { cwd: copy, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(copy, outdir), ...env } });
  return { status: r.status, stderr: r.stderr, stacks: r.status === 0 ? readdirSync(join(copy, outdir, "stacks")).sort() : [] };
}

const stamp = () => statSync(join(copy, "dist", ".build-stamp")).mtimeMs;

/** Rewrites a source file with a new mtime, as an editor would. */
function edit(file: string, from: string, to: string) {
  const path = join(copy, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
  const later = new Date(Date.now() + 2000);
  utimesSync(path, later, later);
}

it("does not rebuild an unchanged tree", () => {
  const before = stamp();
  const run = app("out-0");
  expect(run.status).toBe(0);
  expect(run.stacks).toEqual(["demo-cluster"]);
  expect(stamp()).toBe(before);
});

it("picks up an edited lib/ file on the next run", () => {
  writeFileSync(join(copy, "other.yaml"), "clusters: [{ name: edited-default, region: eu-west-1 }]\n");
  edit("lib/runtime/tenants-file-env.ts", 'export const DEFAULT_TENANTS_FILE = "tenants.yaml";', 'export const DEFAULT_TENANTS_FILE = "other.yaml";');
  const before = stamp();
  const run = app("out-1", { TENANTS_FILE: "" });
  expect(run.stderr).toBe("");
  expect(run.stacks).toEqual(["edited-default"]);
  expect(stamp()).toBeGreaterThan(before);
});

it("picks up an edited main.ts on the next run", () => {
  edit("main.ts", "  app.synth();", '  new (require("cdktf").TerraformStack)(app, "added-by-main");\n  app.synth();');
  expect(app("out-2").stacks).toEqual(["added-by-main", "demo-cluster"]);
});

it("stops with tsc's messages, running nothing, when an edit does not compile", () => {
  edit("stacks/build-stacks.ts", "export function", "const broken: number = 'x';\nexport function");
  const run = app("out-3");
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/stacks\/build-stacks\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  expect(run.stderr).toMatch(/error: the TypeScript build failed \(messages above\); nothing was run\n$/);
  expect(() => statSync(join(copy, "out-3"))).toThrow();
});

it("removes compiled files whose source is gone, so a moved module's old output never shadows it", () => {
  // lib/cli/index.ts compiles to dist/lib/cli/index.js; a dist/lib/cli.js left from before a move
  // would win Node's resolution of "./lib/cli".
  writeFileSync(join(copy, "dist", "lib", "cli.js"), 'throw new Error("stale output ran");\n');
  writeFileSync(join(copy, "dist", "lib", "cli.d.ts"), "export {};\n");
  // Undoing the previous test's broken edit makes the tree stale, so the next run rebuilds.
  edit("stacks/build-stacks.ts", "const broken: number = 'x';\n", "");
  const run = app("out-orphans");
  expect(run.stderr).not.toContain("stale output ran");
  expect(run.status).toBe(0);
  expect(readdirSync(join(copy, "dist", "lib")).filter((f) => f.startsWith("cli."))).toEqual([]);
});
