/**
 * scripts/cdk-terrain.ts, the parts that need no network: the committed consumer project is one
 * on CDK Terrain alone that can install the packed package offline, its install is cached by a
 * hash of its lock file, and the comparison with CDKTF's stacks leaves out only what the engines
 * may write differently. __tests__/cdk-terrain.consumer.ts runs the consumer itself.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { comparableStack, CONSUMER, CONSUMER_APP, consumerDir, consumerManifestProblems, fullSource, ROOT } from "../scripts/cdk-terrain";

const lock = JSON.parse(readFileSync(join(CONSUMER, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string; peerDependencies?: Record<string, string> }> };
const installed = (name: string) => lock.packages[`node_modules/${name}`]?.version;

describe("the consumer project", () => {
  it("locks cdktn 0.24, @cdktn/provider-aws 25.x and a constructs release within cdktn's range, and no cdktf package", () => {
    expect(installed("cdktn")).toMatch(/^0\.24\.\d+$/);
    expect(installed("@cdktn/provider-aws")).toMatch(/^25\.\d+\.\d+$/);
    expect(lock.packages["node_modules/cdktn"]!.peerDependencies).toEqual({ constructs: ">=10.6.0 <10.8.0" });
    const [major, minor] = installed("constructs")!.split(".").map(Number);
    expect(major === 10 && minor! >= 6 && minor! < 8).toBe(true);
    expect(Object.keys(lock.packages).filter((p) => /node_modules\/(cdktf|@cdktf\/)/.test(p))).toEqual([]);
  });

  it("lists this package's dependencies at their versions, so that the packed package installs offline", () => {
    expect(consumerManifestProblems()).toEqual([]);
    expect(consumerManifestProblems({ dependencies: { zod: "4.6.7", yaml: "2.9.1" } }, { dependencies: { zod: "4.6.7" } })).toEqual([
      'scripts/cdk-terrain/consumer/package.json: dependencies.yaml must be "2.9.1" as in package.json (is undefined); update it and its lock file (npm install --package-lock-only in a copy of the folder)',
    ]);
  });

  it("is cached outside the repository in a folder named by the hash of its lock file", () => {
    const hash = createHash("sha256").update(readFileSync(join(CONSUMER, "package-lock.json"))).digest("hex").slice(0, 16);
    expect(consumerDir({ TENANTS_CDK_TERRAIN_CACHE: "/cache" })).toBe(`/cache/${hash}`);
    expect(consumerDir({ XDG_CACHE_HOME: "/xdg" })).toBe(`/xdg/eks-pod-identity-tenants/cdk-terrain/${hash}`);
  });
});

describe("comparableStack", () => {
  it("drops every // metadata and the provider versions, and spells each provider source in full", () => {
    const stack = {
      "//": { metadata: { version: "0.24.0" } },
      terraform: { required_providers: { aws: { source: "hashicorp/aws", version: ">= 6.66.0, < 7.0.0" }, helm: { source: "helm", version: ">= 3.1.1, < 4.0.0" } }, required_version: ">= 1.10" },
      resource: { aws_iam_role: { r: { "//": { metadata: { path: "s/r" } }, name: "r" } } },
    };
    expect(comparableStack(stack)).toEqual({
      terraform: { required_providers: { aws: { source: "registry.terraform.io/hashicorp/aws" }, helm: { source: "registry.terraform.io/hashicorp/helm" } }, required_version: ">= 1.10" },
      resource: { aws_iam_role: { r: { name: "r" } } },
    });
  });

  it("keeps every other difference, so the comparison fails on it", () => {
    const a = { resource: { aws_iam_role: { r: { name: "r", max_session_duration: 3600 } } } };
    expect(comparableStack(a)).not.toEqual(comparableStack({ resource: { aws_iam_role: { r: { name: "r" } } } }));
  });

  it("reads a bare type and a namespace/type as the same registry.terraform.io address", () => {
    expect(fullSource("aws")).toBe("registry.terraform.io/hashicorp/aws");
    expect(fullSource("hashicorp/aws")).toBe("registry.terraform.io/hashicorp/aws");
    expect(fullSource("example.com/acme/thing")).toBe("example.com/acme/thing");
  });
});

describe("where it runs", () => {
  it("runs in CI after npm test, and npm test, which needs no network, leaves it out", () => {
    const ci = readFileSync(join(ROOT, ".ci", "run"), "utf8").split("\n");
    expect(ci.indexOf("npm run test:cdk-terrain")).toBeGreaterThan(ci.indexOf("npm test"));
    expect(ci.indexOf("npm test")).toBeGreaterThan(-1);
    const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(scripts["test:cdk-terrain"]).toBe("node --require ./scripts/fresh-dist.js dist/scripts/cdk-terrain.js");
    expect(readFileSync(join(ROOT, "scripts", "cdk-terrain.ts"), "utf8")).toContain('"--testMatch", "**/__tests__/*.consumer.ts"');
    // Each jest project lists its suites by file name, and every one of them is a *.test.ts.
    const projects = (require("../jest.config.js") as { projects: Array<{ testMatch: string[] }> }).projects;
    const matched = projects.flatMap((p) => p.testMatch);
    expect(matched.length).toBeGreaterThan(100);
    expect(matched.filter((m) => !m.endsWith(".test.ts"))).toEqual([]);
    expect(existsSync(join(__dirname, "cdk-terrain.consumer.ts"))).toBe(true);
  });
});

describe("docs/cdk-terrain.md", () => {
  const doc = readFileSync(join(ROOT, "docs", "cdk-terrain.md"), "utf8");
  const consumer = (JSON.parse(readFileSync(join(CONSUMER, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies;

  it("gives the consumer's engine, provider and constructs versions, its app command and the install the test runs", () => {
    for (const name of ["cdktn", "@cdktn/provider-aws", "constructs"]) expect(doc).toContain(`\`${name}\` ${consumer[name]}`);
    expect(doc).toContain(`"app": ${JSON.stringify(CONSUMER_APP)}`);
    expect(doc).toContain("`npm install --offline --no-save`");
    expect(doc).toContain("npx eks-pod-identity-synth <tenants file> --output <folder>");
    expect(doc).toContain("engine: cdktn 0.24.0 (/your/project/node_modules/cdktn); requests for cdktf load cdktn, @cdktf/provider-aws load @cdktn/provider-aws");
  });
});
