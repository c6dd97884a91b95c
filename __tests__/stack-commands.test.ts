/**
 * `npm run deploy` and `npm run diff` (lib/commands/stack-commands.ts): every stack by default,
 * some by name, --parallelism passed on. The cdktf CLI is replaced by a stand-in that records
 * its arguments (TENANTS_CDKTF_CLI), so nothing is deployed or planned.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cdktfInvocations, parseStackArgs } from "../lib/commands/stack-commands";
import { ROOT, runNode } from "./run";

jest.setTimeout(60_000);

const tmp = mkdtempSync(join(tmpdir(), "stack-commands-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const standIn = join(tmp, "cdktf-stand-in.js");
writeFileSync(standIn, 'require("node:fs").appendFileSync(process.env.STAND_IN_LOG, JSON.stringify(process.argv.slice(2)) + "\\n");\nprocess.exitCode = Number(process.env.STAND_IN_EXIT || 0);\n');

let n = 0;
/** Runs a compiled command with the stand-in; returns its result and the CLI calls it made. */
function run(bin: "deploy" | "diff", args: string[], env: Record<string, string> = {}) {
  const log = join(tmp, `calls-${++n}.log`);
  const outdir = join(tmp, `out-${n}`);
  const r = runNode([`dist/bin/${bin}.js`, ...args.map((a) => a.replace("$OUT", outdir))], { TENANTS_FILE: "examples/multi-cluster.yaml", TENANTS_CDKTF_CLI: standIn, STAND_IN_LOG: log, ...env });
  const calls = existsSync(log) ? readFileSync(log, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as string[]) : [];
  return { ...r, calls, outdir };
}

describe("parseStackArgs", () => {
  it("reads stacks, --parallelism and everything else as cdktf options, values included", () => {
    expect(parseStackArgs("deploy", ["prod-eu", "--parallelism", "3", "--auto-approve", "--var", "a=b", "--var-file=x.tfvars", "staging"])).toEqual({
      verb: "deploy",
      stacks: ["prod-eu", "staging"],
      parallelism: 3,
      passThrough: ["--auto-approve", "--var", "a=b", "--var-file", "x.tfvars"],
      outdir: undefined,
      help: false,
    });
    expect(parseStackArgs("diff", ["--parallelism=2", "-o", "out"])).toMatchObject({ stacks: [], parallelism: 2, outdir: "out", passThrough: [] });
  });

  it("refuses a parallelism that is not a whole number of at least 1, a missing value, and --skip-synth", () => {
    expect(() => parseStackArgs("deploy", ["--parallelism", "0"])).toThrow('--parallelism must be a whole number of at least 1, not "0"');
    expect(() => parseStackArgs("deploy", ["--parallelism=two"])).toThrow('--parallelism must be a whole number of at least 1, not "two"');
    expect(() => parseStackArgs("diff", ["--var"])).toThrow("--var needs a value");
    expect(() => parseStackArgs("deploy", ["--skip-synth"])).toThrow("--skip-synth: this command always synthesizes first and passes --skip-synth itself");
  });
});

describe("cdktfInvocations", () => {
  const synthesized = ["prod-eu", "prod-us", "staging"];
  it("deploys every stack in one call, with the '*' pattern, or the ones named", () => {
    expect(cdktfInvocations(parseStackArgs("deploy", []), synthesized)).toEqual([["deploy", "*", "--skip-synth"]]);
    expect(cdktfInvocations(parseStackArgs("deploy", ["staging", "--parallelism", "2", "--auto-approve"]), synthesized)).toEqual([["deploy", "staging", "--skip-synth", "--parallelism", "2", "--auto-approve"]]);
  });

  it("plans one stack per call, since cdktf diff takes one stack", () => {
    expect(cdktfInvocations(parseStackArgs("diff", []), synthesized)).toEqual([
      ["diff", "prod-eu", "--skip-synth"],
      ["diff", "prod-us", "--skip-synth"],
      ["diff", "staging", "--skip-synth"],
    ]);
    expect(cdktfInvocations(parseStackArgs("diff", ["prod-us", "-o", "x"]), synthesized)).toEqual([["diff", "prod-us", "--skip-synth", "--output", "x"]]);
  });

  it("names the stacks there are when a diff names one that is not", () => {
    expect(() => cdktfInvocations(parseStackArgs("diff", ["prod"]), synthesized)).toThrow('no stack named "prod"; the stacks are: prod-eu, prod-us, staging');
  });
});

