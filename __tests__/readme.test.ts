/**
 * The README, read to the end: its order, its commands table, its links to docs/, and the key
 * reference it hands to docs/reference.md; and every page of docs/ standing alone.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { REFERENCE_PAGE, withFreshReference } from "../lib/schema/reference";
import { load } from "./helpers";

const ROOT = join(__dirname, "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");
const readme = read("README.md");
const DOCS = readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`);
const pkg = JSON.parse(read("package.json")) as { engines: { node: string }; scripts: Record<string, string>; bin: Record<string, string> };

/** The text of the README's `## <name>` section, up to the next `## `. */
function section(text: string, name: string): string {
  const start = text.indexOf(`\n## ${name}\n`);
  if (start < 0) throw new Error(`no section "## ${name}"`);
  const end = text.indexOf("\n## ", start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** The YAML blocks of a page. */
const yamlBlocks = (text: string) => [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe("the key reference", () => {
  const page = read(REFERENCE_PAGE);

  it("is fresh in docs/reference.md (run `npm run schema` after changing the schema)", () => {
    expect(page).toBe(withFreshReference(page));
    expect(page).toContain("| `tenants[].role.maxSessionDuration` | integer (3600–43200) |  | `3600` |");
  });

  it("is no longer in the README", () => {
    expect(readme).not.toContain("<!-- reference:start");
  });

  it("shows an annotated example that uses every core key and is itself a valid tenants file", async () => {
    const full = yamlBlocks(page).find((b) => b.includes("tenants:") && b.includes("permissionsBoundaryArn"));
    expect(full).toBeDefined();
    const r = await load(full!);
    expect(r.problems).toEqual([]);
    expect(r.config?.tenants[0]?.name).toBe("nginx");
  });
});

describe("the README, in order", () => {
  const sections = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]);

  it("is at most 400 lines", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(400);
  });

  it("says what it is, then the two commands, the file in brief, the commands, deploying, the docs and the layout", () => {
    expect(sections).toEqual(["Quick start", "The file in brief", "Commands", "Deploying", "Documentation", "Layout"]);
    expect(readme.indexOf("One tenants file in, one Terraform stack per EKS cluster out")).toBeLessThan(readme.indexOf("## Quick start"));
  });

  it("gives a newcomer the two commands, and the test command", () => {
    const quick = section(readme, "Quick start");
    expect(quick).toContain("```sh\nnpm ci\nnpm run synth\n```");
    expect(quick).toContain("```sh\nnpm test\n```");
  });

  it("shows a brief example that is itself a valid tenants file", async () => {
    const blocks = yamlBlocks(section(readme, "The file in brief"));
    expect(blocks).toHaveLength(1);
    const r = await load(blocks[0]!);
    expect(r.problems).toEqual([]);
    expect(r.config?.tenants.map((t) => t.name)).toEqual(["reports"]);
  });

  it("links the docs pages, in the order the reader needs them", () => {
    const links = [...section(readme, "Documentation").matchAll(/^- \[(docs\/[\w-]+\.md)\]/gm)].map((m) => m[1]);
    expect(links).toEqual([
      "docs/reference.md",
      "docs/security.md",
      "docs/controllers.md",
      "docs/adoption-and-irsa.md",
      "docs/access-review.md",
      "docs/scale.md",
      "docs/library.md",
      "docs/benchmarks.md",
      "docs/cdk-terrain.md",
      "docs/constructs.md",
    ]);
  });

  it("links every page of docs/", () => {
    for (const page of DOCS) expect({ page, linked: readme.includes(`](${page})`) }).toEqual({ page, linked: true });
  });
});

