/** The access review's benchmark rows (bench/access.ts). */
import { accessCommand, renderAccessTable } from "../bench/access";

it("measures the JSON report of the bench file through the compiled command", () => {
  expect(accessCommand("/tmp/b/tenants-1000.yaml")).toBe('node dist/bin/access.js "/tmp/b/tenants-1000.yaml" --format json');
});

it("shows each size against synthesis of the same file", () => {
  expect(renderAccessTable([{ tenants: 1000, runs: 3, wallMs: 1500.4, cpuMs: 2000, peakRssMiB: 180.2, synthWallMs: 2000, synthCpuMs: 2500 }])).toBe(
    [
      "Access review: `node dist/bin/access.js <file> --format json`, against synthesis of the same file (target: at most 1.00× of its time).",
      "",
      "| tenants | runs | median wall time | median CPU time | peak RSS | wall time vs synth | CPU time vs synth |",
      "|---:|---:|---:|---:|---:|---:|---:|",
      "| 1,000 | 3 | 1500 ms | 2000 ms | 180 MiB | 0.75× | 0.80× |",
      "",
    ].join("\n"),
  );
});
