/**
 * `--help` on every command and every npm script the README lists: exit 0, the usage on stdout,
 * and nothing changed (no file git sees, no generated file touched, no build). Each script runs
 * exactly as package.json spells it, with `--help` appended as `npm run <script> -- --help` does.
 */
import { spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./run";

jest.setTimeout(300_000);

const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
const docs = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => join("docs", f))];
const readme = docs.map((f) => readFileSync(join(ROOT, f), "utf8")).join("\n");
/**
 * The scripts the docs tell users to run, besides test and its two halves (jest's own help) and
 * typecheck (tsc's own help, below).
 */
const LISTED = Object.keys(scripts).filter((s) => !["test", "test:unit", "test:process", "prepare", "typecheck"].includes(s) && readme.includes(`npm run ${s}`));

/** Files that a script writes when it runs for real. */
const GENERATED = ["docs/reference.md", "schema/tenants.schema.json", "lib/aws/known-regions.ts", "lib/aws/aws-managed-policies.json", "docs/benchmarks.md", "dist/.build-stamp", "dist/bin/synth.js"];

function snapshot(): { status: string; mtimes: Record<string, number | undefined> } {
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: ROOT, encoding: "utf8" }).stdout;
  return { status, mtimes: Object.fromEntries(GENERATED.map((f) => [f, statSync(join(ROOT, f), { throwIfNoEntry: false })?.mtimeMs])) };
}

function sh(command: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, { cwd: ROOT, shell: true, env: { ...process.env, CHECKPOINT_DISABLE: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

it("the docs list every command and script checked here", () => {
  expect(LISTED.sort()).toEqual(["access", "adopt", "bench", "bench:hostile", "bench:patches", "bench:plan", "bindings", "build", "deploy", "diff", "drift", "irsa-scan", "managed-policies", "regions", "schema", "stacks", "synth", "test:cdk-terrain", "validate"]);
});

it("every listed script prints its usage with --help, exits 0 and changes nothing", async () => {
  const before = snapshot();
  const results: Record<string, { code: number | null; stdout: string; stderr: string }> = {};
  // Three at a time: each loads Node and its modules.
  const queue = [...LISTED];
  await Promise.all(
    [0, 1, 2].map(async () => {
      for (let s = queue.shift(); s !== undefined; s = queue.shift()) results[s] = await sh(`${scripts[s]} --help`);
    }),
  );
  for (const s of LISTED) {
    expect({ script: s, code: results[s]!.code, stderr: results[s]!.stderr }).toEqual({ script: s, code: 0, stderr: "" });
    expect(results[s]!.stdout).toMatch(new RegExp(`^usage: npm run ${s.replace(":", "\\:")}[ \\n]`));
  }
  expect(snapshot()).toEqual(before);
});

it("-h is --help, on the commands", async () => {
  for (const bin of ["validate", "synth", "drift"]) {
    const r = await sh(`node dist/bin/${bin}.js -h`);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^usage: npm run ${bin}`));
  }
});

it("typecheck is tsc's: its --help is tsc's and writes nothing", async () => {
  const before = snapshot();
  const r = await sh(`${scripts.typecheck} --help`);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain("tsc");
  expect(snapshot()).toEqual(before);
});
