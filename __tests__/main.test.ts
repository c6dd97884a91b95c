/** The app (main.ts) as cdktf.json runs it: which file it reads, and what it does with bad input. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appCommand, runApp } from "./run";

const tmp = mkdtempSync(join(tmpdir(), "main-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

it("is run by cdktf.json as compiled JavaScript, with no CLI or TypeScript loader around it", () => {
  expect(appCommand()).toEqual(["node", "dist/main.js"]);
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
});

describe("warnings", () => {
  it("are printed by the app, and left to validate when npm run synth has shown them", () => {
    const shown = runApp({ TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(tmp, "w1") });
    expect(shown.status).toBe(0);
    expect(shown.stderr).toMatch(/^warning: tenants\.yaml:\d+:\d+: tenants\[0\]\.managedPolicyArns\[0\]: tenant "nginx": AWS-managed policy "AmazonS3FullAccess"/);
    const quiet = runApp({ TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: join(tmp, "w2"), TENANTS_WARNINGS_SHOWN: "1" });
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe("");
  });

  it("never hide errors", () => {
    const run = runApp({ TENANTS_FILE: join(tmp, "bad.yaml"), CDKTF_OUTDIR: join(tmp, "w3"), TENANTS_WARNINGS_SHOWN: "1" });
    expect(run.status).toBe(1);
    expect(run.stderr.split("\n").filter(Boolean)).toHaveLength(2);
  });
});
