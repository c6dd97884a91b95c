/**
 * CDK Terrain, proven (docs/cdk-terrain.md): a consumer project with `cdktn` 0.24,
 * `@cdktn/provider-aws` 25.x and no `cdktf` installs this package, packed, and synthesizes every
 * example with CDK Terrain, to the same Terraform as CDKTF's (the golden files, which
 * golden.test.ts keeps equal to CDKTF's output) apart from what comparableStack leaves out.
 *
 * Not part of `npm test`, which needs no network: it installs the consumer's locked dependencies
 * from the registry once per lock file (scripts/cdk-terrain.ts). `npm run test:cdk-terrain` runs
 * it, and .ci/run runs that after `npm test`.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { comparableStack, exampleInputs, PACKAGE_NAME, prepareConsumer, synthInConsumer } from "../scripts/cdk-terrain";

jest.setTimeout(20 * 60 * 1000);

const GOLDEN = join(__dirname, "golden");
let dir = "";
const out = mkdtempSync(join(tmpdir(), "cdk-terrain-out-"));
const json = (file: string): any => JSON.parse(readFileSync(file, "utf8"));

beforeAll(() => {
  dir = prepareConsumer((line) => process.stderr.write(`${line}\n`));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

it("has CDK Terrain and the packed package installed, and no cdktf or @cdktf package", () => {
  const modules = join(dir, "node_modules");
  expect(json(join(modules, "cdktn", "package.json")).version).toMatch(/^0\.24\./);
  expect(json(join(modules, "@cdktn", "provider-aws", "package.json")).version).toMatch(/^25\./);
  expect(json(join(modules, PACKAGE_NAME, "package.json")).version).toBe(json(join(__dirname, "..", "package.json")).version);
  // cdktn 0.24 takes constructs >=10.6.0 <10.8.0 (its package.json's peerDependencies).
  expect(json(join(modules, "cdktn", "package.json")).peerDependencies.constructs).toBe(">=10.6.0 <10.8.0");
  expect(json(join(modules, "constructs", "package.json")).version).toMatch(/^10\.[67]\.\d+$/);
  expect(existsSync(join(modules, "cdktf"))).toBe(false);
  expect(existsSync(join(modules, "@cdktf"))).toBe(false);
});

describe.each(exampleInputs())("%s", (input) => {
  const name = basename(input, extname(input));

  it("synthesizes with CDK Terrain to CDKTF's Terraform, stack for stack", () => {
    const target = join(out, name);
    const r = synthInConsumer(dir, input, target, { TENANTS_DEBUG: "1" });
    // TENANTS_DEBUG=1 adds the engine's line and the runtime patches' one line (lib/runtime/patches.ts); nothing else may appear.
    const debugLine = (l: string) => l.startsWith("engine: ") || l.startsWith("runtime patches not applied: ");
    expect(r.stderr.split("\n").filter((l) => l && !l.startsWith("warning: ") && !debugLine(l))).toEqual([]);
    expect(r.status).toBe(0);
    // The engine says which one it is, and that the sources' cdktf imports load cdktn.
    expect(r.stderr).toMatch(new RegExp(`^engine: cdktn 0\\.24\\.\\d+ \\(${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/node_modules/cdktn\\); requests for cdktf load cdktn, @cdktf/provider-aws load @cdktn/provider-aws$`, "m"));
    const stacks = readdirSync(join(target, "stacks")).sort();
    expect(stacks.map((s) => `${s}.json`).sort()).toEqual(readdirSync(join(GOLDEN, name)).sort());
    for (const s of stacks) {
      const terrain = json(join(target, "stacks", s, "cdk.tf.json"));
      const cdktf = json(join(GOLDEN, name, `${s}.json`));
      expect(terrain["//"].metadata.version).toMatch(/^0\.24\./);
      expect(cdktf["//"].metadata.version).toBe("0.21.0");
      expect(comparableStack(terrain)).toEqual(comparableStack(cdktf));
    }
  });
});
