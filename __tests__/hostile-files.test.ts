/**
 * Hostile files through the built `validate` command, as a user would run it: a FIFO, a device,
 * a 100 MB file, binary garbage and 50,000 tenants are each refused with exit 1, the file named,
 * and no output line over 1,000 characters. How long each takes is measured by the bench script
 * (bench/), not asserted here.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "./run";

const dir = mkdtempSync(join(tmpdir(), "hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Generous limits for a loaded machine; a regression that hangs (a FIFO read that blocks) is
// killed by spawnSync's timeout and fails, instead of hanging the suite.
jest.setTimeout(120_000);
function validate(file: string) {
  const r = spawnSync(process.execPath, ["dist/bin/validate.js", file], { cwd: ROOT, env: { ...process.env, TENANTS_FILE: undefined }, encoding: "utf8", timeout: 100_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function refused(file: string): string[] {
  const run = validate(file);
  expect(run.status).toBe(1);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  for (const line of lines) {
    expect(line.startsWith(file)).toBe(true);
    expect(line.length).toBeLessThanOrEqual(1000);
  }
  return lines;
}

const NOT_REGULAR = "not a regular file; a tenants file is a regular YAML or JSON file";

it("a FIFO, without waiting for a writer", () => {
  const file = join(dir, "pipe.yaml");
  execFileSync("mkfifo", [file]);
  expect(refused(file)).toEqual([`${file}: cannot read the tenants file: is a named pipe (FIFO), ${NOT_REGULAR}`]);
});

it("/dev/zero, named directly or through a .yaml link", () => {
  expect(refused("/dev/zero")).toEqual([`/dev/zero: cannot read the tenants file: is a character device, ${NOT_REGULAR}`]);
  const link = join(dir, "zero.yaml");
  symlinkSync("/dev/zero", link);
  expect(refused(link)).toEqual([`${link}: cannot read the tenants file: is a character device, ${NOT_REGULAR}`]);
});

it("a directory and a symbolic link loop", () => {
  const d = join(dir, "d.yaml");
  mkdirSync(d);
  expect(refused(d)).toEqual([`${d}: cannot read the tenants file: is a directory, ${NOT_REGULAR}`]);
  const loop = join(dir, "loop.yaml");
  symlinkSync("loop.yaml", loop);
  expect(refused(loop)).toEqual([`${loop}: cannot read the tenants file: is a symbolic link that loops (too many levels of symbolic links)`]);
});

it("a 100 MB file of NUL bytes, by its size", () => {
  const file = join(dir, "huge.yaml");
  writeFileSync(file, "");
  truncateSync(file, 100 * 1024 * 1024);
  expect(refused(file)).toEqual([`${file}: cannot read the tenants file: is 100.0 MiB; a tenants file may be at most 16.0 MiB`]);
});

it("binary garbage", () => {
  const file = join(dir, "garbage.json");
  // Fixed bytes, so the test is the same every run: a PNG signature and some data.
  writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]));
  expect(refused(file)).toEqual([`${file}: cannot read the tenants file: holds binary data (a NUL byte at offset 8); a tenants file is UTF-8 text`]);
  const latin1 = join(dir, "latin1.yaml");
  writeFileSync(latin1, Buffer.from("tags: { \xe9quipe: x }", "latin1"));
  expect(refused(latin1)).toEqual([`${latin1}: cannot read the tenants file: is not valid UTF-8 text; a tenants file is UTF-8`]);
});

it("50,000 tenants on one cluster: over the association quota and IAM's role quota, one line each", () => {
  const file = join(dir, "many.yaml");
  const tenants = Array.from({ length: 50_000 }, (_, i) => `  - { name: t${i}, namespace: ns${i}, serviceAccount: sa }`);
  writeFileSync(file, ["clusters:", "  - name: c", "    region: us-east-1", "tenants:", ...tenants, ""].join("\n"));
  expect(refused(file)).toEqual([
    `${file}:2:11: clusters[0].name: cluster "c" would hold 50000 Pod Identity associations; EKS allows at most 5000 per cluster, and that quota cannot be raised`,
    `${file}:5005:13: tenants[5000].name: the clusters without accountId (counted as one account) would hold 50,000 IAM roles created by this file (50,000 for tenants); IAM allows at most 5,000 roles per account even after a quota increase (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). Spread the clusters over more accounts, or let tenants share roles (sharedRoles, with tenants[].sharedRole: one role per cluster for all of them)`,
  ]);
});

it("a megabyte-long value, quoted short", () => {
  const file = join(dir, "long.yaml");
  writeFileSync(file, `clusters:\n  - name: c\n    region: "${"x".repeat(1_000_000)}"\n`);
  expect(refused(file)).toEqual([
    `${file}:3:13: clusters[0].region: "${"x".repeat(100)}…" is not an AWS region; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html`,
  ]);
});
