/**
 * `npm run synth` (bin/synth.ts, lib/commands/synth.ts): the same files as `cdktf synth`,
 * without the CLI; warnings once, errors once, nothing written for a bad file.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { readCdktfJson, synthEnv } from "../lib/commands/synth";
import { ROOT, runNode } from "./run";

jest.setTimeout(120_000);

const tmp = mkdtempSync(join(tmpdir(), "synth-command-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const synth = (args: string[], env: Record<string, string | undefined> = {}) => runNode(["dist/bin/synth.js", ...args], { TENANTS_FILE: "tenants.yaml", ...env });

/** Every file under `dir`, by relative path, with its text. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

/**
 * The real cdktf CLI, run once for the two tests that need it (each run costs about 2.5 s of CPU):
 * examples/multi-cluster.yaml has three stacks and one warning.
 */
let cliRun: { status: number | null; stdout: string; stderr: string; out: string } | undefined;
function cdktfSynth() {
  if (cliRun) return cliRun;
  const out = join(tmp, "cli");
  const r = spawnSync(process.execPath, [require.resolve("cdktf-cli/bundle/bin/cdktf", { paths: [ROOT] }), "synth", "--output", out], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, CHECKPOINT_DISABLE: "1", TENANTS_FILE: "examples/multi-cluster.yaml", TF_CLI_CONFIG_FILE: undefined, NO_COLOR: "1" },
  });
  return (cliRun = { status: r.status, stdout: r.stdout, stderr: r.stderr, out });
}

it("writes exactly what cdktf synth writes", () => {
  const viaNpm = join(tmp, "npm");
  const cli = cdktfSynth();
  expect(cli.status).toBe(0);
  const run = synth(["--output", viaNpm], { TENANTS_FILE: "examples/multi-cluster.yaml" });
  expect(run.status).toBe(0);
  expect(run.stdout).toBe("Generated Terraform code for the stacks: prod-eu, prod-us, staging\n");
  expect(Object.keys(tree(viaNpm)).sort()).toEqual(["manifest.json", "stacks/prod-eu/cdk.tf.json", "stacks/prod-us/cdk.tf.json", "stacks/staging/cdk.tf.json"]);
  expect(tree(viaNpm)).toEqual(tree(cli.out));
});

it("under the real cdktf CLI, a warning shows once and never behind its [ERROR] log prefix", () => {
  const cli = cdktfSynth();
  expect(cli.status).toBe(0);
  const all = `${cli.stdout}\n${cli.stderr}`;
  expect(all).not.toContain("[ERROR]");
  expect(all.match(/warning: examples\/multi-cluster\.yaml:56:9: tenants\[2\]\.managedPolicyArns\[0\]: /g)).toHaveLength(1);
});

it("prints the file's warnings once, on stderr, and nothing else there", () => {
  const run = synth(["--output", join(tmp, "warn")]);
  expect(run.status).toBe(0);
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^warning: tenants\.yaml:17:9: tenants\[0\]\.managedPolicyArns\[0\]: tenant "nginx": AWS-managed policy "AmazonS3FullAccess"/);
});

it("prints each error of a bad file once, exits 1 and writes nothing", () => {
  const bad = join(tmp, "bad.yaml");
  writeFileSync(bad, "clusters:\n  - { name: demo, region: mars-1 }\ntenants:\n  - { name: x, namespace: X, serviceAccount: s }\n");
  const out = join(tmp, "bad-out");
  const run = synth(["--output", out], { TENANTS_FILE: bad });
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr).toBe(
    [
      `${bad}:2:27: clusters[0].region: "mars-1" is not an AWS region; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html`,
      `${bad}:4:27: tenants[0].namespace: "X" is not a valid namespace: a DNS-1123 label of at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit`,
      "",
    ].join("\n"),
  );
  expect(existsSync(out)).toBe(false);
});

it("removes the folders of stacks that are gone, as cdktf synth does, and keeps the rest", () => {
  const out = join(tmp, "stale");
  mkdirSync(join(out, "stacks", "removed-cluster"), { recursive: true });
  writeFileSync(join(out, "stacks", "removed-cluster", "cdk.tf.json"), "{}");
  mkdirSync(join(out, "stacks", "demo-cluster", ".terraform"), { recursive: true });
  writeFileSync(join(out, "stacks", "demo-cluster", ".terraform", "kept"), "");
  expect(synth(["--output", out]).status).toBe(0);
  expect(readdirSync(join(out, "stacks"))).toEqual(["demo-cluster"]);
  expect(existsSync(join(out, "stacks", "demo-cluster", ".terraform", "kept"))).toBe(true);
});

it("--help prints the usage and exits 0; a second file or an unknown option is refused with exit 2", () => {
  const USAGE = "usage: npm run synth [-- [tenants file] [--file <tenants file>] [--output <dir>]]";
  const help = synth(["--help"]);
  expect(help.status).toBe(0);
  expect(help.stdout.split("\n")[0]).toBe(USAGE);
  const two = synth(["a.yaml", "b.yaml"]);
  expect(two.status).toBe(2);
  expect(two.stderr).toBe(`error: one tenants file at a time, got a.yaml b.yaml\n${USAGE}\n`);
  const bad = synth(["--ouput", "x"]);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toBe(`error: unknown option --ouput; did you mean "--output"?\n${USAGE}\n`);
});

describe("the app's environment, as cdktf-cli 0.21 builds it", () => {
  it("sets the output folder, the context with the local modules and HCL off; drops TF_VAR_*", () => {
    const env = synthEnv({ PATH: "/bin", TF_VAR_secret: "x", CDKTF_CONTEXT_JSON: '{"a":1}' }, "cdktf.out", ["./modules/x"]);
    expect(env).toEqual({ PATH: "/bin", CHECKPOINT_DISABLE: "1", NODE_OPTIONS: "--max-old-space-size=4096", CDKTF_OUTDIR: "cdktf.out", CDKTF_CONTEXT_JSON: '{"a":1,"cdktfRelativeModules":["./modules/x"]}', SYNTH_HCL_OUTPUT: "false" });
  });

  it("keeps NODE_OPTIONS as given, and never says that the CLI runs the app", () => {
    const env = synthEnv({ NODE_OPTIONS: "--inspect", CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true" }, "o", []);
    expect(env.NODE_OPTIONS).toBe("--inspect");
    expect(env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS).toBeUndefined();
  });

  it("reads app, output and local modules from cdktf.json", () => {
    const dir = join(tmp, "project");
    mkdirSync(dir);
    writeFileSync(join(dir, "cdktf.json"), JSON.stringify({ app: "node x.js", output: "out", terraformModules: ["hashicorp/consul/aws", "./local", { source: "../up" }] }));
    expect(readCdktfJson(dir)).toEqual({ app: "node x.js", output: "out", relativeModules: ["./local", { source: "../up" }] });
    cpSync(join(ROOT, "cdktf.json"), join(dir, "cdktf.json"));
    expect(readCdktfJson(dir).output).toBe("cdktf.out");
  });
});
