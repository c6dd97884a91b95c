/** The benchmark's figures, the performance targets they are held to, and the table they print as. */

/**
 * The `cdktf init` template's way (ts-node, provider classes imported from each package root),
 * one tenant on the same resources: 8.6 s and 2 GB, measured on this machine and recorded in
 * /work/shared/reference/FACTS.md ("CDKTF facts"). It is not re-run here: it needs ts-node and
 * several GB of memory.
 */
export const BASELINE = { wallMs: 8600, peakRssMiB: 2048 } as const;

/** Issue 6's targets, with issue 17's tighter memory limit and issue 23's targets against the floor. */
export const TARGETS = {
  /** One tenant: at most 3% of the baseline's time. */
  oneTenantShareOfBaseline: 0.03,
  oneTenantRssMiB: 150,
  /** In every run of every size, not only the median one. */
  largeRssMiB: 450,
  /** 5,000 tenants cost at most 6 times as much as 1,000 (about linear growth). */
  largeOverMediumRatio: 6,
  /** A warm `npm run synth` of one tenant costs at most 4 times the app command alone. */
  npmSynthOverApp: 4,
  /** CPU time against the cdktf floor (bench/floor.ts), median of paired runs. */
  largeOverFloor: 0.8,
  oneTenantOverFloor: 1.35,
} as const;

export interface Row {
  readonly tenants: number;
  readonly runs: number;
  /** Median wall time of the runs. */
  readonly wallMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  /** Median user + system CPU time of the runs. */
  readonly cpuMs: number;
  /** The highest peak RSS of the runs. */
  readonly peakRssMiB: number;
  /** Resources + data sources + outputs of the stack. */
  readonly objects: number;
  readonly objectsPerTenant: number;
  /** Each run's peak RSS, in run order. */
  readonly runRssMiB?: ReadonlyArray<number>;
  /** 1-minute load average when the size's runs ended. */
  readonly load?: number;
  /** The cdktf floor, run right after each run of the app. */
  readonly floor?: {
    readonly cpuMs: number;
    /** Median over the pairs of app CPU time / floor CPU time. */
    readonly cpuRatio: number;
    readonly runRssMiB: ReadonlyArray<number>;
  };
}

export interface TargetResult {
  readonly name: string;
  readonly target: string;
  readonly measured: string;
  /** undefined when the sizes it needs were not run. */
  readonly pass?: boolean;
}

const ms = (x: number) => `${Math.round(x)} ms`;
const mib = (x: number) => `${x.toFixed(0)} MiB`;

/**
 * Time targets are judged by CPU time (user + system), which other work on a shared machine
 * barely changes, while it can stretch wall time several times over. `npmSynthCpuMs` is the
 * median CPU time of a warm `npm run synth` of the one-tenant file, when it was measured.
 */
export function evaluateTargets(rows: ReadonlyArray<Row>, npmSynthCpuMs?: number): TargetResult[] {
  const at = (n: number) => rows.find((r) => r.tenants === n);
  const one = at(1);
  const medium = at(1000);
  const large = at(5000);
  const limitMs = BASELINE.wallMs * TARGETS.oneTenantShareOfBaseline;
  const out: TargetResult[] = [];
  out.push({
    name: "1 tenant: CPU time vs baseline",
    target: `≤ ${TARGETS.oneTenantShareOfBaseline * 100}% of ${BASELINE.wallMs / 1000} s (${ms(limitMs)})`,
    measured: one ? `${ms(one.cpuMs)} = ${((one.cpuMs / BASELINE.wallMs) * 100).toFixed(2)}%` : "not run",
    pass: one && one.cpuMs <= limitMs,
  });
  out.push({
    name: "1 tenant: peak RSS",
    target: `≤ ${TARGETS.oneTenantRssMiB} MiB`,
    measured: one ? `${mib(one.peakRssMiB)} (baseline ${BASELINE.peakRssMiB / 1024} GB)` : "not run",
    pass: one && one.peakRssMiB <= TARGETS.oneTenantRssMiB,
  });
  const highest = rows.length > 0 ? Math.max(...rows.map((r) => r.peakRssMiB)) : undefined;
  out.push({
    name: "peak RSS, every run of every size",
    target: `≤ ${TARGETS.largeRssMiB} MiB`,
    measured: highest === undefined ? "not run" : mib(highest),
    pass: highest === undefined ? undefined : highest <= TARGETS.largeRssMiB,
  });
  const ratio = medium && large ? large.cpuMs / medium.cpuMs : undefined;
  out.push({
    name: "5,000 vs 1,000 tenants: CPU time",
    target: `≤ ${TARGETS.largeOverMediumRatio}×`,
    measured: ratio === undefined ? "not run" : `${ratio.toFixed(2)}×`,
    pass: ratio === undefined ? undefined : ratio <= TARGETS.largeOverMediumRatio,
  });
  const synthRatio = one && npmSynthCpuMs !== undefined ? npmSynthCpuMs / one.cpuMs : undefined;
  out.push({
    name: "warm npm run synth vs the app alone, 1 tenant: CPU time",
    target: `≤ ${TARGETS.npmSynthOverApp}×`,
    measured: synthRatio === undefined ? "not run" : `${ms(npmSynthCpuMs!)} / ${ms(one!.cpuMs)} = ${synthRatio.toFixed(2)}×`,
    pass: synthRatio === undefined ? undefined : synthRatio <= TARGETS.npmSynthOverApp,
  });
  for (const [name, r, limit] of [
    ["1 tenant: CPU time vs the cdktf floor", one, TARGETS.oneTenantOverFloor],
    ["5,000 tenants: CPU time vs the cdktf floor", large, TARGETS.largeOverFloor],
  ] as const) {
    out.push({
      name,
      target: `≤ ${limit.toFixed(2)}× (median of paired runs)`,
      measured: r?.floor ? `${r.floor.cpuRatio.toFixed(2)}× (${ms(r.cpuMs)} / ${ms(r.floor.cpuMs)})` : "not run",
      pass: r?.floor ? r.floor.cpuRatio <= limit : undefined,
    });
  }
  return out;
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly os: string;
  /** 1-minute load average when the benchmark started: other work on the machine skews times. */
  readonly load: number;
}

