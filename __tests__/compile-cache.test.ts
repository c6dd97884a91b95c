/**
 * lib/runtime/compile-cache.ts turns on Node's own compile cache where Node has one (22.1 and
 * later), in a folder that cannot grow without bound, and does nothing on an older Node. Node 22's
 * API is stood in for by a fake with its documented results, so these run on any Node.
 */
import Module from "node:module";
import { existsSync, mkdirSync, readdirSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_DIR, enableCompileCache, KEEP, pruneCacheDir, type NodeCompileCache } from "../lib/runtime/compile-cache";
import { ROOT } from "./run";
import { tempDir } from "./temp-dir";

// module.constants.compileCacheStatus: https://nodejs.org/api/module.html#moduleconstantscompilecachestatus
const STATUS = { ENABLED: 0, ALREADY_ENABLED: 1, FAILED: 2, DISABLED: 3 };

/** Node 22's API: enabling makes the version folder under `dir` and reports `result`. */
function fakeNode(result: keyof typeof STATUS, tag = "v22.12.0-x64-abc"): NodeCompileCache & { calls: string[] } {
  const calls: string[] = [];
  let current: string | undefined;
  return {
    calls,
    constants: { compileCacheStatus: STATUS },
    enableCompileCache: (dir) => {
      calls.push(dir);
      if (result === "ENABLED") mkdirSync((current = join(dir, tag)), { recursive: true });
      return { status: STATUS[result], directory: current };
    },
    getCompileCacheDir: () => current,
  };
}

it("does nothing on a Node without module.enableCompileCache, and says so", () => {
  expect(enableCompileCache({}, tempDir("cc-"))).toBe("node too old");
  const real = (Module as unknown as NodeCompileCache).enableCompileCache;
  expect(enableCompileCache(undefined, tempDir("cc-"))).toBe(typeof real === "function" ? true : "node too old");
});

it("turns Node's cache on in the folder it is given, and reports Node's refusals", () => {
  const dir = tempDir("cc-");
  const node = fakeNode("ENABLED");
  expect(enableCompileCache(node, dir)).toBe(true);
  expect(node.calls).toEqual([dir]);
  expect(enableCompileCache(fakeNode("ALREADY_ENABLED"), dir)).toBe(true);
  expect(enableCompileCache(fakeNode("DISABLED"), dir)).toBe("disabled");
  expect(enableCompileCache(fakeNode("FAILED"), dir)).toBe("cache failed");
});

it("keeps the cache in the package's dist/ folder, never in the user's project or a shared temporary folder", () => {
  // Compiled, lib/runtime/compile-cache.js sits in dist/lib/runtime/, so this is dist/.compile-cache.
  expect(DEFAULT_DIR).toBe(join(ROOT, ".compile-cache"));
});

it("keeps the KEEP most recently used version folders: the one in use is marked used, older ones go", () => {
  const dir = tempDir("cc-prune-");
  const old = (name: string, daysAgo: number) => {
    mkdirSync(join(dir, name));
    const t = new Date(Date.now() - daysAgo * 86_400_000);
    utimesSync(join(dir, name), t, t);
  };
  for (let i = 1; i <= KEEP + 2; i++) old(`v20.${i}`, i);
  // The folder of this Node is the oldest on disk, but in use: it stays.
  old("v22.12.0-x64-abc", 30);
  expect(enableCompileCache(fakeNode("ENABLED"), dir)).toBe(true);
  expect(readdirSync(dir).sort()).toEqual(["v20.1", "v20.2", "v20.3", "v22.12.0-x64-abc"]);
});

it("prunes nothing when Node names no version folder inside the cache folder (NODE_COMPILE_CACHE elsewhere)", () => {
  const dir = tempDir("cc-prune-");
  for (let i = 0; i < KEEP + 2; i++) mkdirSync(join(dir, `v${i}`));
  pruneCacheDir(dir, undefined);
  pruneCacheDir(dir, join(tempDir("cc-other-"), "v22"));
  expect(readdirSync(dir)).toHaveLength(KEEP + 2);
  expect(existsSync(join(dir, "v0"))).toBe(true);
});
