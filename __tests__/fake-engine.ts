/**
 * A CDK Terrain (`cdktn`) stand-in in a temporary project: the files and exports the runtime
 * patches reach for, at the paths cdktf 0.21.0 has them, with function bodies of its own. A patch
 * that finds its engine through lib/runtime/engine.ts, and checks the engine's source, must
 * stand down on it and change nothing.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { installedEngine, type Engine } from "../lib/runtime/engine";
import { tempDir } from "./temp-dir";

const FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "cdktn", version: "0.24.0", main: "lib/index.js" }),
  "lib/index.js": `class TerraformStack {
  prepareStack() { return "cdktn prepares"; }
  toTerraform() { return { cdktn: true }; }
  static of(scope) { return scope; }
}
exports.TerraformStack = TerraformStack;
exports.Token = { isUnresolved: () => false };`,
  "lib/_tokens.js": `exports.resolve = (scope, obj) => obj;`,
  "lib/tfExpression.js": `class Reference { resolve() { return "cdktn reference"; } }
exports.ref = () => new Reference();`,
  "lib/tokens/private/resolve.js": `exports.resolve = (obj) => ({ cdktn: obj });`,
  "lib/tokens/private/encoding.js": `exports.BEGIN_STRING_TOKEN_MARKER = "\${TfToken[";
exports.BEGIN_LIST_TOKEN_MARKER = "#{TfToken[";
exports.BEGIN_MAP_TOKEN_MARKER = "&{TfToken[";
exports.TokenString = { forNumbers: () => ({ re: /[-|\\d|.\\+]+(e[-|\\d|.|e|E|\\+]+)/ }) };
exports.unresolved = (obj) => typeof obj === "string" && obj.includes("TfToken[");`,
  "lib/tokens/token.js": `exports.Token = { STRING_MAP_TOKEN_VALUE: "String Map Token Value", ANY_MAP_TOKEN_VALUE: "Any Map Token Value" };
exports.Tokenization = { resolve: (obj) => obj };`,
};

/** The engine engine.ts finds in a new project that has only the stand-in installed. */
export function fakeCdktn(): Engine {
  const project = tempDir("fake-cdktn-");
  for (const [file, text] of Object.entries(FILES)) {
    const path = join(project, "node_modules", "cdktn", file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  }
  const engine = installedEngine(project);
  if (engine?.name !== "cdktn") throw new Error(`engine.ts found ${engine?.name} in ${project}, not the cdktn stand-in`);
  return engine;
}
