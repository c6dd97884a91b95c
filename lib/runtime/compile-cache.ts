/**
 * Node's own on-disk code cache, where Node has one: `module.enableCompileCache()`, Node 22.1
 * and later (https://nodejs.org/api/module.html#moduleenablecompilecachecachedir); on Node 20
 * this does nothing. The folder is dist/.compile-cache, beside the build it caches. Node keeps
 * one entry per module file in a subfolder per Node version, architecture and V8 flags
 * (nodejs/node src/compile_cache.cc), so the only growth is a subfolder per Node upgrade: all
 * but the KEEP most recently used are removed. NODE_COMPILE_CACHE and
 * NODE_DISABLE_COMPILE_CACHE=1, Node's own variables, win.
 */
import Module from "node:module";
import { readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Subfolders kept: a big run and a small one differ in V8 flags (heap-growth.ts). */
export const KEEP = 4;
export const DEFAULT_DIR = join(__dirname, "..", "..", ".compile-cache");

/** The part of Node 22's `module` API used here (@types/node 20 lacks it). */
export interface NodeCompileCache {
  enableCompileCache?: (dir: string) => { status: number };
  getCompileCacheDir?: () => string | undefined;
  constants?: { compileCacheStatus?: { ENABLED: number; ALREADY_ENABLED: number; DISABLED: number } };
}

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
