/**
 * The CDK Terrain consumer project (docs/cdk-terrain.md): a project with `cdktn`,
 * `@cdktn/provider-aws` and no `cdktf` installs this package, packed, and synthesizes every
 * example with CDK Terrain. __tests__/cdk-terrain.consumer.ts drives it
 * (`npm run test:cdk-terrain`, which .ci/run runs after `npm test`) and compares each stack with
 * CDKTF's, the golden files that __tests__/golden.test.ts keeps equal to CDKTF's output.
 *
 * The consumer's dependencies come from the committed scripts/cdk-terrain/consumer/package.json
 * and package-lock.json: cdktn, @cdktn/provider-aws, a constructs release within cdktn's range, and
 * this package's own dependencies, so that the packed package then installs with `--offline`.
 * The registry is needed once per lock file: the installed project is cached outside the
 * repository, in a folder named by a hash of the lock file, and reused while the lock is unchanged.
 */
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { dirname, extname, join, resolve } from "node:path";
import { parseScriptArgs } from "../lib/commands/args";

/** The repository root, from the sources (scripts/) or the build (dist/scripts/). */
export const ROOT = ((): string => {
  let dir = __dirname;
  while (!existsSync(join(dir, "cdktf.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no cdktf.json above ${__dirname}`);
    dir = up;
  }
  return dir;
})();

export const CONSUMER = join(ROOT, "scripts", "cdk-terrain", "consumer");
export const PACKAGE_NAME = "eks-pod-identity-tenants";
/** What the consumer's cdktf.json runs: this package's app, from the installed package. */
export const CONSUMER_APP = `node node_modules/${PACKAGE_NAME}/dist/main.js`;

export type Manifest = { dependencies?: Record<string, string> };

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

/**
 * Why the consumer's lock cannot install the packed package offline: each of this package's
 * dependencies must be in the consumer's package.json at the same version. Empty when it can.
 */
export function consumerManifestProblems(ownManifest: Manifest = manifest(ROOT), consumerManifest: Manifest = manifest(CONSUMER)): string[] {
  const own = ownManifest.dependencies ?? {};
  const consumer = consumerManifest.dependencies ?? {};
  return Object.entries(own)
    .filter(([name, version]) => consumer[name] !== version)
    .map(([name, version]) => `scripts/cdk-terrain/consumer/package.json: dependencies.${name} must be ${JSON.stringify(version)} as in package.json (is ${JSON.stringify(consumer[name])}); update it and its lock file (npm install --package-lock-only in a copy of the folder)`);
}

/** The cached consumer project for the committed lock file. */
export function consumerDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.TENANTS_CDK_TERRAIN_CACHE || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), PACKAGE_NAME, "cdk-terrain");
  const hash = createHash("sha256").update(readFileSync(join(CONSUMER, "package-lock.json"))).digest("hex").slice(0, 16);
  return join(base, hash);
}

function run(command: string, args: ReadonlyArray<string>, cwd: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return r;
}

