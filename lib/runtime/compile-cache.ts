/**
 * A V8 code cache for the CommonJS modules the app loads, so that a synth does not parse and
 * compile the same 4 MB of JavaScript (cdktf, zod, yaml, the provider classes, this project) on
 * every run. For one tenant, compiling was about a quarter of the CPU time of a synth.
 *
 * Node 22 has this built in (`module.enableCompileCache()`,
 * https://nodejs.org/api/module.html#moduleenablecompilecachecachedir); where that exists it
 * is used with the same folder. Node 20, which the project supports, only offers the pieces:
 * `vm.Script` takes `cachedData` and `script.createCachedData()` writes it
 * (https://nodejs.org/api/vm.html#scriptcreatecacheddata). So on Node 20 this module compiles
 * each module itself, in `Module.prototype._compile`, the way Node 20's loader does when
 * `Module.wrap` is patched (lib/internal/modules/cjs/loader.js, `wrapSafe`), with the cached
 * code when there is some. The data is made at exit, not right after compiling: V8 compiles
 * most functions lazily, on their first call, and data made after the run holds those too,
 * which is where most of the saving is (data made at compile time, as the `v8-compile-cache`
 * package does, measured within noise of no cache).
 *
 * Safety:
 * - Never stale: an entry is keyed by the module's file name and the SHA-256 of its source
 *   text. V8 itself only checks the source's length (and its version and flags).
 * - Never harmful: a missing, unreadable, truncated or corrupt file (each entry carries a
 *   checksum, as V8 release builds do not check code caches), a folder that cannot be written,
 *   data V8 rejects: each falls back to compiling as usual, silently. A module that does not
 *   compile as a CommonJS function body (a syntax error, ES module syntax) goes to Node's own
 *   `_compile`, which reports it as usual or loads it as an ES module.
 * - Node's own loader is kept where it does more than compile: the main module (its stat cache
 *   for resolution and `--inspect-brk`), a policy manifest, and source maps (`--enable-source-maps`).
 * - Stack traces keep their lines and columns: the wrapper sits on a line of its own, which the
 *   script's line offset of -1 takes back.
 *
 * Where: `$XDG_CACHE_HOME/eks-pod-identity-tenants/` (`~/.cache/...` when that is not set), one
 * file per Node version, architecture, set of V8 flags the preload sets and entry script,
 * written through a temporary file and a rename, so concurrent runs never see half a file.
 * Never in the project or its dist/. TENANTS_COMPILE_CACHE names another folder, or turns the cache off with `0`.
 *
 * After a move to Node 22 only: drop the Node 20 path and keep `enableCompileCache`. Node 20's
 * internals this path leans on are checked by __tests__/compile-cache.test.ts (that Node
 * still calls `_compile` for every CommonJS module and that a cached module's `require` behaves
 * like Node's own).
 */
