import { tempDir } from "./temp-dir";
import { writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { formatOf, loadTenantsFile, TenantsFileUnreadable } from "../lib/file/load";
import { configOf, load, problemsOf, SEED_YAML } from "./helpers";

describe("a valid file", () => {
  it("yields the typed config with every default applied", async () => {
    const config = await configOf(SEED_YAML);
    expect(config.clusters).toEqual([{ name: "demo-cluster", region: "us-east-1", agent: { install: "addon" }, addons: [], controllers: [] }]);
    expect(config.defaults).toEqual({ tags: {}, policyDocuments: "data-source" });
    expect(config.tenants[0]).toEqual({
      name: "nginx",
      namespace: "nginx",
      serviceAccount: "nginx-sa",
      createNamespace: false,
      createServiceAccount: true,
      smokeTest: false,
      role: { name: "nginx-s3-access-role", path: "/", maxSessionDuration: 3600 },
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
      grants: [],
      statements: [],
      disableSessionTags: false,
      trust: {},
      tags: {},
    });
  });

  it("reads JSON as well as YAML", async () => {
    const json = JSON.stringify({ clusters: [{ name: "c", region: "eu-west-1" }], tenants: [{ name: "t", namespace: "n", serviceAccount: "s" }] });
    const r = await load(json, "tenants.json");
    expect(r.problems).toEqual([]);
    expect(r.config?.tenants[0]?.name).toBe("t");
  });
});

describe("bad input", () => {
  it("reports every problem at once, in file order, at the offending value", async () => {
    const yaml = [
      "clusters:",
      "  - name: demo",
      "    region: us-east-1",
      "tenants:",
      "  - name: Web",
      "    namespace: web_ns",
      "    serviceAccount: sa",
      "    role: { maxSessionDuration: 60 }",
    ].join("\n");
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:5:11: tenants[0].name: "Web" is not a valid tenant name: at most 63 characters of a-z, 0-9 and '-', starting with a letter and ending with a letter or digit`,
      `tenants.yaml:6:16: tenants[0].namespace: "web_ns" is not a valid namespace: a DNS-1123 label of at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit`,
      "tenants.yaml:8:33: tenants[0].role.maxSessionDuration: 60 is not allowed: a whole number of seconds from 3600 to 43200",
    ]);
  });

  it("points at an unknown key and suggests the one meant", async () => {
    const yaml = "clusters:\n  - name: demo\n    regoin: us-east-1\n";
    expect(await problemsOf(yaml)).toEqual([
      "tenants.yaml:2:5: clusters[0].region: is required",
      'tenants.yaml:3:5: clusters[0].regoin: unknown key "regoin"; did you mean "region"?; allowed keys: name, region, accountId, deployRoleArn, agent, addons, controllers',
    ]);
  });

  it("asks for quotes when an account ID is written as a number", async () => {
    const yaml = "clusters:\n  - name: demo\n    region: us-east-1\n    accountId: 111122223333\n";
    expect(await problemsOf(yaml)).toEqual(["tenants.yaml:4:16: clusters[0].accountId: expected a string, got number 111122223333: exactly 12 digits, quoted"]);
  });

  it("lists the allowed values of an enum and suggests the near one", async () => {
    const yaml = "clusters:\n  - name: demo\n    region: us-east-1\n    agent: { install: adon }\n";
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:4:23: clusters[0].agent.install: "adon" is not allowed; did you mean "addon"?; allowed: "addon", "helm", "none"`,
    ]);
  });

  it("reports YAML syntax errors with their position and stops there", async () => {
    const yaml = "clusters:\n  - name: demo\n   region: [us-east-1\n";
    const problems = await problemsOf(yaml);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p).toMatch(/^tenants\.yaml:\d+:\d+: \(file\): syntax error: /);
  });

  it("rejects duplicate keys, which YAML parsers otherwise resolve silently", async () => {
    const yaml = "clusters:\n  - name: a\n    name: b\n    region: us-east-1\n";
    expect(await problemsOf(yaml)).toEqual(["tenants.yaml:3:5: (file): syntax error: Map keys must be unique"]);
  });

  it("holds a .json file to JSON, not YAML", async () => {
    const text = '{\n  "clusters": [],\n  // a comment\n}\n';
    const problems = await problemsOf(text, "t.json");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^t\.json:\d+:\d+: \(file\): (syntax error|not valid JSON): /);
  });

  it("refuses an empty file", async () => {
    expect(await problemsOf("# nothing here\n")).toEqual(["tenants.yaml:1:1: (file): the file is empty; expected a mapping with clusters and tenants"]);
  });

  it("refuses a document that is not a mapping", async () => {
    expect(await problemsOf("- a\n- b\n")).toEqual(["tenants.yaml:1:1: (file): expected a mapping, got a list"]);
  });

  it("returns no config when there are errors, so nothing can be synthesized", async () => {
    const r = await load("clusters: []\n");
    expect(r.config).toBeUndefined();
    expect(r.problems.map((p) => p.message)).toEqual(["at least one cluster is required"]);
  });

  it("limits alias expansion (a billion-laughs file is an error, not a hang)", async () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++) lines.push(`${"b".repeat(i + 1)}: &${"b".repeat(i + 1)} [${Array(10).fill(i === 0 ? "*a" : `*${"b".repeat(i)}`).join(", ")}]`);
    const problems = await problemsOf(lines.join("\n"));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^tenants\.yaml:1:1: \(file\): cannot read the document: /);
  });
});