function must(r: SpawnSyncReturns<string>, what: string): void {
  if (r.status !== 0) throw new Error(`${what} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
}

/** Holds a lock folder while `body` runs, so that two runs never install into one folder at once. */
function withLock<T>(lock: string, body: () => T): T {
  const deadline = Date.now() + 15 * 60 * 1000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      // A lock older than the longest install was left by a killed run.
      if (Date.now() - statSync(lock).mtimeMs > 15 * 60 * 1000) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${lock} is still held after 15 minutes`);
      else spawnSync("sleep", ["2"]);
    }
  }
  try {
    return body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const INSTALLED = ".installed";

/**
 * The consumer project with its locked dependencies installed (`npm ci`, the one step that needs
 * the registry; skipped when this lock file's install is cached), this package packed and
 * installed into it offline, and its cdktf.json. Returns the project folder.
 */
export function prepareConsumer(log: (line: string) => void = () => undefined): string {
  const dir = consumerDir();
  mkdirSync(dir, { recursive: true });
  return withLock(`${dir}.lock`, () => {
    if (!existsSync(join(dir, INSTALLED))) {
      for (const f of ["package.json", "package-lock.json"]) copyFileSync(join(CONSUMER, f), join(dir, f));
      log(`npm ci in ${dir} (once for this lock file)`);
      must(run("npm", ["ci", "--no-audit", "--no-fund"], dir), `npm ci in ${dir}`);
      writeFileSync(join(dir, INSTALLED), "");
    }
    const packs = mkdtempSync(join(tmpdir(), "cdk-terrain-pack-"));
    try {
      // dist/ is already fresh (the npm script builds it first); `prepare` would rebuild it all.
      must(run("npm", ["pack", "--ignore-scripts", "--pack-destination", packs], ROOT), "npm pack");
      const tgz = readdirSync(packs).find((f) => f.endsWith(".tgz"));
      if (!tgz) throw new Error("npm pack wrote no .tgz");
      log(`npm install --offline ${tgz}`);
      must(run("npm", ["install", "--offline", "--no-save", "--no-audit", "--no-fund", join(packs, tgz)], dir), `npm install of ${tgz}`);
    } finally {
      rmSync(packs, { recursive: true, force: true });
    }
    writeFileSync(join(dir, "cdktf.json"), `${JSON.stringify({ language: "typescript", app: CONSUMER_APP }, null, 2)}\n`);
    return dir;
  });
}

/** tenants.yaml and every tenants file in examples/, as the golden files name them. */
export function exampleInputs(): string[] {
  const files = readdirSync(join(ROOT, "examples")).filter((f) => [".yaml", ".yml", ".json"].includes(extname(f)));
  return ["tenants.yaml", ...files.map((f) => `examples/${f}`)];
}

/** Runs the package's synth command in the consumer; the stacks land in `out`/stacks/. */
export function synthInConsumer(dir: string, input: string, out: string, env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
  // The App of either engine creates only the last folder of its outdir (cdktn/lib/app.js, cdktf/lib/app.js).
  mkdirSync(out, { recursive: true });
  return run(join(dir, "node_modules", ".bin", "eks-pod-identity-synth"), [resolve(ROOT, input), "--output", out], dir, env);
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A provider source address in full (https://developer.hashicorp.com/terraform/language/providers/requirements#source-addresses):
 * the hostname defaults to registry.terraform.io, and a bare type such as `aws` means
 * `hashicorp/aws` (`terraform providers` shows registry.terraform.io/hashicorp/aws for both).
 */
export function fullSource(source: string): string {
  const parts = source.split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${source}`;
  return parts.length === 2 ? `registry.terraform.io/${source}` : source;
}

function withoutMetadata(value: Json): Json {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//").map(([k, v]) => [k, withoutMetadata(v)]));
}

/**
 * A stack without what may differ between the engines: the `//` metadata (the engine's version,
 * construct paths), the provider version lines (each engine's AWS bindings are generated from
 * another provider release), and how a provider source is spelled (full addresses compare).
 */
export function comparableStack(stack: Json): Json {
  const out = withoutMetadata(stack) as { [key: string]: Json };
  const terraform = out.terraform as { required_providers?: Record<string, { source?: string; version?: string }> } | undefined;
  for (const p of Object.values(terraform?.required_providers ?? {})) {
    delete p.version;
    if (p.source !== undefined) p.source = fullSource(p.source);
  }
  return out;
}

const USAGE = "usage: npm run test:cdk-terrain";
const HELP = `${USAGE}

Proves CDK Terrain (docs/cdk-terrain.md): installs the packed package into a project with cdktn
and no cdktf, synthesizes tenants.yaml and every example there, and compares each stack with
CDKTF's (the golden files). Runs __tests__/cdk-terrain.consumer.ts with jest. Needs the npm
registry once per consumer lock file; the install is cached in
~/.cache/eks-pod-identity-tenants/cdk-terrain/ (XDG_CACHE_HOME, TENANTS_CDK_TERRAIN_CACHE).
  -h, --help  this text
Exit codes: 0 proven; 1 a check failed; 2 usage.
`;

const args = require.main === module ? parseScriptArgs({ usage: USAGE, help: HELP }, process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }) : 0;
if (typeof args === "number" && require.main === module) process.exitCode = args;
else if (require.main === module) {
  // jest's projects list only *.test.ts, which keeps this network-needing test out of npm test;
  // --testMatch replaces every project's list, so one project (it starts processes) runs it once.
  const r = spawnSync(process.execPath, [require.resolve("jest/bin/jest"), "--selectProjects", "process", "--testMatch", "**/__tests__/*.consumer.ts"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  process.exitCode = r.status ?? 1;
}
