/**
 * Numbers where text is meant: a YAML number or boolean whose text would change is refused
 * with "quote it" wherever the file may hold a string (YAML 1.2 core schema tag resolution,
 * https://yaml.org/spec/1.2.2/#1032-tag-resolution).
 */
import { parseDocument } from "yaml";
import { changedNumbers } from "../lib/file/number-text";
import { tenantsFileSchema } from "../lib/schema/schema";
import { load, problemsOf } from "./helpers";

const base = (tenantExtra: string) =>
  ["clusters:", "  - name: c", "    region: us-east-1", "tenants:", "  - name: web", "    namespace: web", "    serviceAccount: web", tenantExtra, ""].join("\n");

const quoteIt = (written: string, kind: string, value: string, what = "text") =>
  `unquoted ${written} is the YAML ${kind} ${value} and would become the ${what} "${value}"; quote it ("${written}") to keep it as written`;

it("refuses a condition value that loses its leading zero", async () => {
  const yaml = base(
    [
      "    statements:",
      "      - actions: [s3:GetObject]",
      "        resources: ['*']",
      "        conditions:",
      "          StringEquals: { aws:PrincipalAccount: 012345678901, s3:x: [1.10, 7, true] }",
    ].join("\n"),
  );
  expect(await problemsOf(yaml)).toEqual([
    `tenants.yaml:12:49: tenants[0].statements[0].conditions.StringEquals["aws:PrincipalAccount"]: ${quoteIt("012345678901", "number", "12345678901")}`,
    `tenants.yaml:12:70: tenants[0].statements[0].conditions.StringEquals["s3:x"][0]: ${quoteIt("1.10", "number", "1.1")}`,
  ]);
});

it.each([
  ["1.10", "number", "1.1"],
  ["0x1F", "number", "31"],
  ["0o17", "number", "15"],
  ["1e3", "number", "1000"],
  [".5", "number", "0.5"],
  ["+12", "number", "12"],
  ["1_000", undefined, undefined],
  ["True", "boolean", "true"],
  ["FALSE", "boolean", "false"],
])("refuses %s in a tag value", async (written, kind, value) => {
  const problems = await problemsOf(base(`    tags: { v: ${written} }`));
  // 1_000 is a YAML 1.1 number only; YAML 1.2 reads it as the text it is.
  expect(problems).toEqual(kind ? [`tenants.yaml:8:16: tenants[0].tags.v: ${quoteIt(written, kind, value!)}`] : []);
});

it("refuses a map key that would change, since keys always become text", async () => {
  expect(await problemsOf(base("    tags: { 0123: x }"))).toEqual([`tenants.yaml:8:13: tenants[0].tags["123"]: ${quoteIt("0123", "number", "123", "key")}`]);
});

it("leaves numbers and booleans alone where the schema wants them, and free-form settings", async () => {
  const yaml = [
    "clusters:",
    "  - name: c",
    "    region: us-east-1",
    "    addons:",
    "      - name: vpc-cni",
    "        configurationValues: { env: { WARM_IP_TARGET: 0x10 }, ratio: 1.50 }",
    "tenants:",
    "  - name: web",
    "    namespace: web",
    "    serviceAccount: web",
    "    createNamespace: True",
    "    role: { maxSessionDuration: 7.2e3 }",
    "    statements:",
    "      - { actions: [s3:GetObject], resources: ['*'], conditions: { Bool: { aws:SecureTransport: true }, NumericLessThan: { s3:max-keys: 10 } } }",
    "",
  ].join("\n");
  const r = await load(yaml);
  expect(r.problems).toEqual([]);
  expect(r.config?.tenants[0]?.role.maxSessionDuration).toBe(7200);
});

it("says it once where the schema would also say 'expected a string'", async () => {
  expect(await problemsOf(base("    namespace2: x").replace("namespace: web", "namespace: 0x1F").replace("    namespace2: x\n", ""))).toEqual([
    `tenants.yaml:6:16: tenants[0].namespace: ${quoteIt("0x1F", "number", "31")}`,
  ]);
});

it("applies to JSON files too", async () => {
  const json = '{"clusters":[{"name":"c","region":"us-east-1"}],"tenants":[{"name":"web","namespace":"web","serviceAccount":"web","tags":{"v":1.10}}]}';
  expect(await problemsOf(json, "t.json")).toEqual([`t.json:1:127: tenants[0].tags.v: ${quoteIt("1.10", "number", "1.1")}`]);
});

it("returns the paths it reported, for the schema's messages to skip", () => {
  const doc = parseDocument("clusters: [{ name: c, region: us-east-1, accountId: 012345678901 }]\n");
  expect([...changedNumbers(doc, tenantsFileSchema).paths]).toEqual(['["clusters",0,"accountId"]']);
});

// The controllers' schema is built lazily (schema.ts); the walk must open it.
it("looks inside controllers too", async () => {
  const yaml = ["clusters:", "  - name: c", "    region: us-east-1", "    controllers:", "      - name: external-dns", "        namespace: 0123", "tenants: []", ""].join("\n");
  expect(await problemsOf(yaml)).toContain(`tenants.yaml:6:20: clusters[0].controllers[0].namespace: ${quoteIt("0123", "number", "123")}`);
});

it("follows the schema by own keys only: a key named like an Object.prototype member is no schema", async () => {
  // Before, `shape["constructor"]` found Object's constructor and the walk crashed on it.
  const doc = parseDocument(["constructor: 0123", "tenants:", "  - toString: 0x1F", "    tags: { constructor: 012, valueOf: 1.10 }", ""].join("\n"));
  const found = changedNumbers(doc, tenantsFileSchema);
  // An unknown key's value has no schema that takes a string; a tag's value does.
  expect(found.findings.map((f) => f.path)).toEqual([
    ["tenants", 0, "tags", "valueOf"],
    ["tenants", 0, "tags", "constructor"],
  ]);
});
