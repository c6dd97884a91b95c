/**
 * README.md's Layout section names every folder of the repository that holds code or content a
 * reader looks for, and nothing that is gone: a folder added, moved or removed fails here until
 * the Layout says so.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

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

/**
 * Tracked folders: every top-level one (but dot-folders, and lib/, whose folders stand for it),
 * every folder directly under lib/, and the deeper folders of lib/ that `listed` names (a deeper
 * folder may be described, and then it must exist).
 */
export function trackedFolders(files: string[], listed: ReadonlyArray<string> = []): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const top = f.split("/")[0]!;
    if (f.includes("/") && !top.startsWith(".") && top !== "lib") out.add(top);
    const parts = f.split("/");
    if (parts[0] === "lib" && parts.length > 2) out.add(parts.slice(0, 2).join("/"));
    for (let i = 3; i < parts.length; i++) {
      const folder = parts.slice(0, i).join("/");
      if (parts[0] === "lib" && listed.includes(folder)) out.add(folder);
    }
  }
  return [...out].sort();
}

const files = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);

test("the Layout section lists exactly the repository's folders", () => {
  const listed = layoutFolders(readFileSync(join(ROOT, "README.md"), "utf8"));
  expect([...new Set(listed)].sort()).toEqual(trackedFolders(files, listed));
  expect(listed.length).toBe(new Set(listed).size);
});

test("a folder missing from the Layout, or listed but gone, is found", () => {
  const readme = "# x\n\n## Layout\n\n- `lib/file/` — reading\n- `gone/` — old\n\n## Next\n- `not/` — other section\n";
  expect(layoutFolders(readme)).toEqual(["lib/file", "gone"]);
  expect(trackedFolders(["lib/file/load.ts", "lib/aws/arn.ts", "lib/index.ts", ".ci/run", "README.md"])).toEqual(["lib/aws", "lib/file"]);
  expect(trackedFolders(["lib/policy/controllers/x.ts", "lib/bindings/generated/k/y.ts"], ["lib/policy/controllers", "lib/gone/deep"])).toEqual(["lib/bindings", "lib/policy", "lib/policy/controllers"]);
});
