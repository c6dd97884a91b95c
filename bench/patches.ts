/**
 * `npm run bench:patches`: what each runtime patch (lib/runtime/patches.ts) saves on its own.
 * For 1 and 5,000 tenants (BENCH_SIZES), each round runs the cdktf floor (bench/floor.ts), the
 * app with every patch, with none (TENANTS_PATCHES_OFF=all) and without each patch in turn, back
 * to back, so other load on the machine touches them alike. A patch's saving is what the app
 * loses without it: 1 − (with all ÷ without it), of CPU time (each run's ratio to the floor run of
 * its round, median over the rounds) and of peak RSS (highest of the rounds). A patch is kept
 * when it saves at least 10% of one or the other at one of the sizes.
 *
 * Settings: BENCH_RUNS (rounds, default 3), BENCH_SIZES (default 1,5000), BENCH_FLOOR.
 * `--write` puts the table into docs/benchmarks.md between its patch markers. Not part of
 * `npm test`. Exit 2 when it cannot run (no floor, a run failed).
 */
import Module from "node:module";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { findFloor } from "./floor";
import { rssMethod, runOnce } from "./measure";
import { median } from "./stats";
import { tenantsYaml } from "./tenants-file";
import { parseScriptArgs } from "../lib/commands/args";
import { OFF_VARIABLE, PATCHES } from "../lib/runtime/patches";
import { BEGIN, END, renderPatchTable, variants, type Figures, type Variant } from "./patch-table";

const ROOT = resolve(__dirname, "..", "..");
const USAGE = "usage: npm run bench:patches [-- --write]";
const HELP = `${USAGE}

Measures each runtime patch's own saving (CPU time against the cdktf floor, peak RSS) at 1 and
5,000 tenants (BENCH_SIZES), BENCH_RUNS rounds (default 3).
  --write     put the table into docs/benchmarks.md between its patch markers
  -h, --help  this text
Exit codes: 0 measured; 2 usage, or the benchmark cannot run.
`;
function measureSize(size: number, runs: number, tmp: string, list: Variant[]): Map<string, Figures> {
  const floor = findFloor(ROOT);
  if (!floor) throw new Error("the cdktf floor is missing (BENCH_FLOOR)");
  const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
  const file = join(tmp, `tenants-${size}.yaml`);
  if (!existsSync(file)) writeFileSync(file, tenantsYaml(size));
  const method = rssMethod();
  const once = (command: string, env: Record<string, string>) => {
    const outdir = join(tmp, "out");
    const r = runOnce({ command, cwd: ROOT, env: { ...process.env, TENANTS_FILE: file, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1", ...env }, rssFile: join(tmp, "rss"), method, probe: join(__dirname, "rss-probe.js") });
    rmSync(outdir, { recursive: true, force: true });
    return r;
  };
  const samples = new Map<string, Array<{ ratio: number; cpuMs: number; rssMiB: number }>>(list.map((v) => [v.name, []]));
  for (let round = 0; round < runs; round++) {
    const base = once(floor.command, floor.env).cpuMs;
    // Each round starts one variant later, so that no variant always runs first after the floor.
    for (const v of [...list.slice(round % list.length), ...list.slice(0, round % list.length)]) {
      const r = once(app, { [OFF_VARIABLE]: v.off });
      samples.get(v.name)!.push({ ratio: r.cpuMs / base, cpuMs: r.cpuMs, rssMiB: r.peakRssKiB / 1024 });
      // Each run as it comes, so that an interrupted benchmark still leaves its figures.
      process.stderr.write(`${size}\t${round + 1}\t${v.name}\t${r.cpuMs} ms\t${(r.cpuMs / base).toFixed(3)}× floor (${base} ms)\t${(r.peakRssKiB / 1024).toFixed(0)} MiB\n`);
    }
    process.stderr.write(`${size} tenants: round ${round + 1} of ${runs} done, load ${loadavg()[0]!.toFixed(2)}\n`);
  }
  const figures = new Map<string, Figures>();
  for (const [name, s] of samples) figures.set(name, { cpuRatio: median(s.map((x) => x.ratio)), cpuMs: median(s.map((x) => x.cpuMs)), peakRssMiB: Math.max(...s.map((x) => x.rssMiB)) });
  return figures;
}

function main(): number {
  const args = parseScriptArgs({ usage: USAGE, help: HELP, options: { write: { type: "boolean" } } }, process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) });
  if (typeof args === "number") return args;
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const sizes = (process.env.BENCH_SIZES ?? "1,5000").split(",").map(Number);
  if (!Number.isInteger(runs) || runs < 1 || sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("BENCH_RUNS and BENCH_SIZES take whole numbers ≥ 1");
  const list = variants(PATCHES.map((p) => p.name), typeof (Module as { enableCompileCache?: unknown }).enableCompileCache === "function");
  const tmp = mkdtempSync(join(tmpdir(), "eks-pi-bench-patches-"));
  const load = loadavg()[0]!;
  try {
    const tables = sizes.map((size) => renderPatchTable(size, measureSize(size, runs, tmp, list)));
    const section = `Measured ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${runs} rounds, load average ${load.toFixed(2)} at the start and ${loadavg()[0]!.toFixed(2)} at the end.\n\n${tables.join("\n\n")}\n`;
    process.stdout.write(`${section}`);
    if (args.write === true) {
      const docPath = join(ROOT, "docs", "benchmarks.md");
      const doc = existsSync(docPath) ? readFileSync(docPath, "utf8") : "# Benchmarks\n";
      const b = doc.indexOf(BEGIN);
      const e = doc.indexOf(END);
      const block = `${BEGIN}\n${section}${END}`;
      writeFileSync(docPath, b >= 0 && e > b ? `${doc.slice(0, b)}${block}${doc.slice(e + END.length)}` : `${doc.trimEnd()}\n\n${block}\n`);
    }
    return 0;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`bench:patches: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = 2;
}