describe("Commands", () => {
  const table = section(readme, "Commands")
    .split("\n")
    .filter((l) => l.startsWith("| `"));
  /** The cells of column n (an escaped `\\|` is no border). */
  const column = (n: number) => table.map((l) => l.split(/(?<!\\)\|/)[n + 1]!.trim());

  it("has a row for every npm script a user runs", () => {
    const scripts = column(0).map((c) => /^`npm (?:run )?([\w:-]+)/.exec(c)?.[1]);
    const wanted = Object.keys(pkg.scripts).filter((s) => s !== "prepare");
    expect(scripts.filter((s) => s !== "ci").sort()).toEqual(wanted.sort());
  });

  it("names every installed command beside its script", () => {
    const bins = column(1).filter((c) => c !== "");
    expect(bins.map((c) => c.replace(/`/g, "")).sort()).toEqual(Object.keys(pkg.bin).sort());
    for (const [bin, file] of Object.entries(pkg.bin)) {
      const row = table.find((l) => l.includes(`\`${bin}\``))!;
      const script = file.replace(/^dist\/bin\/|\.js$/g, "");
      expect({ bin, row: row.startsWith(`| \`npm run ${script} `) || row.startsWith(`| \`npm run ${script}\``) }).toEqual({ bin, row: true });
    }
  });

  it("comes before line 150", () => {
    expect(readme.slice(0, readme.indexOf("\n## Commands\n")).split("\n").length).toBeLessThan(150);
  });
});

describe("Requirements", () => {
  const part = readme.slice(readme.indexOf("### Requirements"), readme.indexOf("### Plan and apply"));
  const row = (name: string) => part.split("\n").find((l) => l.startsWith(`| ${name} |`))?.split("|")[2]?.trim();
  const installed = (p: string) => require(`${p}/package.json`) as { version: string; cdktf: { provider: { name: string; version: string } } };

  it("states Node.js from package.json's engines and Terraform 1.10 for use_lockfile", () => {
    expect(row("Node.js")).toBe(pkg.engines.node);
    expect(row("Terraform")).toBe(">= 1.10");
  });

  it.each([
    ["aws", "@cdktf/provider-aws"],
    ["kubernetes", "@cdktf/provider-kubernetes"],
    ["helm", "@cdktf/provider-helm"],
  ])("states the %s provider range, from the version the installed %s is built for to the next major", (name, p) => {
    const v = installed(p).cdktf.provider.version;
    expect(installed(p).cdktf.provider.name).toBe(`registry.terraform.io/hashicorp/${name}`);
    expect(row(`hashicorp/${name} provider`)).toBe(`>= ${v}, < ${Number(v.split(".")[0]) + 1}.0.0`);
    expect(part).toContain(`\`${p}\` ${installed(p).version}`);
  });
});

it("shows deploy and diff of every stack, one stack, and --parallelism; and drift's --file and exit code 2", () => {
  const deploying = section(readme, "Deploying");
  for (const line of ["npm run diff ", "npm run deploy ", "npm run deploy -- demo-cluster", "--parallelism 2", "npx cdktf deploy demo-cluster", "npm run drift -- demo-cluster --file "]) expect(deploying).toContain(line);
  expect(deploying).toMatch(/Exit codes: 0 no\s+drift, 1 drift, 2 a usage, file or AWS error/);
});

describe("Layout", () => {
  it("is one list, each item a folder in backticks", () => {
    const items = section(readme, "Layout")
      .split("\n")
      .filter((l) => l.startsWith("- "));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) expect(item).toMatch(/^- `[\w_/.-]+\/` — /);
  });
});

describe("stands alone", () => {
  const files = ["README.md", ...DOCS];

  it.each(files)("%s names no file a user of the repository does not have", (file) => {
    expect(read(file)).not.toMatch(/FACTS|\.\.\/shared|shared\/reference|\/work\/|000_e61d75a97135691c/);
  });

  /** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes. */
  const slug = (heading: string) =>
    heading
      .toLowerCase()
      .replace(/[^\w\- ]/g, "")
      .replace(/ /g, "-");
  const anchors = (file: string) => new Set([...read(file).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!)));

  it.each(files)("%s links only to files that exist, and to headings they have", (file) => {
    const text = read(file).replace(/```[\s\S]*?```/g, "");
    const broken: string[] = [];
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:)/.test(target!)) continue;
      const [path, anchor] = target!.split("#") as [string, string | undefined];
      const resolved = path === "" ? file : normalize(join(dirname(file), path));
      if (!existsSync(join(ROOT, resolved))) broken.push(target!);
      else if (anchor !== undefined && resolved.endsWith(".md") && !anchors(resolved).has(anchor)) broken.push(target!);
    }
    expect(broken).toEqual([]);
  });
});