const verdict = (p: boolean | undefined) => (p === undefined ? "–" : p ? "pass" : "FAIL");

/** Markdown: the machine, the measured table, the targets. Also fine to print on a terminal. */
export function renderReport(rows: ReadonlyArray<Row>, machine: Machine, meta: { command: string; floor?: string; fromCdktfJson: boolean; rssMethod: string; date: string; npmSynthCpuMs?: number }): string {
  const lines = [
    `Measured ${meta.date} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB.toFixed(1)} GiB memory, Node ${machine.node}, ${machine.os}; load average ${machine.load.toFixed(2)} at the start.`,
    `Command: \`${meta.command}\`${meta.fromCdktfJson ? " from cdktf.json" : " (BENCH_APP)"}, one cluster; peak RSS by ${meta.rssMethod === "gnu-time" ? "GNU time (ru_maxrss)" : "a --require probe (process.resourceUsage().maxRSS)"}.`,
    "",
    "| tenants | runs | median wall time | min–max | median CPU time | peak RSS | Terraform objects | objects per tenant |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| baseline: \`cdktf init\` template (ts-node, provider root imports), 1 tenant | – | ${BASELINE.wallMs / 1000} s | – | – | ${BASELINE.peakRssMiB / 1024} GB | – | – |`,
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.tenants.toLocaleString("en-US")} | ${r.runs} | ${ms(r.wallMs)} | ${ms(r.minMs)}–${ms(r.maxMs)} | ${ms(r.cpuMs)} | ${mib(r.peakRssMiB)} | ${r.objects.toLocaleString("en-US")} | ${r.objectsPerTenant.toFixed(2)} |`,
    );
  }
  const detailed = rows.filter((r) => r.runRssMiB || r.floor);
  if (detailed.length > 0) {
    lines.push("", meta.floor ? `Every run, and the cdktf floor (\`${meta.floor}\`) run right after each run of the app:` : "Every run:", "");
    lines.push("| tenants | load average after | peak RSS of each run | floor: median CPU time | CPU time vs floor (median of pairs) | floor: peak RSS of each run |", "|---:|---:|---|---:|---:|---|");
    const each = (xs: ReadonlyArray<number> | undefined) => (xs ? xs.map((x) => x.toFixed(0)).join(", ") + " MiB" : "–");
    for (const r of detailed) {
      lines.push(`| ${r.tenants.toLocaleString("en-US")} | ${r.load?.toFixed(2) ?? "–"} | ${each(r.runRssMiB)} | ${r.floor ? ms(r.floor.cpuMs) : "–"} | ${r.floor ? `${r.floor.cpuRatio.toFixed(2)}×` : "–"} | ${each(r.floor?.runRssMiB)} |`);
    }
  }
  lines.push("", "| target | limit | measured | result |", "|---|---|---|---|");
  for (const t of evaluateTargets(rows, meta.npmSynthCpuMs)) lines.push(`| ${t.name} | ${t.target} | ${t.measured} | ${verdict(t.pass)} |`);
  return `${lines.join("\n")}\n`;
}

export const BEGIN = "<!-- bench:begin (written by `npm run bench`; edit outside these markers) -->";
export const END = "<!-- bench:end -->";

/** Puts `section` between the markers of `doc`, keeping the hand-written text around them. */
export function spliceSection(doc: string | undefined, section: string): string {
  const block = `${BEGIN}\n${section}${END}\n`;
  if (doc === undefined) return `# Benchmarks\n\n${block}`;
  const b = doc.indexOf(BEGIN);
  const e = doc.indexOf(END);
  if (b < 0 || e < b) return `${doc.trimEnd()}\n\n${block}`;
  return `${doc.slice(0, b)}${block}${doc.slice(e + END.length).replace(/^\n/, "")}`;
}
