/**
 * Node's own code cache where Node has one (22.1 and later); nothing on Node 20. Why, and where
 * the cache goes: docs/benchmarks.md, "Removed". Node's API: https://nodejs.org/api/module.html#moduleenablecompilecachecachedir
 */
import Module from "node:module";
import { readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Subfolders kept: Node versions (and V8 flags, which a user may set) in use side by side. */
export const KEEP = 4;
export const DEFAULT_DIR = join(__dirname, "..", "..", ".compile-cache");
/** The part of Node 22's `module` API used here (@types/node 20 lacks it). */
export type NodeCompileCache = {
  enableCompileCache?: (dir: string) => { status: number };
  getCompileCacheDir?: () => string | undefined;
  constants?: { compileCacheStatus?: Record<"ENABLED" | "ALREADY_ENABLED" | "DISABLED", number> };
};
/** Marks `current` used and removes all but the `keep` most recently used subfolders of `dir`. */
export function pruneCacheDir(dir: string, current: string | undefined, keep: number = KEEP): void {
  // Only a subfolder Node names as its own is known to be one of its version folders.
  if (!current || dirname(resolve(current)) !== resolve(dir)) return;
  utimesSync(current, new Date(), new Date());
  const used = (name: string) => statSync(join(dir, name)).mtimeMs;
  const folders = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const name of folders.sort((a, b) => used(b) - used(a)).slice(keep)) rmSync(join(dir, name), { recursive: true, force: true });
}
export function enableCompileCache(node: NodeCompileCache = Module as unknown as NodeCompileCache, dir: string = DEFAULT_DIR): true | string {
  const status = node.constants?.compileCacheStatus;
  if (typeof node.enableCompileCache !== "function" || !status) return "node too old";
  const r = node.enableCompileCache(dir).status;
  if (r === status.DISABLED) return "disabled";
  if (r !== status.ENABLED && r !== status.ALREADY_ENABLED) return "cache failed";
  try {
    if (r === status.ENABLED) pruneCacheDir(dir, node.getCompileCacheDir?.());
  } catch {
    // Another process pruned at the same moment: the next run tries again.
  }
  return true;
}
