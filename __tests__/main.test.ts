/** The app (main.ts) as cdktf.json runs it: which file it reads, and what it does with bad input. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appCommand, runApp } from "./run";

const tmp = mkdtempSync(join(tmpdir(), "main-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("is run by cdktf.json as compiled JavaScript, after the fresh-build check and with the speed patches preloaded", () => {
  expect(appCommand()).toEqual(["node", "--require", "./scripts/fresh-dist.js", "--require", "./dist/lib/runtime/preload.js", "dist/main.js"]);
});

it("reads tenants.yaml by default and writes one stack per cluster", () => {
  const out = join(tmp, "default");
  const run = runApp({ TENANTS_FILE: undefined, CDKTF_OUTDIR: out });
  expect(run.status).toBe(0);
  expect(readdirSync(join(out, "stacks"))).toEqual(["demo-cluster"]);
  const stack = JSON.parse(readFileSync(join(out, "stacks", "demo-cluster", "cdk.tf.json"), "utf8"));
  expect(Object.values<{ name: string }>(stack.resource.aws_iam_role).map((r) => r.name)).toEqual(["nginx-s3-access-role"]);
});

it("reads the file named by TENANTS_FILE", () => {
  const file = join(tmp, "other.yaml");
  writeFileSync(file, "clusters:\n  - { name: one, region: eu-west-1 }\n  - { name: two, region: eu-west-2 }\ntenants: []\n");
  const out = join(tmp, "other");
  const run = runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: out });
  expect(run.status).toBe(0);
  expect(readdirSync(join(out, "stacks")).sort()).toEqual(["one", "two"]);
});

describe("bad input", () => {
  const file = join(tmp, "bad.yaml");
  writeFileSync(file, "clusters:\n  - name: demo\n    region: mars-1\ntenants:\n  - { name: x, namespace: X, serviceAccount: s }\n");

  it("prints every problem, one line each, without a stack trace, and exits 1", () => {
    const run = runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: join(tmp, "never") });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      [
        `${file}:3:13: clusters[0].region: "mars-1" is not an AWS region; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html`,
        `${file}:5:27: tenants[0].namespace: "X" is not a valid namespace: a DNS-1123 label of at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit`,
        "",
      ].join("\n"),
    );
    expect(run.stdout).toBe("");
  });

  it("writes nothing", () => {
    const out = join(tmp, "nothing");
    runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: out });
    expect(existsSync(out)).toBe(false);
  });

  it("leaves an earlier output untouched", () => {
    const out = join(tmp, "earlier");
    expect(runApp({ TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: out }).status).toBe(0);
    const stackFile = join(out, "stacks", "demo-cluster", "cdk.tf.json");
    const before = readFileSync(stackFile, "utf8");
    const manifest = readFileSync(join(out, "manifest.json"), "utf8");
    expect(runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: out }).status).toBe(1);
    expect(readFileSync(stackFile, "utf8")).toBe(before);
    expect(readFileSync(join(out, "manifest.json"), "utf8")).toBe(manifest);
    expect(readdirSync(join(out, "stacks"))).toEqual(["demo-cluster"]);
  });

  it("names a missing file in one line", () => {
    const run = runApp({ TENANTS_FILE: join(tmp, "missing.yaml"), CDKTF_OUTDIR: join(tmp, "m") });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(`${join(tmp, "missing.yaml")}: cannot read the tenants file: no such file\n`);
  });

  it("reports an unexpected failure in one line, without a stack trace", () => {
    mkdirSync(join(tmp, "blocked"));
    // The output folder is a file, so synthesis itself fails after validation.
    writeFileSync(join(tmp, "blocked", "out"), "");
    const run = runApp({ TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(tmp, "blocked", "out") });
    expect(run.status).toBe(2);
    // The seed's AmazonS3FullAccess warning comes first; then the failure, in one line.
    expect(run.stderr).toMatch(/^(warning: .+\n)*error: .+\n$/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("adds the stack trace under TENANTS_DEBUG only, not under the debug package's DEBUG", () => {
    writeFileSync(join(tmp, "blocked", "out2"), "");
    const target = { TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(tmp, "blocked", "out2") };
    expect(runApp({ ...target, DEBUG: "*" }).stderr).not.toMatch(/\n\s+at /);
    const debug = runApp({ ...target, TENANTS_DEBUG: "1" });
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/\nerror: .+\n[^\n]*Error[^\n]*\n\s+at /);
  });
});

describe("warnings", () => {
  const warning = /^warning: tenants\.yaml:17:9: tenants\[0\]\.managedPolicyArns\[0\]: tenant "nginx": AWS-managed policy "AmazonS3FullAccess"[^\n]*\n$/;

  it("are printed once on stderr when the app runs on its own", () => {
    const run = runApp({ TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(tmp, "w1") });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(warning);
    expect(run.stdout).toBe("");
  });

  it("go to stdout under the cdktf CLI, which logs every stderr chunk as an [ERROR] line", () => {
    const run = runApp({ TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(tmp, "w2"), CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true" });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(warning);
    expect(run.stderr).toBe("");
  });

  it("errors too go to stdout under the CLI, once each, with exit 1", () => {
    const run = runApp({ TENANTS_FILE: join(tmp, "bad.yaml"), CDKTF_OUTDIR: join(tmp, "w3"), CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true" });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("");
    expect(run.stdout.split("\n").filter(Boolean).map((l) => l.slice(join(tmp, "bad.yaml").length))).toEqual([":3:13: clusters[0].region: \"mars-1\" is not an AWS region; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html", ":5:27: tenants[0].namespace: \"X\" is not a valid namespace: a DNS-1123 label of at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit"]);
  });
});
