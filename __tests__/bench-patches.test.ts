/**
 * The arithmetic of `npm run bench:patches` (bench/patch-table.ts): which runs it makes, and how
 * a patch's saving and verdict are read off them. No time is measured here.
 */
import { renderPatchTable, saving, variants, type Figures } from "../bench/patch-table";

describe("variants", () => {
  it("runs the app with every patch, with none, and without each one in turn", () => {
    expect(variants(["a", "compile-cache", "b"], true)).toEqual([
      { name: "all", off: "" },
      { name: "none", off: "all" },
      { name: "without a", off: "a" },
      { name: "without compile-cache", off: "compile-cache" },
      { name: "without b", off: "b" },
    ]);
  });

  it("leaves out compile-cache where Node has no cache to turn on: it would measure nothing", () => {
    expect(variants(["a", "compile-cache"], false).map((v) => v.name)).toEqual(["all", "none", "without a"]);
  });
});

describe("saving and the table", () => {
  it("is what the app loses without the patch, as a share of the run without it", () => {
    expect(saving(0.9, 1)).toBeCloseTo(0.1);
    expect(saving(1.1, 1)).toBeCloseTo(-0.1);
  });

  it("marks a patch that saves 10% of CPU or of memory (as the table rounds it), and only such a patch", () => {
    const f = (cpuRatio: number, peakRssMiB: number): Figures => ({ cpuRatio, cpuMs: cpuRatio * 1000, peakRssMiB });
    const rows = new Map([
      ["all", f(0.9, 300)],
      ["none", f(1.5, 400)],
      ["without cpu-saver", f(1.0, 300)],
      ["without rss-saver", f(0.9, 334)],
      ["without idle", f(0.95, 310)],
      ["without costly", f(0.8, 300)],
    ]);
    expect(renderPatchTable(5000, rows).split("\n")).toEqual([
      "| 5,000 tenants | CPU vs floor | median CPU | peak RSS | CPU saved by the patch | RSS saved by the patch | saves ≥ 10% |",
      "|---|---:|---:|---:|---:|---:|---|",
      "| all | 0.90× | 900 ms | 300 MiB |  |  |  |",
      "| none | 1.50× | 1500 ms | 400 MiB |  |  |  |",
      "| without cpu-saver | 1.00× | 1000 ms | 300 MiB | 10% | 0% | yes |",
      "| without rss-saver | 0.90× | 900 ms | 334 MiB | 0% | 10% | yes |",
      "| without idle | 0.95× | 950 ms | 310 MiB | 5% | 3% | no |",
      "| without costly | 0.80× | 800 ms | 300 MiB | −12% | 0% | no |",
    ]);
  });
});
