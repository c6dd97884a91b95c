/**
 * The corpus of bad tenants files: each file in __tests__/bad-files/ comes with the exact lines
 * `validate` must print for it, in a `.expected` file beside it. Every file must be refused.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadTenantsFile, TenantsFileUnreadable } from "../lib/file/load";
import { formatProblem } from "../lib/diagnostics/problems";

const DIR = join(__dirname, "bad-files");
const files = readdirSync(DIR).filter((f) => !f.endsWith(".expected")).sort();

it("holds at least 30 bad files, each with its expected output", () => {
  expect(files.length).toBeGreaterThanOrEqual(30);
  for (const f of files) expect(readdirSync(DIR)).toContain(`${f}.expected`);
});

/** The lines validate prints for the file: its problems, or the one line of a file it cannot read. */
async function linesFor(f: string, label: string): Promise<string[]> {
  try {
    const { config, problems } = await loadTenantsFile(join(DIR, f));
    expect(config).toBeUndefined();
    return problems.map((p) => formatProblem({ ...p, file: label }));
  } catch (e) {
    if (!(e instanceof TenantsFileUnreadable)) throw e;
    return [e.message.replace(join(DIR, f), label)];
  }
}

it.each(files)("%s is refused with exactly the expected messages", async (f) => {
  const label = `__tests__/bad-files/${f}`;
  const lines = await linesFor(f, label);
  expect(lines.join("\n") + "\n").toBe(readFileSync(join(DIR, `${f}.expected`), "utf8"));
});
