/**
 * The access review (`npm run access`) at the same sizes as synthesis: it builds and synthesizes
 * the same stacks in memory, so it should never take longer than synth itself.
 */

export interface AccessRow {
  readonly tenants: number;
  readonly runs: number;
  /** Median wall and CPU time of the access command. */
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMiB: number;
  /** Median wall and CPU time of synthesis of the same file, from the main table. */
  readonly synthWallMs: number;
  readonly synthCpuMs: number;
}

/** The command measured: the JSON report of `file`, as `npm run access` runs it. */
export function accessCommand(file: string): string {
  return `node dist/bin/access.js ${JSON.stringify(file)} --format json`;
}

const ms = (x: number) => `${Math.round(x)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;

/** A Markdown table: the access command against synthesis, per size. */
export function renderAccessTable(rows: ReadonlyArray<AccessRow>): string {
  const lines = [
    "Access review: `node dist/bin/access.js <file> --format json`, against synthesis of the same file (target: at most 1.00× of its time).",
    "",
    "| tenants | runs | median wall time | median CPU time | peak RSS | wall time vs synth | CPU time vs synth |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.tenants.toLocaleString("en-US")} | ${r.runs} | ${ms(r.wallMs)} | ${ms(r.cpuMs)} | ${r.peakRssMiB.toFixed(0)} MiB | ${ratio(r.wallMs, r.synthWallMs)} | ${ratio(r.cpuMs, r.synthCpuMs)} |`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}
