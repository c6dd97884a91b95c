/**
 * The plan benchmark's arguments, targets and report: pure functions, so that a unit test can
 * check them without running terraform (__tests__/bench-plan.test.ts).
 */
import { parseCommandArgs, UsageError } from "../../lib/commands/args";
import { VARIANTS, type Variant } from "./variants";

export interface PlanBenchSettings {
  /** Tenant counts planned in one stack. */
  readonly sizes: ReadonlyArray<number>;
  /** The variants planned at each size; undefined: DEFAULT_VARIANTS. */
  readonly variants?: ReadonlyArray<Variant>;
  /** Tenants spread over stack groups: `[tenants, groups]`, or none. */
  readonly groups?: readonly [number, number];
  readonly runs: number;
  readonly write: boolean;
  /** `--help`: print the help and change nothing. */
  readonly help: boolean;
}

/** What each size plans when `--variants` is not given: the comparisons the targets need, and no more (5,000 tenants take minutes each). */
export const DEFAULT_VARIANTS: Readonly<Record<number, ReadonlyArray<Variant>>> = {
  100: ["synthesized", "no-outputs", "literal-policies", "both", "per-tenant-outputs"],
  1000: ["synthesized", "no-outputs", "literal-policies", "both", "per-tenant-outputs"],
  2000: ["synthesized", "no-outputs"],
  5000: ["synthesized", "literal-policies"],
};

export const USAGE = "usage: npm run bench:plan [-- --sizes 100,1000,2000,5000] [--variants synthesized,no-outputs,...] [--groups 5000:10|none] [--runs 1] [--write]";

export const HELP = [
  USAGE,
  "",
  "Plans the AWS part of a synthesized stack with the real terraform and the AWS provider of",
  "TF_PLUGIN_MIRROR, against an EKS stand-in on 127.0.0.1, and prints CPU, wall time and peak",
  "memory per tenant count and variant. Needs GNU time; not part of npm test.",
  "  --sizes <n,...>     tenants in one stack (default 100,1000,2000,5000)",
  `  --variants <v,...>  ${VARIANTS.join(", ")} (default: what the targets need per size)`,
  "  --groups <t>:<g>    also t tenants in g stack groups, or none (default 5000:10)",
  "  --runs <n>          timed runs per variant (default 1)",
  "  --write             record the result in docs/benchmarks.md",
  "  -h, --help          this text",
  "Exit codes: 0 every target met; 1 a target missed; 2 usage.",
  "",
].join("\n");

function wholeNumbers(flag: string, text: string | undefined, min: number): number[] {
  const xs = (text ?? "").split(",").map((s) => Number(s.trim()));
  if (text === undefined || xs.some((n) => !Number.isInteger(n) || n < min)) throw new Error(`${flag} takes whole numbers ≥ ${min}, comma-separated; got ${JSON.stringify(text ?? "")}\n${USAGE}`);
  return xs;
}

/** The options of `npm run bench:plan`, read by the project's one argument parser (lib/commands/args.ts). */
const OPTIONS = { sizes: { type: "string" }, variants: { type: "string" }, groups: { type: "string" }, runs: { type: "string" }, write: { type: "boolean" } } as const;

/** The settings `argv` asks for; throws an Error whose message ends with the usage. */
export function parsePlanBenchArgs(argv: ReadonlyArray<string>): PlanBenchSettings {
  let values;
  try {
    const parsed = parseCommandArgs({ usage: USAGE, positionals: "stacks", options: OPTIONS }, argv);
    if (parsed.help) return { sizes: [], groups: undefined, runs: 1, write: false, help: true };
    if (parsed.stacks.length > 0 || parsed.named !== undefined || parsed.values.file !== undefined) throw new UsageError(`unexpected arguments: ${argv.filter((a) => !a.startsWith("-")).join(" ") || "--file"}`);
    values = parsed.values as Readonly<Record<keyof typeof OPTIONS, string | boolean | undefined>>;
  } catch (e) {
    if (e instanceof UsageError) throw new Error(`${e.message}\n${USAGE}`);
    throw e;
  }
  const text = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);
  const sizes = values.sizes === undefined ? [100, 1000, 2000, 5000] : wholeNumbers("--sizes", text(values.sizes), 1);
  const runs = values.runs === undefined ? 1 : wholeNumbers("--runs", text(values.runs), 1)[0]!;
  let variants: Variant[] | undefined;
  if (values.variants !== undefined) {
    const v = (text(values.variants) ?? "").split(",");
    const unknown = v.filter((x) => !(VARIANTS as readonly string[]).includes(x));
    if (unknown.length > 0 || v.length === 0) throw new Error(`--variants: unknown ${unknown.map((x) => JSON.stringify(x)).join(", ")}; allowed: ${VARIANTS.join(", ")}\n${USAGE}`);
    variants = v as Variant[];
  }
  let groups: readonly [number, number] | undefined = [5000, 10];
  if (values.groups === "none") groups = undefined;
  else if (values.groups !== undefined) {
    const m = /^(\d+):(\d+)$/.exec(text(values.groups) ?? "");
    if (!m || Number(m[2]) < 1 || Number(m[1]) < Number(m[2])) throw new Error(`--groups takes <tenants>:<groups> with at least one tenant per group, or none; got ${JSON.stringify(values.groups)}\n${USAGE}`);
    groups = [Number(m[1]), Number(m[2])];
  }
  return { sizes, variants, groups, runs, write: values.write === true, help: false };
}

