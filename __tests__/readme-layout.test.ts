/**
 * README.md's Layout section names every folder of the repository that holds code or content a
 * reader looks for, and nothing that is gone: a folder added, moved or removed fails here until
 * the Layout says so.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";

const ROOT = join(__dirname, "..");

/** The folders the Layout section lists: each list item's first backticked path. */
export function layoutFolders(readme: string): string[] {
  const start = readme.search(/^## Layout\s*$/m);
  if (start < 0) throw new Error("README.md has no '## Layout' section");
  const rest = readme.slice(start).split("\n").slice(1);
  const end = rest.findIndex((l) => /^## /.test(l));
  const section = end < 0 ? rest : rest.slice(0, end);
  return section.flatMap((l) => {
    const m = /^\s*[-*] `([^`]+)`/.exec(l);
    return m ? [m[1]!.replace(/\/$/, "")] : [];
  });
}

/** Tracked folders: every top-level one (but dot-folders, and lib/, whose folders stand for it), and every folder of lib/ that holds a module. */
export function trackedFolders(files: string[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const top = f.split("/")[0]!;
    if (f.includes("/") && !top.startsWith(".") && top !== "lib") out.add(top);
    if (f.startsWith("lib/") && /\.ts$/.test(f) && dirname(f) !== "lib") out.add(dirname(f));
  }
  return [...out].sort();
}

const files = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);

test("the Layout section lists exactly the repository's folders", () => {
  const listed = layoutFolders(readFileSync(join(ROOT, "README.md"), "utf8"));
  expect([...new Set(listed)].sort()).toEqual(trackedFolders(files));
  expect(listed.length).toBe(new Set(listed).size);
});

test("a folder missing from the Layout, or listed but gone, is found", () => {
  const readme = "# x\n\n## Layout\n\n- `lib/file/` — reading\n- `gone/` — old\n\n## Next\n- `not/` — other section\n";
  expect(layoutFolders(readme)).toEqual(["lib/file", "gone"]);
  expect(trackedFolders(["lib/file/load.ts", "lib/aws/arn.ts", "lib/index.ts", ".ci/run", "README.md"])).toEqual(["lib/aws", "lib/file"]);
});
