/**
 * `npm run bench`: synthesizes one cluster with 1, 100, 1,000 and 5,000 tenants by running the
 * `app` command of cdktf.json as a whole process, as `cdktf synth` would, several times each;
 * prints the median wall and CPU time, peak RSS and Terraform objects per tenant, and checks
 * the performance targets by CPU time. With one tenant it also times a warm `npm run synth`
 * against the app command alone. `--write` puts the table into docs/benchmarks.md; without it
 * no tracked file changes.
 *
 * Settings (environment):
 * - BENCH_RUNS: timed runs per size, default 3 (at least 1).
 * - BENCH_SIZES: comma-separated tenant counts, default 1,100,1000,5000.
 * - BENCH_DOC: the markdown file that --write updates, default docs/benchmarks.md.
 * - BENCH_KEEP=1 keeps the temporary directory (tenants files and output).
 * - BENCH_APP: another command to measure instead of cdktf.json's app, for before/after runs.
 * - BENCH_ACCESS=0 skips timing the access review (`npm run access`) at each size.
 * - BENCH_FLOOR: the folder of the cdktf floor app (bench/floor.ts), or `none`. When it is there,
 *   each timed run of the app is paired with a run of the floor, back to back.
 *
 * It never changes cdktf.out/ or tenants.yaml: input and output live in a temporary directory.
 * Exit code 1 when a target fails, so a pipeline can run it on purpose; `npm test` never does.
 */
import { cpus, loadavg, release, tmpdir, totalmem, type } from "node:os";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { outDirFor, rssMethod, runOnce, type RssMethod } from "./measure";
import { findFloor } from "./floor";
import { evaluateTargets, renderReport, spliceSection, type Machine, type Row } from "./report";
import { countObjects, median, objectsPerTenant } from "./stats";
import { accessCommand, renderAccessTable, type AccessRow } from "./access";
import { BENCH_CLUSTER, tenantsYaml } from "./tenants-file";
import { parseScriptArgs } from "../lib/commands/args";

const BENCH_USAGE = "usage: npm run bench [-- --write]";
const BENCH_HELP = [
  BENCH_USAGE,
  "",
  "Times the synthesis of one cluster with 1, 100, 1,000 and 5,000 tenants (BENCH_SIZES) and checks",
  "the performance targets. Input and output live in a temporary folder.",
  "  --write     put the table into docs/benchmarks.md (BENCH_DOC); without it no tracked file changes",
  "  -h, --help  this text",
  "Settings: BENCH_RUNS, BENCH_SIZES, BENCH_DOC, BENCH_KEEP=1, BENCH_APP, BENCH_ACCESS=0, BENCH_FLOOR.",
  "Exit codes: 0 every target met; 1 a target missed; 2 usage.",
  "",
].join("\n");

const ROOT = resolve(__dirname, "..", "..");

