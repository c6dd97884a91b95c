/**
 * Node's own on-disk V8 code cache for the modules a command loads, where Node has it:
 * `module.enableCompileCache()`, Node 22.1 and later
 * (https://nodejs.org/api/module.html#moduleenablecompilecachecachedir). Node 20 has nothing
 * like it, and this then does nothing.
 *
 * Where: `.compile-cache` in this package's dist/ folder, so the cache goes with the build it was
 * made from, and never into the user's project or a shared temporary folder. Node keeps one
 * entry per module file in a subfolder per Node version, architecture and V8 flags
 * (src/compile_cache.cc in nodejs/node: `GetCacheVersionTag`, and the entry's key is the file
 * name), so for one installed copy the entries are bounded by the modules it loads; the
 * subfolders of Node versions no longer used are the only growth, and all but the KEEP most
 * recently used are removed. A folder that cannot be written makes Node report FAILED, and the
 * command runs as usual. NODE_COMPILE_CACHE, when set, wins; NODE_DISABLE_COMPILE_CACHE=1 turns
 * it off (both Node's own variables).
 */
import Module from "node:module";
import { readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/** Subfolders (Node version and V8 flags) kept: a big and a small run differ in flags. */
export const KEEP = 4;

export const DEFAULT_DIR = join(__dirname, "..", "..", ".compile-cache");

/** The part of Node 22's `module` API used here (types: @types/node 20 lacks it). */
export interface NodeCompileCache {
  enableCompileCache?: (dir: string) => { status: number; directory?: string };
  getCompileCacheDir?: () => string | undefined;
  constants?: { compileCacheStatus?: { ENABLED: number; ALREADY_ENABLED: number; DISABLED: number } };
}

/** Removes all but the `keep` most recently used subfolders of `dir`, after marking `current` used. */
export function pruneCacheDir(dir: string, current: string | undefined, keep: number = KEEP): void {
  // Only a subfolder Node names as its own is known to be one of its version folders.
  if (!current || dirname(resolve(current)) !== resolve(dir)) return;
  const now = new Date();
  utimesSync(current, now, now);
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => ({ path: join(dir, e.name), used: statSync(join(dir, e.name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const f of folders.slice(keep)) rmSync(f.path, { recursive: true, force: true });
}

/** Turns Node's compile cache on: true, or why not. */
export function enableCompileCache(node: NodeCompileCache = Module as unknown as NodeCompileCache, dir: string = DEFAULT_DIR): true | string {
  const status = node.constants?.compileCacheStatus;
  if (typeof node.enableCompileCache !== "function" || !status) return "node too old";
  const r = node.enableCompileCache(dir);
  if (r.status === status.DISABLED) return "disabled";
  if (r.status !== status.ENABLED && r.status !== status.ALREADY_ENABLED) return "cache failed";
  if (r.status === status.ENABLED) {
    try {
      pruneCacheDir(dir, node.getCompileCacheDir?.());
    } catch {
      // Another process pruned at the same moment: the next run tries again.
    }
  }
  return true;
}