import Module from "node:module";
import * as crypto from "node:crypto";
import { accessSync, constants as fsConstants, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { Script, constants as vmConstants } from "node:vm";

export const COMPILE_CACHE_VARIABLE = "TENANTS_COMPILE_CACHE";

/** The folder under the user's cache folder. */
export const CACHE_FOLDER = "eks-pod-identity-tenants";

/** The file's first bytes: format and version of this layout. */
const MAGIC = Buffer.from("eks-pod-identity-tenants compile cache 1\n");

/** Entries for modules this run did not load are dropped once the file would exceed this. */
const MAX_BYTES = 32 * 1024 * 1024;

/** What this process's cache did: read by the tests. */
export interface CompileCacheState {
  readonly kind: "node" | "own";
  readonly file: string;
  /** Modules compiled with cached code. */
  hits: number;
  /** Modules compiled without: no entry, or another source. */
  misses: number;
  /** Entries V8 refused (another V8 version or flags). */
  rejected: number;
  /** Modules left to Node's own `_compile`. */
  passed: number;
  written: boolean;
}

const STATE = Symbol.for("eks-pod-identity-tenants.compile-cache");

/** This process's cache, if one was enabled. */
export function compileCacheState(): CompileCacheState | undefined {
  return (globalThis as Record<symbol, CompileCacheState | undefined>)[STATE];
}

/**
 * The cache folder, or undefined when TENANTS_COMPILE_CACHE is `0` or there is no home folder.
 * A relative XDG_CACHE_HOME is ignored, as the XDG Base Directory specification says
 * (https://specifications.freedesktop.org/basedir-spec/latest/).
 */
export function compileCacheDir(env: NodeJS.ProcessEnv = process.env, home: () => string = homedir): string | undefined {
  const setting = env[COMPILE_CACHE_VARIABLE];
  if (setting === "0") return undefined;
  if (setting) return resolve(setting);
  const xdg = env.XDG_CACHE_HOME;
  if (xdg && isAbsolute(xdg)) return join(xdg, CACHE_FOLDER);
  let h: string;
  try {
    h = home();
  } catch {
    return undefined;
  }
  return h && isAbsolute(h) ? join(h, ".cache", CACHE_FOLDER) : undefined;
}

/** One module's cached code: the SHA-256 of its source, the data, and the data's SHA-256. */
export interface Entry {
  readonly hash: string;
  readonly data: Buffer;
  readonly sum: string;
}

// Node 20.12's one-shot crypto.hash where there is one (less overhead per module), else a Hash.
// SHA-256 rather than zlib's faster crc32: crypto is loaded anyway, zlib would cost more to load.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Buffer) => string }).hash;
const sha256: (data: string | Buffer) => string = oneShot ? (data) => oneShot("sha256", data) : (data) => crypto.createHash("sha256").update(data).digest("hex");

/** An entry's data when it is what was written (its checksum holds), else undefined. */
export function verifiedData(entry: Entry | undefined): Buffer | undefined {
  return entry && sha256(entry.data) === entry.sum ? entry.data : undefined;
}

/**
 * The entries of a cache file, by module file name; empty when the file is missing or is not
 * one this layout wrote whole. Layout: MAGIC, a 4-byte index length, the index (JSON:
 * `[file, source hash, byte length, data hash][]`), then the data, back to back. Each entry's
 * data is checked when it is used (verifiedData), so entries a run does not use cost nothing.
 */
export function readCacheFile(file: string): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return entries;
  }
  try {
    if (buf.length < MAGIC.length + 4 || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return entries;
    const start = MAGIC.length + 4 + buf.readUInt32LE(MAGIC.length);
    if (start > buf.length) return entries;
    const index = JSON.parse(buf.toString("utf8", MAGIC.length + 4, start)) as unknown;
    if (!Array.isArray(index)) return entries;
    let offset = start;
    for (const e of index as unknown[]) {
      if (!Array.isArray(e) || typeof e[0] !== "string" || typeof e[1] !== "string" || !Number.isSafeInteger(e[2]) || (e[2] as number) < 0 || typeof e[3] !== "string") return new Map();
      const end = offset + (e[2] as number);
      if (end > buf.length) return new Map();
      entries.set(e[0], { hash: e[1], data: buf.subarray(offset, end), sum: e[3] });
      offset = end;
    }
    if (offset !== buf.length) return new Map();
  } catch {
    return new Map();
  }
  return entries;
}

/** Writes `entries` whole, through a temporary file renamed into place. */
export function writeCacheFile(file: string, entries: Iterable<[string, Entry]>): void {
  const index: [string, string, number, string][] = [];
  const data: Buffer[] = [];
  for (const [name, e] of entries) {
    index.push([name, e.hash, e.data.length, e.sum]);
    data.push(e.data);
  }
  const payload = Buffer.concat(data);
  const head = Buffer.from(JSON.stringify(index));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([MAGIC, length, head, payload]), { mode: 0o600 });
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

type Compile = (this: Module, content: string, filename: string, format?: string) => unknown;

interface ModuleStatics {
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: Module): string[] | null;
  _extensions: unknown;
  _cache: unknown;
  enableCompileCache?: (dir: string) => unknown;
}

/** The `require` Node gives a module (lib/internal/modules/helpers.js, makeRequireFunction, without a policy). */
function makeRequire(mod: Module): NodeJS.Require {
  const statics = Module as unknown as ModuleStatics;
  const require = function require(id: string) {
    return mod.require(id);
  } as NodeJS.Require;
  // A request that is not a string gets Node's own ERR_INVALID_ARG_TYPE, from a require of its own.
  const resolveRequest = function resolve(request: string, options?: { paths?: string[] }) {
    if (typeof request !== "string") return Module.createRequire(mod.filename).resolve(request, options);
    return statics._resolveFilename(request, mod, false, options);
  } as NodeJS.RequireResolve;
  resolveRequest.paths = function paths(request: string) {
    if (typeof request !== "string") return Module.createRequire(mod.filename).resolve.paths(request);
    return statics._resolveLookupPaths(request, mod);
  };
  require.resolve = resolveRequest;
  Object.defineProperty(require, "main", { value: process.mainModule, writable: true, enumerable: true, configurable: true });
  require.extensions = statics._extensions as NodeJS.RequireExtensions;
  require.cache = statics._cache as NodeJS.Dict<NodeJS.Module>;
  return require;
}

/** Whether Node's own `_compile` must handle modules: it does more than compile there. */
function nodeMustCompile(): boolean {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  return process.sourceMapsEnabled || args.some((a) => a.startsWith("--experimental-policy") || a.startsWith("--enable-source-maps"));
}

