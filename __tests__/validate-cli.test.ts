/** `npm run validate -- <file>`: exit codes and output lines, as the contract in DESIGN.md says. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runNode } from "./run";

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
    `${file}:6:7: clusters[0].acountId: unknown key "acountId"; did you mean "accountId"?; allowed keys: name, region, accountId, agent, addons, controllers`,
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
  writeFileSync(file, "clusters: [{ name: c, region: us-east-1 }]\n");
  expect(runNode(["dist/bin/validate.js"], { TENANTS_FILE: file }).stdout).toBe(`${file}: valid: 1 cluster(s), 0 tenant(s)\n`);
  expect(validate().stdout).toBe("tenants.yaml: valid: 1 cluster(s), 1 tenant(s)\n");
});

it("refuses more than one file", () => {
  const run = validate("a.yaml", "b.yaml");
  expect(run.status).toBe(2);
  expect(run.stderr).toBe("usage: npm run validate -- [tenants file]\n");
});
