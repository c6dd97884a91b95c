/**
 * `npm run bench:plan`: what `terraform plan` costs as a stack grows. It synthesizes the
 * benchmark's tenants file (bench/plan/tenants-file.ts) with the app command of cdktf.json,
 * takes each stack's AWS part (the provider mirror has no Kubernetes or Helm provider), and runs
 * the real `terraform plan -refresh=false` of it against the EKS stand-in on 127.0.0.1, under GNU
 * time: CPU (user + system of terraform and the provider processes it waits for), wall time,
 * peak RSS. The variants of one size (bench/plan/variants.ts) run one after another, interleaved
 * run by run, so that other load on the machine touches them alike.
 *
 * Needs `terraform` on the PATH, TF_PLUGIN_MIRROR naming the AWS provider's mirror and GNU time.
 * Arguments: see USAGE in bench/plan/report.ts. `--write` puts the table into docs/benchmarks.md
 * between its plan markers; without it no tracked file changes. Not part of `npm test`: 5,000
 * tenants take minutes. Exit 1 when a target fails, 2 when the benchmark cannot run.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { awsPart, type Json } from "./plan/aws-part";
import { startEksStandIn, type EksStandIn } from "./plan/eks-stand-in";
import { HELP, parsePlanBenchArgs, planTargets, renderPlanReport, splicePlanSection, variantsFor, type PlanMachine, type PlanRow } from "./plan/report";
import { pluginMirror, terraformEnv } from "./plan/terraform-env";
import { planTenantsYaml } from "./plan/tenants-file";
import { applyVariant, usesInlinePolicies, type Variant } from "./plan/variants";
import { GNU_TIME, parseFigures } from "./measure";
import { countObjects } from "./stats";

const ROOT = resolve(__dirname, "..", "..");
export const PROVIDER_VERSION = "5.100.0";
/** Go's default, which is what users' terraform runs with; BENCH_GOGC sets another. */
const GOGC = process.env.BENCH_GOGC ?? "100";

interface Figures {
  readonly cpuS: number;
  readonly wallS: number;
  readonly peakRssMiB: number;
  readonly terraformRssMiB: number;
}