export interface CompileCacheOptions {
  readonly env?: NodeJS.ProcessEnv;
  /**
   * The V8 flags this process set with `v8.setFlagsFromString` before: V8 refuses code cached
   * under other flags, so each set of them has a file of its own.
   */
  readonly v8Flags?: readonly string[];
  /** The entry script (`process.argv[1]`), when the cache file should be this script's own. */
  readonly entry?: string;
}

/**
 * The cache file for this Node, these in-process V8 flags and this entry script. One file per
 * entry script keeps each command's file to the modules it loads (the app's is about 3.5 MB)
 * instead of one file that every command and checkout adds to and every run reads whole.
 */
export function compileCacheFile(dir: string, v8Flags: readonly string[] = [], entry?: string): string {
  const key = entry === undefined ? v8Flags : [...v8Flags, `entry:${entry}`];
  const suffix = key.length === 0 ? "" : `-${crypto.createHash("sha256").update(key.join("\0")).digest("hex").slice(0, 12)}`;
  return join(dir, `v8-${process.version}-${process.arch}${suffix}.bin`);
}

/**
 * Turns the cache on for this process: Node's own where it has one, else this module's. Call it
 * after any `v8.setFlagsFromString` (heap-growth.ts), and name those flags. Returns the state,
 * or undefined when it is off or cannot work here.
 */
export function enableCompileCache(options: CompileCacheOptions = {}): CompileCacheState | undefined {
  const env = options.env ?? process.env;
  const global = globalThis as Record<symbol, CompileCacheState | undefined>;
  if (global[STATE]) return global[STATE];
  const dir = compileCacheDir(env);
  if (!dir) return undefined;
  const statics = Module as unknown as ModuleStatics;
  if (typeof statics.enableCompileCache === "function") {
    try {
      statics.enableCompileCache(dir);
    } catch {
      return undefined;
    }
    return (global[STATE] = { kind: "node", file: dir, hits: 0, misses: 0, rejected: 0, passed: 0, written: false });
  }
  const importModuleDynamically = (vmConstants as unknown as { USE_MAIN_CONTEXT_DEFAULT_LOADER?: symbol } | undefined)?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (importModuleDynamically === undefined || nodeMustCompile()) return undefined;

  const file = compileCacheFile(dir, options.v8Flags, options.entry);
  const state: CompileCacheState = (global[STATE] = { kind: "own", file, hits: 0, misses: 0, rejected: 0, passed: 0, written: false });
  const old = readCacheFile(file);
  const compiled = new Map<string, { hash: string; script: Script }>();
  let changed = false;
  const prototype = Module.prototype as unknown as { _compile: Compile };
  const nodeCompile = prototype._compile;

  prototype._compile = function _compile(this: Module, content: string, filename: string, format?: string) {
    if (this.id === "." || (format !== undefined && format !== "commonjs")) {
      state.passed++;
      return nodeCompile.call(this, content, filename, format);
    }
    const hash = sha256(content);
    const entry = old.get(filename);
    const cachedData = entry?.hash === hash ? verifiedData(entry) : undefined;
    let script: Script;
    try {
      // A hashbang is valid only at the start of a script; Node's loader accepts it in a module.
      const body = content.startsWith("#!") ? `//${content.slice(2)}` : content;
      script = new Script(`(function (exports, require, module, __filename, __dirname) {\n${body}\n})`, {
        filename,
        lineOffset: -1,
        cachedData,
        importModuleDynamically: importModuleDynamically as never,
      });
    } catch {
      state.passed++;
      return nodeCompile.call(this, content, filename, format);
    }
    if (!cachedData) state.misses++;
    else if (script.cachedDataRejected) state.rejected++;
    else state.hits++;
    if (!cachedData || script.cachedDataRejected) changed = true;
    compiled.set(filename, { hash, script });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return Reflect.apply(wrapper, this.exports, [this.exports, makeRequire(this), this, filename, dirname(filename)]);
  };

  process.once("exit", () => {
    if (!changed) return;
    try {
      // A folder that cannot be written is found before the data is made, which costs more.
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      accessSync(dirname(file), fsConstants.W_OK);
      const entries = new Map<string, Entry>();
      let bytes = 0;
      for (const [name, c] of compiled) {
        const data = c.script.createCachedData();
        entries.set(name, { hash: c.hash, data, sum: sha256(data) });
        bytes += data.length;
      }
      // Modules other runs loaded (the helm agent mode, another checkout) stay while their file
      // does and there is room; copies made by tests in temporary folders go.
      for (const [name, e] of old) {
        if (entries.has(name) || bytes + e.data.length > MAX_BYTES || !existsSync(name)) continue;
        entries.set(name, e);
        bytes += e.data.length;
      }
      writeCacheFile(file, entries);
      state.written = true;
    } catch {
      // A folder that cannot be written: the next run compiles as usual.
    }
  });
  return state;
}
