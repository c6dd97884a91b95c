import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./run";
import { BASELINE, END, BEGIN, evaluateTargets, renderReport, spliceSection, type Row } from "../bench/report";
import { parseFigures } from "../bench/measure";
import { countObjects, median, objectsPerTenant } from "../bench/stats";
import { BENCH_CLUSTER, tenantName, tenantsYaml } from "../bench/tenants-file";
import { load } from "./helpers";

describe("tenantsYaml", () => {
  it("writes n valid tenants on one cluster, each with a namespace, service account, managed policy and tags", async () => {
    const r = await load(tenantsYaml(3));
    expect(r.problems).toEqual([]);
    const c = r.config!;
    expect(c.clusters.map((x) => x.name)).toEqual([BENCH_CLUSTER]);
    expect(c.tenants.map((t) => t.name)).toEqual(["team-00000", "team-00001", "team-00002"]);
    expect(c.tenants[2]).toMatchObject({
      namespace: "team-00002",
      serviceAccount: "team-00002-app",
      createNamespace: true,
      managedPolicyArns: ["arn:aws:iam::111122223333:policy/tenants/team-00002-access"],
      tags: { team: "team-00002", "cost-center": "cc-002" },
    });
  });

  it("writes a valid file without tenants, for the per-cluster object count", async () => {
    const r = await load(tenantsYaml(0));
    expect(r.problems).toEqual([]);
    expect(r.config!.tenants).toEqual([]);
  });

  it("names tenants with a fixed width", () => {
    expect(tenantName(42)).toBe("team-00042");
    expect(tenantName(4999)).toBe("team-04999");
  });
});

describe("median", () => {
  it("takes the middle value of an odd count and the mean of the two middle values of an even count, whatever the order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([10, 1, 4, 2])).toBe(3);
    expect(median([7])).toBe(7);
  });
  it("refuses an empty list", () => {
    expect(() => median([])).toThrow("median of no values");
  });
});

describe("parseFigures", () => {
  it("reads peak RSS and user + system CPU time from the last line, as GNU time and the probe write it", () => {
    expect(parseFigures("75300 0.21 0.04\n")).toEqual({ peakRssKiB: 75300, cpuMs: 250 });
    expect(parseFigures("Command exited with non-zero status 1\n75300 0.21 0.04\n")).toEqual({ peakRssKiB: 75300, cpuMs: 250 });
    expect(parseFigures("71234 0.180123 0.030456")).toEqual({ peakRssKiB: 71234, cpuMs: 211 });
  });
  it("refuses anything else", () => {
    expect(() => parseFigures("")).toThrow('expected "<peak RSS KiB> <user s> <system s>", got ""');
    expect(() => parseFigures("75300")).toThrow("got \"75300\"");
  });
});

describe("countObjects", () => {
  it("counts resource and data instances of every type and the outputs, skipping // metadata", () => {
    const stack = {
      "//": { metadata: {} },
      resource: { aws_iam_role: { a: { "//": {} }, b: {} }, aws_eks_pod_identity_association: { a: {} } },
      data: { aws_eks_cluster: { cluster: {} }, aws_iam_policy_document: { a: {}, b: {} } },
      output: { a_role_arn: {}, b_role_arn: {} },
    };
    expect(countObjects(stack)).toEqual({ resources: 3, data: 3, outputs: 2, total: 8 });
  });
  it("counts an empty stack as zero", () => {
    expect(countObjects({})).toEqual({ resources: 0, data: 0, outputs: 0, total: 0 });
  });
  it("divides what the tenants add by their number", () => {
    expect(objectsPerTenant(1003, 3, 100)).toBe(10);
    expect(() => objectsPerTenant(3, 3, 0)).toThrow("at least one tenant");
  });
});

const row = (tenants: number, wallMs: number, peakRssMiB: number): Row => ({
  tenants,
  runs: 3,
  wallMs,
  minMs: wallMs,
  maxMs: wallMs,
  cpuMs: wallMs + 40,
  peakRssMiB,
  objects: tenants * 10 + 3,
  objectsPerTenant: 10,
});

