/**
 * The figures of `npm run bench:patches` (bench/patches.ts): which variants of the app it runs,
 * what a patch saves, and the table it prints.
 */

export const BEGIN = "<!-- bench:patches:begin (written by `npm run bench:patches -- --write`) -->";
export const END = "<!-- bench:patches:end -->";
/** A patch is kept when it saves at least this share of CPU time or peak RSS. */
export const KEEP_SAVING = 0.1;

export interface Variant {
  readonly name: string;
  /** TENANTS_PATCHES_OFF for the run. */
  readonly off: string;
}

/** All patches, none, and each left out; compile-cache only where Node has one to turn on. */
export function variants(names: readonly string[], nodeHasCompileCache: boolean): Variant[] {
  const measured = names.filter((n) => n !== "compile-cache" || nodeHasCompileCache);
  return [{ name: "all", off: "" }, { name: "none", off: "all" }, ...measured.map((n) => ({ name: `without ${n}`, off: n }))];
}

export interface Figures {
  /** Median over the rounds of CPU time ÷ the round's floor CPU time. */
  readonly cpuRatio: number;
  readonly cpuMs: number;
  readonly peakRssMiB: number;
}

/** 1 − with ÷ without: the share a patch saves; negative when it costs. */
export const saving = (withIt: number, without: number) => 1 - withIt / without;

const pct = (x: number) => `${x >= 0 ? "" : "−"}${Math.abs(Math.round(x * 100))}%`;

/** The table: each variant's figures, and for each "without" row, the patch's saving and verdict. */
export function renderPatchTable(size: number, rows: ReadonlyMap<string, Figures>): string {
  const all = rows.get("all")!;
  const lines = [`| ${size.toLocaleString("en-US")} tenant${size === 1 ? "" : "s"} | CPU vs floor | median CPU | peak RSS | CPU saved by the patch | RSS saved by the patch | saves ≥ ${KEEP_SAVING * 100}% |`, "|---|---:|---:|---:|---:|---:|---|"];
  for (const [name, f] of rows) {
    const saved = [saving(all.cpuRatio, f.cpuRatio), saving(all.peakRssMiB, f.peakRssMiB)];
    const cells = name.startsWith("without ") ? [...saved.map(pct), saved.some((x) => Math.round(x * 100) >= KEEP_SAVING * 100) ? "yes" : "no"] : ["", "", ""];
    lines.push(`| ${name} | ${f.cpuRatio.toFixed(2)}× | ${Math.round(f.cpuMs)} ms | ${f.peakRssMiB.toFixed(0)} MiB | ${cells.join(" | ")} |`);
  }
  return lines.join("\n");
}
