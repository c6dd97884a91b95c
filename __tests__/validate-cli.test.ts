/** `npm run validate -- <file>`: exit codes and output lines, as the contract in DESIGN.md says. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNode } from "./run";
import { tenantsFile } from "./fixtures";

const tmp = mkdtempSync(join(tmpdir(), "validate-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const validate = (...args: string[]) => runNode(["dist/bin/validate.js", ...args], { TENANTS_FILE: undefined });

it("exits 0 for a valid file and says what it holds", () => {
  const run = validate("tenants.yaml");
  expect(run.status).toBe(0);
  expect(run.stdout).toBe("tenants.yaml: valid: 1 cluster(s), 1 tenant(s)\n");
});

it("exits 1 with one located line per problem on stderr", () => {
  const file = join(tmp, "bad.json");
  writeFileSync(file, JSON.stringify({ clusters: [{ name: "c", region: "us-east-1", acountId: "111122223333" }], tenants: [{ name: "t" }] }, null, 2));
  const run = validate(file);
  expect(run.status).toBe(1);
  expect(run.stderr.trimEnd().split("\n")).toEqual([
    `${file}:6:7: clusters[0].acountId: unknown key "acountId"; did you mean "accountId"?; allowed keys: name, region, accountId, deployRoleArn, agent, addons, controllers`,
    `${file}:10:5: tenants[0].namespace: is required`,
    `${file}:10:5: tenants[0].serviceAccount: is required`,
  ]);
  expect(run.stdout).toBe("");
});

it("exits 1 for a missing file", () => {
  const run = validate(join(tmp, "nope.yaml"));
  expect(run.status).toBe(1);
  expect(run.stderr).toBe(`${join(tmp, "nope.yaml")}: cannot read the tenants file: no such file\n`);
});

it("falls back to TENANTS_FILE, then tenants.yaml", () => {
  const file = join(tmp, "env.yaml");
  writeFileSync(file, tenantsFile({ clusters: [{ name: "c" }] }));
  expect(runNode(["dist/bin/validate.js"], { TENANTS_FILE: file }).stdout).toBe(`${file}: valid: 1 cluster(s), 0 tenant(s)\n`);
  expect(validate().stdout).toBe("tenants.yaml: valid: 1 cluster(s), 1 tenant(s)\n");
});

it("checks several files in one run: a line per valid file, every problem of the others, exit 1 if any fails", () => {
  const good = join(tmp, "good.yaml");
  writeFileSync(good, tenantsFile({ clusters: [{ name: "c" }] }));
  const bad = join(tmp, "two-bad.yaml");
  writeFileSync(bad, "clusters: [{ name: c, region: mars-1 }]\n");
  const run = validate(good, "tenants.yaml", bad);
  expect(run.status).toBe(1);
  expect(run.stdout).toBe(`${good}: valid: 1 cluster(s), 0 tenant(s)\ntenants.yaml: valid: 1 cluster(s), 1 tenant(s)\n`);
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^warning: tenants\.yaml:17:9: tenants\[0\]\.managedPolicyArns\[0\]: /);
  expect(lines[1]).toBe(`${bad}:1:31: clusters[0].region: "mars-1" is not an AWS region; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html`);
  expect(validate(good, "tenants.yaml").status).toBe(0);
});

describe("--format json", () => {
  it("prints one array of {file, line, column, path, severity, message} on stdout, across files", () => {
    const bad = join(tmp, "json-bad.yaml");
    writeFileSync(bad, "clusters: [{ name: c, region: mars-1 }]\n");
    const missing = join(tmp, "missing.yaml");
    const run = validate("--format", "json", "tenants.yaml", bad, missing);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("");
    const out = JSON.parse(run.stdout);
    expect(out).toHaveLength(3);
    expect(out[0]).toEqual({
      file: "tenants.yaml",
      line: 17,
      column: 9,
      path: "tenants[0].managedPolicyArns[0]",
      severity: "warning",
      message: expect.stringMatching(/^tenant "nginx": AWS-managed policy "AmazonS3FullAccess"/),
    });
    expect(out[1]).toEqual({ file: bad, line: 1, column: 31, path: "clusters[0].region", severity: "error", message: '"mars-1" is not an AWS region; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html' });
    expect(out[2]).toEqual({ file: missing, line: null, column: null, path: "(file)", severity: "error", message: "cannot read the tenants file: no such file" });
  });

  it("prints an empty array and exits 0 for a clean file; warnings alone do not fail", () => {
    const clean = join(tmp, "clean.yaml");
    writeFileSync(clean, tenantsFile({ clusters: [{ name: "c" }] }));
    const run = validate("--format=json", clean);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("[]\n");
    expect(validate("--format", "json", "tenants.yaml").status).toBe(0);
  });

  it("refuses another format", () => {
    const run = validate("--format", "xml");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe('error: --format must be text or json, not "xml"\nusage: npm run validate -- [--format text|json] [tenants file ...] [--file <tenants file>]\n');
  });
});

it("--help prints the usage on stdout and exits 0", () => {
  const run = validate("--help");
  expect(run.status).toBe(0);
  expect(run.stderr).toBe("");
  expect(run.stdout.split("\n")[0]).toBe("usage: npm run validate -- [--format text|json] [tenants file ...] [--file <tenants file>]");
  expect(validate("-h").stdout).toBe(run.stdout);
});

it("refuses an unknown option", () => {
  const run = validate("--strict");
  expect(run.status).toBe(2);
  expect(run.stderr).toBe("error: unknown option --strict\nusage: npm run validate -- [--format text|json] [tenants file ...] [--file <tenants file>]\n");
});