export function variantsFor(s: PlanBenchSettings, tenants: number): ReadonlyArray<Variant> {
  return s.variants ?? DEFAULT_VARIANTS[tenants] ?? ["synthesized"];
}

export interface PlanRow {
  readonly tenants: number;
  /** 1 for one stack; else the stack groups (plus the base stack, planned too). */
  readonly stacks: number;
  readonly variant: Variant;
  readonly run: number;
  /** user + system CPU seconds of terraform and of its provider processes. */
  readonly cpuS: number;
  /** Seconds from start to exit; the sum over the stacks when there are several. */
  readonly wallS: number;
  /** Peak RSS of the largest process (terraform or a provider), MiB. */
  readonly peakRssMiB: number;
  /** Peak RSS of the terraform process itself, MiB, sampled each second (VmHWM). */
  readonly terraformRssMiB: number;
  /** Resources, data sources and outputs planned (over all stacks). */
  readonly objects: number;
}

export interface PlanMachine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly terraform: string;
  readonly provider: string;
  readonly gogc: string;
  readonly load: number;
  readonly date: string;
}

export interface PlanTarget {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  readonly pass: boolean | undefined;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** The median CPU seconds of one stack of `tenants` in `variant`, if measured. */
export function cpuOf(rows: ReadonlyArray<PlanRow>, tenants: number, variant: Variant, stacks = 1): number | undefined {
  const xs = rows.filter((r) => r.tenants === tenants && r.variant === variant && r.stacks === stacks).map((r) => r.cpuS);
  return xs.length > 0 ? median(xs) : undefined;
}

/** The targets, from rows measured side by side in one run. */
export function planTargets(rows: ReadonlyArray<PlanRow>): PlanTarget[] {
  const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined ? a / b : undefined);
  const outputs = ratio(cpuOf(rows, 1000, "synthesized"), cpuOf(rows, 1000, "no-outputs"));
  const growth = ratio(cpuOf(rows, 2000, "synthesized"), cpuOf(rows, 1000, "synthesized"));
  const big = cpuOf(rows, 5000, "synthesized");
  const show = (x: number | undefined, unit = "×") => (x === undefined ? "not measured" : `${x.toFixed(2)}${unit}`);
  return [
    { name: "1,000 tenants: CPU against the same stack without outputs", target: "≤ 1.25×", measured: show(outputs), pass: outputs === undefined ? undefined : outputs <= 1.25 },
    { name: "CPU from 1,000 to 2,000 tenants", target: "≤ 2.4×", measured: show(growth), pass: growth === undefined ? undefined : growth <= 2.4 },
    { name: "5,000 tenants in one stack", target: "completes", measured: big === undefined ? "not measured" : `${Math.round(big)} s CPU`, pass: big === undefined ? undefined : true },
  ];
}

const n = (x: number) => x.toLocaleString("en-US");

export function renderPlanReport(rows: ReadonlyArray<PlanRow>, m: PlanMachine): string {
  const lines = [
    `Measured ${m.date} on ${m.cpu} (${m.cores} cores, ${m.memoryGiB.toFixed(1)} GiB), ${m.terraform}, AWS provider ${m.provider}, GOGC=${m.gogc}, load ${m.load.toFixed(2)} at the start.`,
    "`terraform plan -refresh=false` of the AWS part, create-only, against the EKS stand-in. CPU: user + system of terraform and its provider processes.",
    "",
    "| tenants | stacks | variant | run | objects | CPU s | wall s | peak RSS MiB (largest process) | terraform RSS MiB |",
    "|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${n(r.tenants)} | ${r.stacks} | ${r.variant} | ${r.run} | ${n(r.objects)} | ${r.cpuS.toFixed(1)} | ${r.wallS.toFixed(1)} | ${Math.round(r.peakRssMiB)} | ${Math.round(r.terraformRssMiB)} |`),
    "",
    "| target | wanted | measured | |",
    "|---|---|---|---|",
    ...planTargets(rows).map((t) => `| ${t.name} | ${t.target} | ${t.measured} | ${t.pass === undefined ? "–" : t.pass ? "pass" : "FAIL"} |`),
  ];
  return `${lines.join("\n")}\n`;
}

export const PLAN_BEGIN = "<!-- bench:plan:begin (written by `npm run bench:plan -- --write`; edit outside these markers) -->";
export const PLAN_END = "<!-- bench:plan:end -->";

/** Puts `section` between the plan markers of `doc`, or appends it under a heading when they are missing. */
export function splicePlanSection(doc: string, section: string): string {
  const block = `${PLAN_BEGIN}\n${section}${PLAN_END}\n`;
  const b = doc.indexOf(PLAN_BEGIN);
  const e = doc.indexOf(PLAN_END);
  if (b < 0 || e < b) return `${doc.trimEnd()}\n\n## Plan: latest run\n\n${block}`;
  return `${doc.slice(0, b)}${block}${doc.slice(e + PLAN_END.length).replace(/^\n/, "")}`;
}