function settings(write: boolean) {
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`BENCH_RUNS must be a whole number ≥ 1, got ${process.env.BENCH_RUNS}`);
  const sizes = (process.env.BENCH_SIZES ?? "1,100,1000,5000").split(",").map((s) => Number(s.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_SIZES must list whole numbers ≥ 1, got ${process.env.BENCH_SIZES}`);
  const doc = process.env.BENCH_DOC ?? join(ROOT, "docs", "benchmarks.md");
  return { runs, sizes, doc: write ? resolve(doc) : undefined, keep: process.env.BENCH_KEEP === "1" };
}

function appCommand(): string {
  if (process.env.BENCH_APP) return process.env.BENCH_APP;
  const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app?: unknown }).app;
  if (typeof app !== "string" || app.trim() === "") throw new Error("cdktf.json has no app command");
  return app;
}

function machine(load: number): Machine {
  let cpu = cpus()[0]?.model ?? "unknown CPU";
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpu;
  } catch {
    // Not Linux: os.cpus() has the model too.
  }
  return { cpu, cores: cpus().length, memoryGiB: totalmem() / 2 ** 30, node: process.version, os: `${type()} ${release()}`, load };
}

function main(): number {
  const args = parseScriptArgs({ usage: BENCH_USAGE, help: BENCH_HELP, options: { write: { type: "boolean" } } }, process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) });
  if (typeof args === "number") return args;
  const s = settings(args.write === true);
  const load = loadavg()[0]!;
  const command = appCommand();
  const method: RssMethod = rssMethod();
  const tmp = mkdtempSync(join(tmpdir(), "eks-pi-bench-"));
  const probe = join(__dirname, "rss-probe.js");
  const floor = findFloor(ROOT);
  const measure = (tenants: number, run: number, other?: { command: string; env: Record<string, string> }) => {
    const file = join(tmp, `tenants-${tenants}.yaml`);
    if (!existsSync(file)) writeFileSync(file, tenantsYaml(tenants));
    // A fresh output directory per run, so every run writes the same files from scratch.
    const outdir = outDirFor(tmp, tenants, other ? -run : run);
    const env = { ...process.env, TENANTS_FILE: file, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", ...other?.env };
    const result = runOnce({ command: other?.command ?? command, cwd: ROOT, env, rssFile: join(tmp, "rss"), method, probe });
    const stack = join(outdir, "stacks", BENCH_CLUSTER, "cdk.tf.json");
    const objects = countObjects(JSON.parse(readFileSync(stack, "utf8"))).total;
    rmSync(outdir, { recursive: true, force: true });
    return { ...result, objects };
  };

  try {
    // Untimed: the objects of a cluster without tenants, and a warm file cache for what follows.
    const perCluster = measure(0, 0).objects;
    const rows: Row[] = [];
    for (const tenants of s.sizes) {
      // Paired: each run of the app is followed at once by a run of the floor, when there is one.
      const pairs = Array.from({ length: s.runs }, (_, run) => ({ app: measure(tenants, run + 1), floor: floor && measure(tenants, run + 1, floor) }));
      const results = pairs.map((p) => p.app);
      const floorRuns = pairs.flatMap((p) => (p.floor ? [p.floor] : []));
      const walls = results.map((r) => r.wallMs);
      const objects = results[0]!.objects;
      if (results.some((r) => r.objects !== objects)) throw new Error(`${tenants} tenants: runs synthesized different stacks`);
      const row: Row = {
        tenants,
        runs: s.runs,
        wallMs: median(walls),
        minMs: Math.min(...walls),
        maxMs: Math.max(...walls),
        cpuMs: median(results.map((r) => r.cpuMs)),
        peakRssMiB: Math.max(...results.map((r) => r.peakRssKiB)) / 1024,
        objects,
        objectsPerTenant: objectsPerTenant(objects, perCluster, tenants),
        runRssMiB: results.map((r) => r.peakRssKiB / 1024),
        load: loadavg()[0]!,
        ...(floorRuns.length > 0 && {
          floor: {
            cpuMs: median(floorRuns.map((r) => r.cpuMs)),
            cpuRatio: median(pairs.map((p) => p.app.cpuMs / p.floor!.cpuMs)),
            runRssMiB: floorRuns.map((r) => r.peakRssKiB / 1024),
          },
        }),
      };
      rows.push(row);
      process.stderr.write(`${tenants} tenants: ${Math.round(row.wallMs)} ms, ${row.peakRssMiB.toFixed(0)} MiB${row.floor ? `, CPU ${row.floor.cpuRatio.toFixed(2)}× the floor` : ""}\n`);
    }
    // A warm `npm run synth` (npm, the synth command, the app) against the app alone. GNU time
    // counts the CPU time of the whole process tree; the probe would see one process only.
    let npmSynthCpuMs: number | undefined;
    if (s.sizes.includes(1) && !process.env.BENCH_APP && method === "gnu-time") {
      const env = { ...process.env, TENANTS_FILE: join(tmp, "tenants-1.yaml"), CHECKPOINT_DISABLE: "1" };
      const synthOnce = (run: number) => {
        const outdir = outDirFor(tmp, 1, 1000 + run);
        const r = runOnce({ command: `npm run -s synth -- --output ${JSON.stringify(outdir)}`, cwd: ROOT, env, rssFile: join(tmp, "rss"), method, probe });
        rmSync(outdir, { recursive: true, force: true });
        return r.cpuMs;
      };
      synthOnce(0);
      npmSynthCpuMs = median(Array.from({ length: s.runs }, (_, run) => synthOnce(run + 1)));
      process.stderr.write(`npm run synth, 1 tenant: ${npmSynthCpuMs} ms CPU\n`);
    }
    const accessRows: AccessRow[] = [];
    for (const row of process.env.BENCH_ACCESS === "0" ? [] : rows) {
      const env = { ...process.env, CHECKPOINT_DISABLE: "1" };
      const results = Array.from({ length: s.runs }, () => runOnce({ command: accessCommand(join(tmp, `tenants-${row.tenants}.yaml`)), cwd: ROOT, env, rssFile: join(tmp, "rss"), method, probe }));
      accessRows.push({ tenants: row.tenants, runs: s.runs, wallMs: median(results.map((r) => r.wallMs)), cpuMs: median(results.map((r) => r.cpuMs)), peakRssMiB: Math.max(...results.map((r) => r.peakRssKiB)) / 1024, synthWallMs: row.wallMs, synthCpuMs: row.cpuMs });
      process.stderr.write(`access, ${row.tenants} tenants: ${Math.round(accessRows.at(-1)!.wallMs)} ms\n`);
    }
    const synthReport = renderReport(rows, machine(load), { command, floor: floor && "floor-cdktf.js", fromCdktfJson: !process.env.BENCH_APP, rssMethod: method, date: new Date().toISOString().slice(0, 10), npmSynthCpuMs });
    const report = accessRows.length > 0 ? `${synthReport}\n${renderAccessTable(accessRows)}` : synthReport;
    process.stdout.write(`\n${report}`);
    if (s.doc) {
      writeFileSync(s.doc, spliceSection(existsSync(s.doc) ? readFileSync(s.doc, "utf8") : undefined, report));
      process.stdout.write(`\nwritten to ${s.doc}\n`);
    }
    return evaluateTargets(rows, npmSynthCpuMs).some((t) => t.pass === false) ? 1 : 0;
  } finally {
    if (s.keep) process.stderr.write(`kept ${tmp}\n`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
