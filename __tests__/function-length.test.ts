/**
 * No function in lib/, stacks/ or bin/ runs past 80 lines: a longer one does several things, and
 * its parts belong in named functions or, for policies, named statement constants. Measured with
 * the TypeScript compiler's own parse, from a function's first line to its last.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as ts from "typescript";
import { ROOT } from "./run";

const LIMIT = 80;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every function, method, constructor, accessor and arrow function longer than LIMIT lines, as `file:line name (n lines)`. */
function longFunctions(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      const name = node.name && ts.isIdentifier(node.name) ? node.name.text : ts.isConstructorDeclaration(node) ? "constructor" : "(anonymous)";
      if (lines > LIMIT) out.push(`${relative(ROOT, file)}:${start + 1} ${name} (${lines} lines)`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

it(`no function in lib/, stacks/ or bin/ is longer than ${LIMIT} lines`, () => {
  const files = ["lib", "stacks", "bin"].flatMap((d) => sources(join(ROOT, d)));
  expect(files.flatMap(longFunctions)).toEqual([]);
});
