/**
 * `npm run access` as users run it: the compiled bin/access.js (lib/commands/access-command.ts). Also
 * keeps the README's examples equal to the command's real output.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAccessArgs } from "../lib/commands/access-command";
import { ROOT, runNode } from "./run";

const access = (...args: string[]) => runNode(["dist/bin/access.js", ...args]);

describe("parseAccessArgs", () => {
  it("takes a file, --base and --format, in either form", () => {
    expect(parseAccessArgs(["a.yaml", "--base", "b.yaml", "--format=md"])).toEqual({ file: "a.yaml", base: "b.yaml", format: "md", help: false });
    expect(parseAccessArgs(["--format", "mermaid", "--base=b.yaml"])).toEqual({ file: undefined, base: "b.yaml", format: "mermaid", help: false });
    expect(parseAccessArgs([])).toEqual({ file: undefined, base: undefined, format: "json", help: false });
  });
  it("says what is wrong", () => {
    expect(parseAccessArgs(["--format", "pdf"])).toBe('--format "pdf" is not one of json, md, mermaid, html');
    expect(parseAccessArgs(["--format", "html"])).toEqual({ file: undefined, base: undefined, format: "html", help: false });
    expect(parseAccessArgs(["--base"])).toBe("--base needs the older tenants file");
    expect(parseAccessArgs(["a.yaml", "b.yaml"])).toBe("one tenants file at a time, got a.yaml b.yaml; the older one goes after --base");
    expect(parseAccessArgs(["--verbose"])).toBe("unknown option --verbose");
  });
});

describe("bin/access.js", () => {
  const tmp = mkdtempSync(join(tmpdir(), "access-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("prints the usage and exits 0 with --help", () => {
    const r = access("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run access -- \[tenants file\] \[--file <tenants file>\] \[--base <older tenants file>\] \[--format json\|md\|mermaid\|html\]\n/);
    expect(r.stderr).toBe("");
  });

  it("exits 2 with the usage on a usage error", () => {
    const r = access("tenants.yaml", "--format", "pdf");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.split("\n")[0]).toBe('--format "pdf" is not one of json, md, mermaid, html');
  });

  it("exits 1 on a bad file, with located problems as validate prints them and no report", () => {
    const bad = join(tmp, "bad.yaml");
    writeFileSync(bad, "clusters:\n  - name: c\n    region: us-east-1\ntenants:\n  - name: Web\n    namespace: web\n    serviceAccount: web\n");
    const r = access(bad);
    const validate = runNode(["dist/bin/validate.js", bad]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(validate.stderr);
    expect(r.stderr).toMatch(/^.*bad\.yaml:5:11: tenants\[0\]\.name: /);
  });

  it("prints a bad file's problems once when it is also the base", () => {
    const bad = join(tmp, "bad-twice.yaml");
    writeFileSync(bad, "clusters:\n  - name: c\n    region: us-east-1\ntenants:\n  - name: Web\n    namespace: web\n    serviceAccount: web\n");
    const once = access(bad);
    const twice = access(bad, "--base", bad);
    expect(twice.status).toBe(1);
    expect(twice.stdout).toBe("");
    expect(twice.stderr).toBe(once.stderr);
  });

  it("exits 1 when the base file is bad, with its problems and no report", () => {
    const r = access("tenants.yaml", "--base", join(tmp, "missing.yaml"));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("missing.yaml");
  });

  it("prints the report as JSON, and an empty list of changes for a file against itself", () => {
    const r = access("examples/least-privilege.yaml");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { identities: Array<{ name: string; kind: string }> };
    expect(report.identities.map((i) => `${i.kind}:${i.name}`)).toEqual(["tenant:billing", "tenant:reports", "tenant:team-a", "tenant:team-b", "sharedRole:team-buckets"]);
    const same = access("examples/least-privilege.yaml", "--base", "examples/least-privilege.yaml");
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout)).toEqual({ changes: [] });
  });

  it("writes nothing: the folder it runs in stays empty", () => {
    const cwd = mkdtempSync(join(tmpdir(), "access-cwd-"));
    try {
      const r = spawnSync(process.execPath, [join(ROOT, "dist/bin/access.js"), join(ROOT, "examples/least-privilege.yaml")], { cwd, encoding: "utf8", env: { ...process.env, CDKTF_OUTDIR: undefined } });
      expect(r.status).toBe(0);
      expect(readdirSync(cwd)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("shows a managed-policy swap's gained actions in JSON and Markdown", () => {
    const before = join(tmp, "before.yaml");
    const after = join(tmp, "after.yaml");
    const file = (policy: string) => `clusters: [{ name: c, region: us-east-1, accountId: "111122223333" }]\ntenants:\n  - { name: shop, namespace: shop, serviceAccount: shop, managedPolicyArns: ["arn:aws:iam::aws:policy/${policy}"] }\n`;
    writeFileSync(before, file("AmazonDynamoDBReadOnlyAccess"));
    writeFileSync(after, file("AmazonDynamoDBFullAccess"));
    const json = access(after, "--base", before);
    expect(json.status).toBe(0);
    const [change] = (JSON.parse(json.stdout) as { changes: Array<{ gained: Array<{ action: string; resource: string; newActions?: Array<{ action: string }> }> }> }).changes;
    expect(change!.gained.map((p) => p.action)).toEqual(expect.arrayContaining(["dynamodb:*", "dax:*"]));
    expect(change!.gained.find((p) => p.action === "dynamodb:*")!.newActions!.map((a) => a.action)).toContain("dynamodb:DeleteTable");
    const md = access(after, "--base", before, "--format", "md");
    expect(md.stdout).toContain("**Gained write and permissions-management access**");
    expect(md.stdout).toMatch(/- `c` tenant `shop`: `dynamodb:\*` on `\*` \([^)]*Write[^)]*\), new: [^\n]*`dynamodb:DeleteTable` \(Write\)/);
  });

  it("reads TENANTS_FILE when no file is given", () => {
    const r = runNode(["dist/bin/access.js", "--format", "md"], { TENANTS_FILE: "examples/multi-cluster.yaml" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("## Cluster `staging`");
  });
});

describe("the examples in the docs", () => {
  const BLOCK = /<!-- access-example: (.+?) -->\n([\s\S]*?)<!-- \/access-example -->/g;

  /** The fenced block a page shows for one command's output. */
  function rendered(args: string): string {
    const r = access(...args.split(" "));
    if (r.status !== 0) throw new Error(`access ${args} exited ${r.status}: ${r.stderr}`);
    const format = /--format (\w+)/.exec(args)?.[1] ?? "json";
    // Four backticks around Markdown, whose code spans would otherwise meet the fence.
    const fence = format === "md" ? "````" : "```";
    return `${fence}${format === "json" ? "json" : format}\n${r.stdout}${fence}\n`;
  }

  // docs/access-review.md is the review's page; the README may still show some of the same.
  it.each(["docs/access-review.md", "README.md"])("%s: are the command's real output (UPDATE_README=1 rewrites them)", (page) => {
    const file = join(ROOT, page);
    const text = readFileSync(file, "utf8");
    const fresh = text.replace(BLOCK, (_, args: string) => `<!-- access-example: ${args} -->\n${rendered(args)}<!-- /access-example -->`);
    if (process.env.UPDATE_README) writeFileSync(file, fresh);
    if (page.startsWith("docs/")) {
      expect([...text.matchAll(BLOCK)].map((m) => m[1])).toEqual([
        "examples/least-privilege.yaml --base examples/access-review/least-privilege-before.yaml --format md",
        "examples/least-privilege.yaml --format mermaid",
        "tenants.yaml",
      ]);
    }
    expect(text).toBe(fresh);
  });
});
