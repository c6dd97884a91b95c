/**
 * The library package as npm would publish it: what ships, how the CDKTF packages are
 * depended on, the command entries, the licence and the changelog.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./run";

jest.setTimeout(60_000);

const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as Record<string, unknown> & {
  scripts: Record<string, string>;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

describe("npm pack", () => {
  let files: string[];
  beforeAll(() => {
    // --ignore-scripts: `prepare` would rebuild; npm test has built dist/ already.
    const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
  });

  it("ships no tests, benchmarks, CI or build scripts", () => {
    expect(files.filter((f) => /^(__tests__|bench|scripts|\.ci|examples|dist\/bench|dist\/scripts)\//.test(f) || /\.test\.|tsbuildinfo|build-stamp/.test(f))).toEqual([]);
  });

  it("ships the library, its types, the commands, the schema, the licence, the changelog and the README", () => {
    expect(files).toEqual(expect.arrayContaining(["package.json", "LICENSE", "CHANGELOG.md", "README.md", "schema/tenants.schema.json", "dist/lib/index.js", "dist/lib/index.d.ts", "dist/stacks/cluster-stack.js"]));
    expect(files).toEqual(expect.arrayContaining(Object.values(pkg.bin)));
  });
});

it("is publishable, under the licence of its LICENSE file", () => {
  expect(pkg.private).toBeUndefined();
  expect(pkg.license).toBe("Apache-2.0");
  const license = readFileSync(join(ROOT, "LICENSE"), "utf8");
  // The Apache-2.0 text as apache.org publishes it: header, 9 sections, appendix.
  expect(license.split("\n").slice(0, 4).map((l) => l.trim())).toEqual(["", "Apache License", "Version 2.0, January 2004", "http://www.apache.org/licenses/"]);
  expect(license).toContain("9. Accepting Warranty or Additional Liability.");
  expect(license).toContain("END OF TERMS AND CONDITIONS");
  expect(license).toContain("APPENDIX: How to apply the Apache License to your work.");
});

it("has a changelog with an Unreleased section", () => {
  expect(readFileSync(join(ROOT, "CHANGELOG.md"), "utf8")).toMatch(/^# Changelog\n[\s\S]*\n## \[Unreleased\]\n/);
});

it("takes either engine and its providers as optional peer dependencies, CDKTF's pinned as dev dependencies here", () => {
  expect(pkg.peerDependencies).toEqual({
    "@cdktf/provider-aws": "^21.22.1",
    "@cdktf/provider-helm": "^12.1.2",
    "@cdktf/provider-kubernetes": "^12.1.1",
    "@cdktn/provider-aws": "^25.7.0",
    cdktf: "0.21.x",
    cdktn: "0.24.x",
    constructs: "^10.4.2",
  });
  // Optional, so that npm installs neither engine behind the user's back: a project on CDK
  // Terrain must not get cdktf (scripts/cdk-terrain.ts installs the packed package into one).
  expect(pkg.peerDependenciesMeta).toEqual(Object.fromEntries(Object.keys(pkg.peerDependencies).filter((n) => n !== "constructs").map((n) => [n, { optional: true }])));
  for (const name of Object.keys(pkg.peerDependencies)) {
    expect(pkg.dependencies[name]).toBeUndefined();
    // CDK Terrain cannot sit beside CDKTF's constructs 10.8 here; the consumer test installs it.
    if (name.startsWith("@cdktn/") || name === "cdktn") expect(pkg.devDependencies[name]).toBeUndefined();
    else expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
  }
});

it("has a command entry per command, each a node script that exists once built", () => {
  expect(pkg.bin).toEqual({
    "eks-pod-identity-validate": "dist/bin/validate.js",
    "eks-pod-identity-drift": "dist/bin/drift.js",
    "eks-pod-identity-synth": "dist/bin/synth.js",
    "eks-pod-identity-deploy": "dist/bin/deploy.js",
    "eks-pod-identity-diff": "dist/bin/diff.js",
    "eks-pod-identity-adopt": "dist/bin/adopt.js",
    "eks-pod-identity-irsa-scan": "dist/bin/irsa-scan.js",
    "eks-pod-identity-access": "dist/bin/access.js",
    "eks-pod-identity-stacks": "dist/bin/stacks.js",
  });
  for (const file of Object.values(pkg.bin)) {
    expect(existsSync(join(ROOT, file))).toBe(true);
    expect(readFileSync(join(ROOT, file), "utf8").split("\n")[0]).toBe("#!/usr/bin/env node");
  }
});

it("has every npm script that the README, docs, jest config and CI mention", () => {
  const files = ["README.md", "jest.config.js", ".ci/run", ...readdirSync(join(ROOT, "docs")).map((f) => `docs/${f}`)];
  const mentioned = new Set(files.flatMap((f) => [...readFileSync(join(ROOT, f), "utf8").matchAll(/\bnpm run (?:-s )?([a-z][a-z-]*)/g)].map((m) => m[1]!)));
  expect(mentioned.has("typecheck")).toBe(true);
  expect([...mentioned].filter((name) => !(name in pkg.scripts)).sort()).toEqual([]);
});
