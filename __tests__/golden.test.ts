/**
 * Golden files: the default tenants.yaml and every file in examples/ synthesize, through the app
 * command of cdktf.json, to exactly the JSON kept in __tests__/golden/. After an intended change,
 * regenerate with `UPDATE_GOLDEN=1 npx jest __tests__/golden.test.ts` and review the diff.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { ROOT, runApp } from "./run";

const GOLDEN = join(__dirname, "golden");
const inputs = [
  "tenants.yaml",
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => [".yaml", ".yml", ".json"].includes(extname(f)))
    .map((f) => `examples/${f}`),
];

describe.each(inputs)("%s", (input) => {
  const name = basename(input, extname(input));
  const out = mkdtempSync(join(tmpdir(), `golden-${name}-`));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("synthesizes to its golden JSON, stack by stack", () => {
    const run = runApp({ TENANTS_FILE: input, CDKTF_OUTDIR: out });
    expect(run.stderr.split("\n").filter((l) => l && !l.startsWith("warning: "))).toEqual([]);
    expect(run.status).toBe(0);
    const stacks = readdirSync(join(out, "stacks")).sort();
    expect(stacks.length).toBeGreaterThan(0);
    const dir = join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN) {
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      for (const s of stacks) writeFileSync(join(dir, `${s}.json`), readFileSync(join(out, "stacks", s, "cdk.tf.json")));
    }
    expect(existsSync(dir) ? readdirSync(dir).sort() : []).toEqual(stacks.map((s) => `${s}.json`).sort());
    for (const s of stacks) {
      expect(readFileSync(join(out, "stacks", s, "cdk.tf.json"), "utf8")).toBe(readFileSync(join(dir, `${s}.json`), "utf8"));
    }
  });
});