describe("the compiled commands", () => {
  it("deploy synthesizes, then deploys every stack with one CLI call that does not synthesize again", () => {
    const r = run("deploy", ["--output", "$OUT", "--parallelism", "2", "--auto-approve"]);
    expect(r.status).toBe(0);
    expect(r.calls).toEqual([["deploy", "*", "--skip-synth", "--output", r.outdir, "--parallelism", "2", "--auto-approve"]]);
    expect(Object.keys(JSON.parse(readFileSync(join(r.outdir, "manifest.json"), "utf8")).stacks).sort()).toEqual(["prod-eu", "prod-us", "staging"]);
  });

  it("diff plans every stack, one call each, or the one named", () => {
    const all = run("diff", ["--output", "$OUT"]);
    expect(all.status).toBe(0);
    expect(all.calls.map((c) => c[1]).sort()).toEqual(["prod-eu", "prod-us", "staging"]);
    expect(all.calls.every((c) => c[0] === "diff" && c.slice(2).join(" ") === `--skip-synth --output ${all.outdir}`)).toBe(true);
    const one = run("diff", ["staging", "--output", "$OUT"]);
    expect(one.calls).toEqual([["diff", "staging", "--skip-synth", "--output", one.outdir]]);
  });

  it("stops before the CLI when the file is invalid, and prints each error once", () => {
    const bad = join(tmp, "bad.yaml");
    writeFileSync(bad, "clusters:\n  - { name: demo, region: mars-1 }\n");
    const r = run("deploy", ["--output", "$OUT"], { TENANTS_FILE: bad });
    expect(r.status).toBe(1);
    expect(r.calls).toEqual([]);
    expect(r.stderr).toBe(`${bad}:2:27: clusters[0].region: "mars-1" is not an AWS region; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html\n`);
  });

  it("passes on a failing CLI's exit code", () => {
    const r = run("diff", ["--output", "$OUT"], { STAND_IN_EXIT: "1" });
    expect(r.status).toBe(1);
    expect(r.calls).toHaveLength(3);
  });

  it("--help prints the usage and exits 0 without synthesizing; bad usage exits 2", () => {
    for (const bin of ["deploy", "diff"] as const) {
      const help = run(bin, ["--help"]);
      expect(help.status).toBe(0);
      expect(help.calls).toEqual([]);
      expect(help.stdout.split("\n")[0]).toBe(`usage: npm run ${bin} -- [tenants file] [stack ...] [--file <tenants file>] [--parallelism <n>] [cdktf ${bin} options]`);
    }
    const bad = run("deploy", ["--parallelism", "x"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('error: --parallelism must be a whole number of at least 1, not "x"\nusage: npm run deploy -- [tenants file] [stack ...] [--file <tenants file>] [--parallelism <n>] [cdktf deploy options]\n');
  });

  it("npm run deploy -- <stack> reaches the command with the stack", () => {
    const log = join(tmp, "npm.log");
    const out = join(tmp, "npm-out");
    const r = spawnSync("npm", ["run", "-s", "deploy", "--", "prod-us", "--output", out], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, TENANTS_FILE: "examples/multi-cluster.yaml", TENANTS_CDKTF_CLI: standIn, STAND_IN_LOG: log },
    });
    expect(r.status).toBe(0);
    expect(readFileSync(log, "utf8")).toBe(`${JSON.stringify(["deploy", "prod-us", "--skip-synth", "--output", out])}\n`);
  });
});