describe("evaluateTargets", () => {
  // row(n, wall, rss) has a CPU time of wall + 40 ms: the time targets must read the CPU time.
  it("holds one tenant to 3% of the 8.6 s baseline and 150 MiB, 5,000 tenants to 600 MiB and 6× the CPU time of 1,000, npm run synth to 4× the app", () => {
    expect(BASELINE).toEqual({ wallMs: 8600, peakRssMiB: 2048 });
    const results = evaluateTargets([row(1, 218, 150), row(1000, 960, 200), row(5000, 5960, 600)], 1032);
    expect(results.map((t) => [t.name, t.measured, t.pass])).toEqual([
      ["1 tenant: CPU time vs baseline", "258 ms = 3.00%", true],
      ["1 tenant: peak RSS", "150 MiB (baseline 2 GB)", true],
      ["5,000 tenants: peak RSS", "600 MiB", true],
      ["5,000 vs 1,000 tenants: CPU time", "6.00×", true],
      ["warm npm run synth vs the app alone, 1 tenant: CPU time", "1032 ms / 258 ms = 4.00×", true],
    ]);
  });
  it("fails each target just past its limit", () => {
    const results = evaluateTargets([row(1, 219, 151), row(1000, 960, 200), row(5000, 5961, 601)], 1037);
    expect(results.map((t) => t.pass)).toEqual([false, false, false, false, false]);
  });
  it("judges time by CPU, not wall time: a long wall time on a busy machine passes", () => {
    const busy = { ...row(1, 200, 70), wallMs: 2000 };
    expect(evaluateTargets([busy])[0]!.pass).toBe(true);
  });
  it("leaves a target undecided when its sizes were not run", () => {
    expect(evaluateTargets([row(100, 500, 100)], 900).map((t) => [t.measured, t.pass])).toEqual([
      ["not run", undefined],
      ["not run", undefined],
      ["not run", undefined],
      ["not run", undefined],
      ["not run", undefined],
    ]);
  });
});

describe("renderReport and spliceSection", () => {
  const machine = { cpu: "Test CPU", cores: 2, memoryGiB: 4, node: "v20.0.0", os: "Linux 6", load: 0.5 };
  const report = renderReport([row(1, 200, 70)], machine, { command: "node dist/main.js", fromCdktfJson: true, rssMethod: "gnu-time", date: "2025-01-01" });

  it("describes the machine and prints the baseline, one row per size and a verdict per target", () => {
    expect(report).toContain("Measured 2025-01-01 on Test CPU, 2 cores, 4.0 GiB memory, Node v20.0.0, Linux 6; load average 0.50 at the start.");
    expect(report).toContain("Command: `node dist/main.js` from cdktf.json, one cluster; peak RSS by GNU time (ru_maxrss).");
    expect(report).toContain("| baseline: `cdktf init` template (ts-node, provider root imports), 1 tenant | – | 8.6 s | – | – | 2 GB | – | – |");
    expect(report).toContain("| 1 | 3 | 200 ms | 200 ms–200 ms | 240 ms | 70 MiB | 13 | 10.00 |");
    expect(report).toContain("| 1 tenant: CPU time vs baseline | ≤ 3% of 8.6 s (258 ms) | 240 ms = 2.79% | pass |");
    expect(report).toContain("| 5,000 tenants: peak RSS | ≤ 600 MiB | not run | – |");
  });

  it("creates the document when there is none, and replaces only the marked section later", () => {
    const first = spliceSection(undefined, "old\n");
    expect(first).toBe(`# Benchmarks\n\n${BEGIN}\nold\n${END}\n`);
    const edited = `${first.replace("# Benchmarks\n", "# Benchmarks\n\nIntro.\n")}\n## Notes\n\nKept.\n`;
    expect(spliceSection(edited, "new\n")).toBe(`# Benchmarks\n\nIntro.\n\n${BEGIN}\nnew\n${END}\n\n## Notes\n\nKept.\n`);
  });

  it("appends the section to a document without markers", () => {
    expect(spliceSection("# Benchmarks\n\nText.\n", "t\n")).toBe(`# Benchmarks\n\nText.\n\n${BEGIN}\nt\n${END}\n`);
  });
});

describe("npm run bench, as a whole (one tenant, one run; no time is asserted)", () => {
  const doc = join(ROOT, "docs", "benchmarks.md");
  const bench = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ["dist/bench/run.js", ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, BENCH_SIZES: "1", BENCH_RUNS: "1", CHECKPOINT_DISABLE: "1", ...env } });

  it("changes no tracked file without --write, and prints the report with every target", () => {
    const before = { text: readFileSync(doc, "utf8"), mtime: statSync(doc).mtimeMs };
    const r = bench([], {});
    // 0 or 1: on a loaded machine a target may fail; that is the benchmark's verdict, not this test's.
    expect([0, 1]).toContain(r.status);
    expect(r.stdout).toContain("| 1 tenant: CPU time vs baseline |");
    expect(r.stdout).toMatch(/\| warm npm run synth vs the app alone, 1 tenant: CPU time \| ≤ 4× \| \d+ ms \/ \d+ ms = [\d.]+× \| (pass|FAIL) \|/);
    expect(r.stdout).not.toContain("written to");
    expect(readFileSync(doc, "utf8")).toBe(before.text);
    expect(statSync(doc).mtimeMs).toBe(before.mtime);
  }, 120_000);

  it("with --write, rewrites the marked section of BENCH_DOC", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-doc-"));
    const target = join(dir, "bench.md");
    writeFileSync(target, "# Mine\n");
    const r = bench(["--write"], { BENCH_DOC: target });
    expect([0, 1]).toContain(r.status);
    expect(readFileSync(target, "utf8")).toMatch(new RegExp(`^# Mine\\n\\n${BEGIN.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\nMeasured `));
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("refuses an unknown argument", () => {
    const r = bench(["--wirte"], {});
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("bench: unknown arguments --wirte; usage: npm run bench [-- --write]\n");
  });
});