/** VmHWM of the process that GNU time (`pid`) runs: terraform. */
function terraformHighWater(pid: number): number | undefined {
  try {
    const child = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/)[0];
    const m = child ? /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child}/status`, "utf8")) : null;
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function run(args: string[], cwd: string, log: string): Promise<Figures> {
  const figures = join(cwd, "time.txt");
  const out = openSync(log, "w");
  const start = process.hrtime.bigint();
  const child = spawn(GNU_TIME, ["-o", figures, "-f", "%M %U %S", "terraform", ...args], { cwd, env: terraformEnv({ GOGC }), stdio: ["ignore", out, out] });
  let terraformKiB = 0;
  const sample = setInterval(() => (terraformKiB = Math.max(terraformKiB, terraformHighWater(child.pid!) ?? 0)), 1000);
  return new Promise((done, fail) => {
    child.on("error", fail);
    child.on("close", (code) => {
      clearInterval(sample);
      closeSync(out);
      const wallS = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) return fail(new Error(`terraform ${args[0]} in ${cwd} exited with ${code}:\n${readFileSync(log, "utf8").slice(-3000)}`));
      const f = parseFigures(readFileSync(figures, "utf8"));
      done({ cpuS: f.cpuMs / 1000, wallS, peakRssMiB: f.peakRssKiB / 1024, terraformRssMiB: terraformKiB / 1024 });
    });
  });
}

/** Synthesizes `yaml` with cdktf.json's app command; the stacks' JSON by stack name. */
function synthesize(tmp: string, name: string, yaml: string): Map<string, string> {
  const file = join(tmp, `${name}.yaml`);
  writeFileSync(file, yaml);
  const outdir = join(tmp, `${name}.out`);
  const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
  const r = spawnSync("sh", ["-c", app], { cwd: ROOT, env: { ...process.env, TENANTS_FILE: file, CDKTF_OUTDIR: outdir, CHECKPOINT_DISABLE: "1" }, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`synth of ${name} failed:\n${r.stderr}`);
  const stacks = new Map<string, string>();
  for (const s of readdirSync(join(outdir, "stacks")).sort()) stacks.set(s, readFileSync(join(outdir, "stacks", s, "cdk.tf.json"), "utf8"));
  rmSync(outdir, { recursive: true, force: true });
  return stacks;
}

/** One folder per stack, initialized (untimed) once per layout and variant. */
async function prepare(tmp: string, label: string, stacks: Map<string, string>, variant: Variant, eks: EksStandIn): Promise<{ dirs: string[]; objects: number }> {
  const dirs: string[] = [];
  let objects = 0;
  for (const [stack, text] of stacks) {
    const part = awsPart(text, { providerVersion: PROVIDER_VERSION, endpoints: { eks: eks.url, sts: eks.url, iam: eks.url } });
    const json: Json = applyVariant(part.json, variant);
    objects += countObjects(json).total;
    const dir = join(tmp, label, variant, stack);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(json));
    await run(["init", "-backend=false", "-input=false", `-plugin-dir=${pluginMirror()}`], dir, join(dir, "init.log"));
    dirs.push(dir);
  }
  return { dirs, objects };
}

async function planAll(dirs: string[]): Promise<Figures> {
  const total = { cpuS: 0, wallS: 0, peakRssMiB: 0, terraformRssMiB: 0 };
  for (const dir of dirs) {
    const f = await run(["plan", "-refresh=false", "-input=false", "-lock=false", "-no-color"], dir, join(dir, "plan.log"));
    total.cpuS += f.cpuS;
    total.wallS += f.wallS;
    total.peakRssMiB = Math.max(total.peakRssMiB, f.peakRssMiB);
    total.terraformRssMiB = Math.max(total.terraformRssMiB, f.terraformRssMiB);
  }
  return total;
}

function machine(): PlanMachine {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "")?.[1]?.trim() ?? cpus()[0]?.model ?? "unknown CPU";
  const version = spawnSync("terraform", ["version"], { env: terraformEnv(), encoding: "utf8" }).stdout.split("\n")[0]?.trim() ?? "terraform";
  return { cpu, cores: cpus().length, memoryGiB: totalmem() / 2 ** 30, terraform: version, provider: PROVIDER_VERSION, gogc: GOGC, load: loadavg()[0]!, date: new Date().toISOString().replace(/\.\d+Z$/, "Z") };
}

async function main(): Promise<number> {
  const s = parsePlanBenchArgs(process.argv.slice(2));
  if (s.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!pluginMirror()) throw new Error("TF_PLUGIN_MIRROR must name a folder that holds registry.terraform.io/hashicorp/aws");
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} (GNU time) is needed for CPU and peak RSS`);
  const m = machine();
  const tmp = mkdtempSync(join(tmpdir(), "eks-pi-bench-plan-"));
  const eks = await startEksStandIn();
  const rows: PlanRow[] = [];
  try {
    const layouts = [...s.sizes.map((n) => ({ tenants: n, groups: 0 })), ...(s.groups ? [{ tenants: s.groups[0], groups: s.groups[1] }] : [])];
    for (const { tenants, groups } of layouts) {
      const label = groups > 0 ? `${tenants}-in-${groups}-groups` : `${tenants}`;
      const stacks = synthesize(tmp, label, planTenantsYaml(tenants, groups));
      const variants = groups > 0 ? (["synthesized"] as const) : variantsFor(s, tenants);
      const inline = variants.some(usesInlinePolicies) ? synthesize(tmp, `${label}-inline`, planTenantsYaml(tenants, groups, "inline")) : stacks;
      const prepared = new Map<Variant, { dirs: string[]; objects: number }>();
      for (const v of variants) prepared.set(v, await prepare(tmp, label, usesInlinePolicies(v) ? inline : stacks, v, eks));
      for (let r = 1; r <= s.runs; r++) {
        for (const v of variants) {
          const p = prepared.get(v)!;
          const f = await planAll(p.dirs);
          const row: PlanRow = { tenants, stacks: stacks.size, variant: v, run: r, objects: p.objects, ...f };
          rows.push(row);
          process.stderr.write(`${JSON.stringify(row)}\n`);
        }
      }
      rmSync(join(tmp, label), { recursive: true, force: true });
    }
  } finally {
    await eks.close();
    if (process.env.BENCH_KEEP !== "1") rmSync(tmp, { recursive: true, force: true });
  }
  const report = renderPlanReport(rows, m);
  process.stdout.write(`\n${report}`);
  if (s.write) {
    const doc = join(ROOT, "docs", "benchmarks.md");
    writeFileSync(doc, splicePlanSection(readFileSync(doc, "utf8"), report));
    process.stdout.write(`\nwritten to ${doc}\n`);
  }
  return planTargets(rows).some((t) => t.pass === false) ? 1 : 0;
}

if (require.main === module) {
  main().then(
    (code) => (process.exitCode = code),
    (e: unknown) => {
      process.stderr.write(`bench:plan: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
