import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { withFreshReference } from "../lib/schema/reference";
import { load } from "./helpers";

const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");

it("has a fresh key reference (run `npm run schema` after changing the schema)", () => {
  expect(readme).toBe(withFreshReference(readme));
  expect(readme).toContain("| `tenants[].role.maxSessionDuration` | integer (3600–43200) |  | `3600` |");
});

it("shows an annotated example that is itself a valid tenants file", async () => {
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const full = blocks.find((b) => b.includes("tenants:") && b.includes("permissionsBoundaryArn"));
  expect(full).toBeDefined();
  const r = await load(full!);
  expect(r.problems).toEqual([]);
  expect(r.config?.tenants[0]?.name).toBe("nginx");
});

it("gives a newcomer the two commands, and the test command", () => {
  expect(readme).toContain("npm ci\nnpm run synth\n");
  expect(readme).toContain("npm test");
});

describe("stands alone", () => {
  const docs = ["README.md", ...readdirSync(join(__dirname, "..", "docs")).map((f) => `docs/${f}`)];

  it.each(docs)("%s names no file a user of the repository does not have", (file) => {
    const text = readFileSync(join(__dirname, "..", file), "utf8");
    expect(text).not.toMatch(/FACTS|\.\.\/shared|shared\/reference|\/work\/|000_e61d75a97135691c/);
  });

  it("puts the CDKTF deprecation and the CDK Terrain steps before the quick start, with public sources", () => {
    const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(sections.slice(0, 3)).toEqual(["CDKTF is deprecated: moving to CDK Terrain", "Requirements", "Quick start"]);
    const section = readme.slice(readme.indexOf("## CDKTF is deprecated"), readme.indexOf("## Requirements"));
    expect(section).toContain("https://developer.hashicorp.com/terraform/cdktf");
    expect(section).toContain("https://cdktn.io/docs/release/upgrade-guide-v0-22");
    expect(section).toMatch(/^1\. In `package.json`, replace `cdktf` with `cdktn`/m);
  });
});

describe("Requirements", () => {
  const section = readme.slice(readme.indexOf("## Requirements"), readme.indexOf("## Quick start"));
  const row = (name: string) => section.split("\n").find((l) => l.startsWith(`| ${name} |`))?.split("|")[2]?.trim();
  const installed = (pkg: string) => require(`${pkg}/package.json`) as { version: string; cdktf: { provider: { name: string; version: string } } };

  it("states Node.js from package.json's engines and Terraform 1.10 for use_lockfile", () => {
    expect(row("Node.js")).toBe((JSON.parse(readFileSync(join(__dirname, "..", "package.json"), "utf8")) as { engines: { node: string } }).engines.node);
    expect(row("Terraform")).toBe(">= 1.10");
  });

  it.each([
    ["aws", "@cdktf/provider-aws"],
    ["kubernetes", "@cdktf/provider-kubernetes"],
    ["helm", "@cdktf/provider-helm"],
  ])("states the %s provider range, from the version the installed %s is built for to the next major", (name, pkg) => {
    const p = installed(pkg);
    expect(p.cdktf.provider.name).toBe(`registry.terraform.io/hashicorp/${name}`);
    const v = p.cdktf.provider.version;
    expect(row(`hashicorp/${name} provider`)).toBe(`>= ${v}, < ${Number(v.split(".")[0]) + 1}.0.0`);
    expect(section).toContain(`\`${pkg}\` ${p.version}`);
  });
});

it("shows deploy and diff of every stack, one stack, and --parallelism; and drift's --file and exit code 2", () => {
  for (const line of ["npm run diff ", "npm run deploy ", "npm run deploy -- demo-cluster", "--parallelism 2", "npx cdktf deploy demo-cluster", "npm run drift -- demo-cluster --file "]) expect(readme).toContain(line);
  expect(readme).toMatch(/Exit codes: 0 no\s+drift, 1 drift, 2 a usage, file or AWS error/);
});
