/**
 * scripts/fresh-dist.js, preloaded by cdktf.json's app command and the npm scripts: an edited
 * source changes the very next run, an unchanged tree is not rebuilt, and a broken edit stops
 * the run. Never by editing the real sources.
 *
 * The unchanged tree is a copy of the whole project, run with cdktf.json's own app command: that
 * the real layout, freshly built, is seen as fresh. The edits go to a small project of the same
 * shape (the real script and both real tsconfig files, one tiny file where the project has its
 * app, lib/, stacks/), so that each rebuild compiles a few lines, not the whole project: the
 * rebuilds are the script's behaviour under test, and tsc's own speed is not.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { appCommand, ROOT } from "./run";

jest.setTimeout(180_000);

const copy = mkdtempSync(join(tmpdir(), "fresh-dist-"));
const small = mkdtempSync(join(tmpdir(), "fresh-dist-small-"));
afterAll(() => {
  rmSync(copy, { recursive: true, force: true });
  rmSync(small, { recursive: true, force: true });
});

/** The small project's sources: an app that makes one folder per `name:` of its tenants file, in its output's stacks/. */
const SMALL: Record<string, string> = {
  "main.ts": ['import { DEFAULT_TENANTS_FILE } from "./lib/cli";', 'import { writeStacks } from "./stacks/build-stacks";', "", "writeStacks(process.env.TENANTS_FILE || DEFAULT_TENANTS_FILE, []);", ""].join("\n"),
  "lib/cli/index.ts": 'export const DEFAULT_TENANTS_FILE = "tenants.yaml";\n',
  "stacks/build-stacks.ts": [
    'import { mkdirSync, readFileSync } from "node:fs";',
    'import { join } from "node:path";',
    "",
    "export function writeStacks(file: string, extra: string[]): void {",
    '  const names = [...readFileSync(file, "utf8").matchAll(/name: ([a-z0-9-]+)/g)].map((m) => m[1]!);',
    '  for (const name of [...names, ...extra]) mkdirSync(join(process.env.CDKTF_OUTDIR!, "stacks", name), { recursive: true });',
    "}",
    "",
  ].join("\n"),
  "tenants.yaml": "clusters: [{ name: demo-cluster, region: us-east-1 }]\n",
};

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

  for (const entry of ["scripts/fresh-dist.js", "tsconfig.json", "tsconfig.build.json"]) cpSync(join(ROOT, entry), join(small, entry));
  for (const [file, text] of Object.entries(SMALL)) {
    mkdirSync(dirname(join(small, file)), { recursive: true });
    writeFileSync(join(small, file), text);
  }
  symlinkSync(join(ROOT, "node_modules"), join(small, "node_modules"));
  // As `npm run build` does.
  const build = spawnSync(process.execPath, ["scripts/fresh-dist.js", "--always"], { cwd: small, encoding: "utf8" });
  if (build.status !== 0) throw new Error(`the small project's build failed:\n${build.stderr}`);
});

const listStacks = (dir: string) => readdirSync(join(dir, "stacks")).sort();

/** The app command of the copy's cdktf.json, run in the copy of the whole project. */
function app(outdir: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, appCommand().slice(1), { cwd: copy, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(copy, outdir), ...env } });
  return { status: r.status, stderr: r.stderr, stacks: r.status === 0 ? listStacks(join(copy, outdir)) : [] };
}

/** The small project's app, run as cdktf.json runs the real one: with scripts/fresh-dist.js preloaded. */
function smallApp(outdir: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["--require", "./scripts/fresh-dist.js", "dist/main.js"], { cwd: small, encoding: "utf8", env: { ...process.env, TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(small, outdir), ...env } });
  return { status: r.status, stderr: r.stderr, stacks: r.status === 0 ? listStacks(join(small, outdir)) : [] };
}

const stamp = (dir: string) => statSync(join(dir, "dist", ".build-stamp")).mtimeMs;

/** Rewrites a source file of the small project with a new mtime, as an editor would. */
function edit(file: string, from: string, to: string) {
  const path = join(small, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${file} has no ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
  const later = new Date(Date.now() + 2000);
  utimesSync(path, later, later);
}

it("cdktf.json's app command preloads it before anything from dist/", () => {
  const args = appCommand();
  const preload = args.indexOf("./scripts/fresh-dist.js");
  expect(args[preload - 1]).toBe("--require");
  expect(args.findIndex((a) => a.startsWith("dist/") || a.startsWith("./dist/"))).toBeGreaterThan(preload);
});

it("does not rebuild an unchanged tree", () => {
  const before = stamp(copy);
  const run = app("out-0");
  expect(run.status).toBe(0);
  expect(run.stacks).toEqual(["demo-cluster"]);
  expect(stamp(copy)).toBe(before);
});

it("picks up an edited lib/ file on the next run", () => {
  expect(smallApp("out-before").stacks).toEqual(["demo-cluster"]);
  writeFileSync(join(small, "other.yaml"), "clusters: [{ name: edited-default, region: eu-west-1 }]\n");
  edit("lib/cli/index.ts", 'export const DEFAULT_TENANTS_FILE = "tenants.yaml";', 'export const DEFAULT_TENANTS_FILE = "other.yaml";');
  const before = stamp(small);
  const run = smallApp("out-1", { TENANTS_FILE: "" });
  expect(run.stderr).toBe("");
  expect(run.stacks).toEqual(["edited-default"]);
  expect(stamp(small)).toBeGreaterThan(before);
});

it("picks up an edited main.ts on the next run", () => {
  edit("main.ts", "DEFAULT_TENANTS_FILE, []);", 'DEFAULT_TENANTS_FILE, ["added-by-main"]);');
  expect(smallApp("out-2").stacks).toEqual(["added-by-main", "demo-cluster"]);
});

it("stops with tsc's messages, running nothing, when an edit does not compile", () => {
  edit("stacks/build-stacks.ts", "export function", "const broken: number = 'x';\nexport function");
  const run = smallApp("out-3");
  expect(run.status).toBe(2);
  expect(run.stderr).toMatch(/stacks\/build-stacks\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
  expect(run.stderr).toMatch(/error: the TypeScript build failed \(messages above\); nothing was run\n$/);
  expect(() => statSync(join(small, "out-3"))).toThrow();
});

it("removes compiled files whose source is gone, so a moved module's old output never shadows it", () => {
  // lib/cli/index.ts compiles to dist/lib/cli/index.js; a dist/lib/cli.js left from before a move
  // would win Node's resolution of "./lib/cli".
  writeFileSync(join(small, "dist", "lib", "cli.js"), 'throw new Error("stale output ran");\n');
  writeFileSync(join(small, "dist", "lib", "cli.d.ts"), "export {};\n");
  // Undoing the previous test's broken edit makes the tree stale, so the next run rebuilds.
  edit("stacks/build-stacks.ts", "const broken: number = 'x';\n", "");
  const run = smallApp("out-orphans");
  expect(run.stderr).not.toContain("stale output ran");
  expect(run.status).toBe(0);
  expect(readdirSync(join(small, "dist", "lib")).filter((f) => f.startsWith("cli."))).toEqual([]);
});