describe("hostile text", () => {
  it("refuses unknown YAML tags instead of dropping them", async () => {
    const yaml = ["clusters: [{ name: c, region: us-east-1 }]", "tenants:", "  - name: !!python/object:os.system web", "    namespace: !env NS", "    serviceAccount: sa", ""].join("\n");
    expect(await problemsOf(yaml)).toEqual([
      "tenants.yaml:3:11: (file): unknown YAML tag !!python/object:os.system: a tenants file holds plain values only; remove the tag, or quote the whole value to keep it as text",
      "tenants.yaml:4:16: (file): unknown YAML tag !env: a tenants file holds plain values only; remove the tag, or quote the whole value to keep it as text",
    ]);
  });

  it("reads a JSON file with a UTF-8 byte-order mark as YAML reads one", async () => {
    const json = '\uFEFF{"clusters":[{"name":"c","region":"us-east-1"}]}';
    expect((await load(json, "t.json")).problems).toEqual([]);
    expect((await load(json, "t.yaml")).problems).toEqual([]);
  });

  it("refuses very deep nesting with one located line, not a stack overflow", async () => {
    const deep = `clusters: [{ name: c, region: us-east-1 }]\nx:\n  y: ${"[".repeat(200_000)}${"]".repeat(200_000)}\n`;
    expect(await problemsOf(deep)).toEqual([
      "tenants.yaml:3:104: (file): the file nests more than 100 levels deep here; a tenants file needs about 10, so this is not a tenants file",
    ]);
  });

  it("keeps every line short, however long the values", async () => {
    const json = JSON.stringify({ clusters: [{ name: "c", region: "us-east-1" }], ["k".repeat(2_000_000)]: 1, defaults: { tags: { a: "v".repeat(3_000_000) } } });
    const lines = await problemsOf(json, "tenants.json");
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(1000);
    expect(lines[0]).toBe(
      `tenants.json:1:49: ["${"k".repeat(100)}…"]: unknown key "${"k".repeat(100)}…"; allowed keys: clusters, accounts, state, defaults, tenants, sharedRoles, strict, planBudget`,
    );
  });
});

describe("loadTenantsFile", () => {
  const dir = tempDir("tenants-");

  it("names a missing file in one line", async () => {
    await expect(loadTenantsFile(join(dir, "missing.yaml"))).rejects.toThrow(new TenantsFileUnreadable(`${join(dir, "missing.yaml")}: cannot read the tenants file: no such file`));
  });

  it("names a directory given as the file", async () => {
    mkdirSync(join(dir, "d.yaml"));
    await expect(loadTenantsFile(join(dir, "d.yaml"))).rejects.toThrow(`${join(dir, "d.yaml")}: cannot read the tenants file: is a directory`);
  });

  it("refuses an unknown extension", async () => {
    writeFileSync(join(dir, "t.txt"), "clusters: []");
    await expect(loadTenantsFile(join(dir, "t.txt"))).rejects.toThrow(`${join(dir, "t.txt")}: unsupported file type ".txt"; use .yaml, .yml or .json`);
  });

  it("labels problems with the path it was given", async () => {
    writeFileSync(join(dir, "bad.yml"), "clusters: 3\n");
    const r = await loadTenantsFile(join(dir, "bad.yml"));
    expect(r.problems.map((p) => `${p.file}:${p.line}:${p.col}`)).toEqual([`${join(dir, "bad.yml")}:1:11`]);
  });

  it("chooses the parser by extension", () => {
    expect([formatOf("a.yaml"), formatOf("a.YML"), formatOf("a.json"), formatOf("a.toml")]).toEqual(["yaml", "yaml", "json", undefined]);
  });
});
