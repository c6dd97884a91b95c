/**
 * lib/runtime/compile-cache.ts: the app's V8 code cache. The unit tests cover where the file
 * goes and how it is read and written; the process tests run node with the built module
 * preloaded (as lib/runtime/preload.ts enables it) on small modules in a temporary folder, and
 * compare what the modules see, return and throw with the cache off. If Node stopped sending
 * CommonJS modules through `Module.prototype._compile`, the hit counts here would be zero.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, relative } from "node:path";
import { createHash } from "node:crypto";
import { CACHE_FOLDER, COMPILE_CACHE_VARIABLE, compileCacheDir, compileCacheFile, readCacheFile, verifiedData, writeCacheFile, type Entry } from "../lib/runtime/compile-cache";
import { appCommand, ROOT } from "./run";
import { tempDir } from "./temp-dir";

describe("compileCacheDir", () => {
  const home = () => "/home/ada";

  it("is the user's cache folder: XDG_CACHE_HOME when absolute, else ~/.cache", () => {
    expect(compileCacheDir({}, home)).toBe(`/home/ada/.cache/${CACHE_FOLDER}`);
    expect(compileCacheDir({ XDG_CACHE_HOME: "/var/cache/ada" }, home)).toBe("/var/cache/ada/eks-pod-identity-tenants");
    // The XDG Base Directory specification: a relative path is invalid and ignored.
    expect(compileCacheDir({ XDG_CACHE_HOME: "cache" }, home)).toBe("/home/ada/.cache/eks-pod-identity-tenants");
  });

  it("is the folder TENANTS_COMPILE_CACHE names (made absolute), or none for 0", () => {
    expect(COMPILE_CACHE_VARIABLE).toBe("TENANTS_COMPILE_CACHE");
    expect(compileCacheDir({ TENANTS_COMPILE_CACHE: "/srv/cc", XDG_CACHE_HOME: "/x" }, home)).toBe("/srv/cc");
    expect(compileCacheDir({ TENANTS_COMPILE_CACHE: "rel/cc" }, home)).toBe(join(process.cwd(), "rel/cc"));
    expect(compileCacheDir({ TENANTS_COMPILE_CACHE: "0" }, home)).toBeUndefined();
  });

  it("is none without a home folder", () => {
    expect(compileCacheDir({}, () => "")).toBeUndefined();
    expect(
      compileCacheDir({}, () => {
        throw new Error("no passwd entry");
      }),
    ).toBeUndefined();
  });
});

describe("compileCacheFile", () => {
  it("is one file per Node version and architecture, and per set of in-process V8 flags", () => {
    const plain = compileCacheFile("/c");
    expect(plain).toBe(`/c/v8-${process.version}-${process.arch}.bin`);
    const heap = compileCacheFile("/c", ["--heap-growing-percent=50"]);
    expect(heap).toMatch(new RegExp(`^/c/v8-${process.version.replace(/\./g, "\\.")}-${process.arch}-[0-9a-f]{12}\\.bin$`));
    expect(compileCacheFile("/c", ["--heap-growing-percent=50"])).toBe(heap);
    expect(compileCacheFile("/c", ["--heap-growing-percent=25"])).not.toBe(heap);
  });

  it("is one file per entry script when one is named, with or without flags", () => {
    const app = compileCacheFile("/c", [], "/p/dist/main.js");
    const access = compileCacheFile("/c", [], "/p/dist/bin/access.js");
    const appHeap = compileCacheFile("/c", ["--heap-growing-percent=50"], "/p/dist/main.js");
    expect(new Set([compileCacheFile("/c"), compileCacheFile("/c", ["--heap-growing-percent=50"]), app, access, appHeap]).size).toBe(5);
    expect(compileCacheFile("/c", [], "/p/dist/main.js")).toBe(app);
    expect(app).toMatch(/^\/c\/v8-.*-[0-9a-f]{12}\.bin$/);
  });
});

describe("the cache file", () => {
  const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
  const entries = (): [string, Entry][] => [
    ["/a.js", { hash: "aa", data: Buffer.from([1, 2, 3]), sum: sha256(Buffer.from([1, 2, 3])) }],
    ["/b.js", { hash: "bb", data: Buffer.from("four"), sum: sha256(Buffer.from("four")) }],
  ];
  const plain = (m: Map<string, Entry>) => Object.fromEntries([...m].map(([k, v]) => [k, { hash: v.hash, data: [...v.data], verified: verifiedData(v) !== undefined }]));

  it("reads back what was written, and is written with modes 0700 (folder) and 0600 (file)", () => {
    const dir = join(tempDir("cc-file-"), "made");
    const file = join(dir, "c.bin");
    writeCacheFile(file, entries());
    expect(plain(readCacheFile(file))).toEqual({ "/a.js": { hash: "aa", data: [1, 2, 3], verified: true }, "/b.js": { hash: "bb", data: [102, 111, 117, 114], verified: true } });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("serves no data for an entry whose bytes changed", () => {
    const file = join(tempDir("cc-flip-"), "c.bin");
    writeCacheFile(file, entries());
    const bytes = readFileSync(file);
    bytes[bytes.length - 1] ^= 0xff;
    writeFileSync(file, bytes);
    expect(plain(readCacheFile(file))).toEqual({ "/a.js": { hash: "aa", data: [1, 2, 3], verified: true }, "/b.js": { hash: "bb", data: [102, 111, 117, 141], verified: false } });
    expect(verifiedData(undefined)).toBeUndefined();
  });

  it("reads as empty when missing, truncated, longer, or not a cache file", () => {
    const dir = tempDir("cc-bad-");
    const file = join(dir, "c.bin");
    expect(readCacheFile(file).size).toBe(0);
    writeCacheFile(file, entries());
    const good = readFileSync(file);
    const variants: Record<string, Buffer> = {
      truncated: good.subarray(0, good.length - 2),
      "a byte more": Buffer.concat([good, Buffer.from([0])]),
      "another magic": Buffer.concat([Buffer.from("x"), good.subarray(1)]),
      "index length past the end": (() => {
        const b = Buffer.from(good);
        b.writeUInt32LE(0xffffff, good.indexOf("\n") + 1);
        return b;
      })(),
      empty: Buffer.alloc(0),
      garbage: Buffer.from("not a cache at all, just some text that is long enough"),
    };
    for (const [name, bytes] of Object.entries(variants)) {
      writeFileSync(file, bytes);
      expect([name, readCacheFile(file).size]).toEqual([name, 0]);
    }
  });
});

interface Outcome {
  readonly status: number | null;
  readonly stderr: string;
  readonly state?: { kind: string; file: string; hits: number; misses: number; rejected: number; passed: number; written: boolean };
  readonly result: Record<string, unknown>;
}

const enabler = join(ROOT, "dist/lib/runtime/compile-cache.js");

/**
 * `node --require <enable> <main>`: enable.js turns the cache on as the preload does and writes
 * the cache's state and main.js's result at exit; main.js requires `MOD` and reports on it.
 */
function fixture() {
  const dir = tempDir("cc-run-");
  writeFileSync(
    join(dir, "enable.js"),
    `const cc = require(${JSON.stringify(enabler)});
    const state = cc.enableCompileCache();
    process.on("exit", () => require("node:fs").writeFileSync(process.env.OUT, JSON.stringify({ state, result: globalThis.result ?? {} })));\n`,
  );
  writeFileSync(
    join(dir, "main.js"),
    `const Module = require("node:module");
    try {
      const m = require(process.env.MOD);
      globalThis.result = typeof m.report === "function" ? m.report(Module) : { value: m.value };
    } catch (e) {
      globalThis.result = { error: e.name + ": " + e.message, code: e.code };
    }\n`,
  );
  let n = 0;
  const run = (mod: string, cache: string, extra: Record<string, string> = {}): Outcome => {
    const out = join(dir, `out-${++n}.json`);
    const r = spawnSync(process.execPath, ["--require", join(dir, "enable.js"), join(dir, "main.js")], {
      cwd: dir,
      encoding: "utf8",
      env: { PATH: process.env.PATH, HOME: dir, [COMPILE_CACHE_VARIABLE]: cache, MOD: mod, OUT: out, ...extra },
    });
    const written = existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as Omit<Outcome, "status" | "stderr">) : { result: {} };
    return { status: r.status, stderr: r.stderr, ...written, state: written.state ?? undefined };
  };
  return { dir, run };
}

describe("a process with the cache", () => {
  it("compiles everything on the first run and writes the file; the next run takes every module from it", () => {
    const { dir, run } = fixture();
    writeFileSync(join(dir, "a.js"), `const b = require("./b");\nexports.value = "a+" + b.value;\n`);
    writeFileSync(join(dir, "b.js"), `exports.value = "b";\n`);
    const cache = join(dir, "cache");
    const first = run(join(dir, "a.js"), cache);
    expect(first).toMatchObject({ status: 0, stderr: "", result: { value: "a+b" } });
    // a.js and b.js; main.js is the main module and goes to Node's own _compile.
    expect(first.state).toEqual({ kind: "own", file: compileCacheFile(cache), hits: 0, misses: 2, rejected: 0, passed: 1, written: true });
    expect(readCacheFile(compileCacheFile(cache)).size).toBe(2);
    const second = run(join(dir, "a.js"), cache);
    expect(second).toMatchObject({ status: 0, stderr: "", result: { value: "a+b" } });
    expect(second.state).toEqual({ kind: "own", file: compileCacheFile(cache), hits: 2, misses: 0, rejected: 0, passed: 1, written: false });
  });

  it("never serves the code of an older source, even one of the same length (all V8 itself checks)", () => {
    const { dir, run } = fixture();
    const mod = join(dir, "m.js");
    const cache = join(dir, "cache");
    writeFileSync(mod, `exports.value = "old";\n`);
    expect(run(mod, cache).result).toEqual({ value: "old" });
    expect(run(mod, cache).state).toMatchObject({ hits: 1, misses: 0 });
    writeFileSync(mod, `exports.value = "new";\n`);
    const changed = run(mod, cache);
    expect(changed.result).toEqual({ value: "new" });
    expect(changed.state).toMatchObject({ hits: 0, misses: 1, written: true });
    expect(run(mod, cache).state).toMatchObject({ hits: 1, misses: 0, written: false });
  });

  it("runs as usual, silently, on a corrupt file, and replaces it", () => {
    const { dir, run } = fixture();
    const mod = join(dir, "m.js");
    const cache = join(dir, "cache");
    writeFileSync(mod, `exports.value = 42;\n`);
    run(mod, cache);
    const file = compileCacheFile(cache);
    const bytes = readFileSync(file);
    writeFileSync(file, Buffer.concat([bytes.subarray(0, bytes.length - 8), Buffer.alloc(8, 0xab)]));
    const corrupt = run(mod, cache);
    expect(corrupt).toMatchObject({ status: 0, stderr: "", result: { value: 42 } });
    expect(corrupt.state).toMatchObject({ hits: 0, misses: 1, written: true });
    expect(run(mod, cache).state).toMatchObject({ hits: 1, misses: 0 });
  });

  it("runs as usual, silently, when the folder cannot be made", () => {
    const { dir, run } = fixture();
    const mod = join(dir, "m.js");
    writeFileSync(mod, `exports.value = 7;\n`);
    writeFileSync(join(dir, "a-file"), "");
    const outcome = run(mod, join(dir, "a-file", "cache"));
    expect(outcome).toMatchObject({ status: 0, stderr: "", result: { value: 7 } });
    expect(outcome.state).toMatchObject({ misses: 1, written: false });
  });

  it("is off with TENANTS_COMPILE_CACHE=0, and with source maps on (Node's _compile maps them)", () => {
    const { dir, run } = fixture();
    const mod = join(dir, "m.js");
    writeFileSync(mod, `exports.value = 7;\n`);
    const off = run(mod, "0");
    expect(off).toMatchObject({ status: 0, result: { value: 7 } });
    expect(off.state).toBeUndefined();
    const mapped = run(mod, join(dir, "cache"), { NODE_OPTIONS: "--enable-source-maps" });
    expect(mapped).toMatchObject({ status: 0, result: { value: 7 } });
    expect(mapped.state).toBeUndefined();
    expect(run(mod, join(dir, "cache")).state).toMatchObject({ misses: 1 });
  });

  it("gives a module what Node gives it: require and its helpers, module, this, file and folder names, stack positions", () => {
    const { dir, run } = fixture();
    mkdirSync(join(dir, "node_modules", "dep"), { recursive: true });
    writeFileSync(join(dir, "node_modules", "dep", "index.js"), `exports.value = "dep";\n`);
    const mod = join(dir, "probe.js");
    // The first line throws at a known column: the wrapper must not shift it.
    writeFileSync(
      mod,
      [
        `const first = () => new Error("line one").stack.split("\\n")[1].trim(); const self = this;`,
        `exports.report = (Module) => ({`,
        `  first: first(),`,
        `  third: new Error("line four").stack.split("\\n")[1].trim(),`,
        `  thisIsExports: self === module.exports,`,
        `  names: [__filename, __dirname],`,
        `  dep: require("dep").value,`,
        `  resolved: require.resolve("dep"),`,
        `  resolvedFrom: require.resolve("./probe", { paths: [__dirname] }),`,
        `  paths: require.resolve.paths("dep"),`,
        `  main: require.main === process.mainModule && require.main !== undefined,`,
        `  cache: require.cache === Module._cache,`,
        `  extensions: require.extensions === Module._extensions,`,
        `  parent: module.parent === process.mainModule,`,
        `  children: module.children.map((c) => c.id),`,
        `  loaded: module.loaded,`,
        `  strict: (function () { return this === undefined; })(),`,
        `  badRequest: (() => { try { require.resolve(7); } catch (e) { return e.code; } })(),`,
        `});`,
      ].join("\n") + "\n",
    );
    const cache = join(dir, "cache");
    const without = run(mod, "0");
    expect(without.status).toBe(0);
    run(mod, cache);
    const cached = run(mod, cache);
    expect(cached.state).toMatchObject({ hits: 2, misses: 0 });
    expect(cached.result).toEqual(without.result);
    expect(without.result).toMatchObject({
      first: `at first (${mod}:1:21)`,
      third: `at exports.report (${mod}:4:10)`,
      thisIsExports: true,
      dep: "dep",
      main: true,
      cache: true,
      extensions: true,
      parent: true,
      children: [join(dir, "node_modules", "dep", "index.js")],
      loaded: true,
      strict: false,
      badRequest: "ERR_INVALID_ARG_TYPE",
    });
  });

  it("leaves syntax errors and ES module syntax to Node, with Node's own errors", () => {
    const { dir, run } = fixture();
    writeFileSync(join(dir, "broken.js"), `exports.value = ;\n`);
    writeFileSync(join(dir, "esm.js"), `export const value = 1;\n`);
    const outcomes = ["broken.js", "esm.js"].map((name) => {
      const mod = join(dir, name);
      const without = run(mod, "0");
      const cached = run(mod, join(dir, "cache"));
      expect(cached.result).toEqual(without.result);
      expect(cached.state).toMatchObject({ hits: 0, misses: 0, passed: 2 });
      return without.result;
    });
    // Node 20.20 loads ES module syntax through require (module syntax detection).
    expect(outcomes).toEqual([{ error: "SyntaxError: Unexpected token ';'" }, { value: 1 }]);
  });

  it("takes a module that starts with a hashbang", () => {
    const { dir, run } = fixture();
    const mod = join(dir, "tool.js");
    writeFileSync(mod, `#!/usr/bin/env node\nexports.value = new Error().stack.split("\\n")[1].trim();\n`);
    const without = run(mod, "0");
    run(mod, join(dir, "cache"));
    const cached = run(mod, join(dir, "cache"));
    expect(cached.state).toMatchObject({ hits: 1 });
    expect(cached.result).toEqual(without.result);
    expect(without.result).toEqual({ value: `at Object.<anonymous> (${mod}:2:17)` });
  });
});

describe("the app as cdktf.json runs it", () => {
  /** The app's output files, by path under its output folder. */
  const outputs = (dir: string): Record<string, string> => {
    const found: Record<string, string> = {};
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else found[relative(dir, p)] = readFileSync(p, "utf8");
      }
    };
    walk(dir);
    return found;
  };

  it("takes every module it compiles from the cache on its second run, and writes the same files as without it", () => {
    const dir = tempDir("cc-app-");
    const probe = join(dir, "probe.js");
    writeFileSync(probe, `process.on("exit", () => { const m = require.cache[${JSON.stringify(enabler)}]; require("node:fs").writeFileSync(process.env.PROBE_OUT, JSON.stringify((m && m.exports.compileCacheState()) ?? null)); });\n`);
    const [, ...args] = appCommand();
    let n = 0;
    const app = (cache: string) => {
      const out = join(dir, `out-${++n}`);
      const state = join(dir, `state-${n}.json`);
      const r = spawnSync(process.execPath, args, {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, CHECKPOINT_DISABLE: "1", TENANTS_FILE: "tenants.yaml", TENANTS_DEBUG: "", CDKTF_OUTDIR: out, [COMPILE_CACHE_VARIABLE]: cache, NODE_OPTIONS: `--require ${probe}`, PROBE_OUT: state },
      });
      expect(r.status).toBe(0);
      return { files: outputs(out), state: JSON.parse(readFileSync(state, "utf8")) as Outcome["state"] | null };
    };
    const cache = join(dir, "cache");
    const without = app("0");
    expect(without.state).toBeNull();
    const first = app(cache);
    const second = app(cache);
    // The probe's exit handler runs before the cache writes its file; the file tells.
    // The app's own file: cdktf.json's entry script, resolved as node resolves process.argv[1].
    const own = compileCacheFile(cache, [], join(ROOT, "dist", "main.js"));
    expect(first.state).toMatchObject({ kind: "own", file: own, hits: 0, rejected: 0 });
    expect(first.state!.misses).toBeGreaterThan(200);
    expect(readdirSync(cache)).toEqual([basename(own)]);
    expect(readCacheFile(own).size).toBe(first.state!.misses);
    expect(second.state).toMatchObject({ kind: "own", hits: first.state!.misses, misses: 0, rejected: 0, written: false });
    expect(Object.keys(without.files).length).toBeGreaterThan(1);
    expect(first.files).toEqual(without.files);
    expect(second.files).toEqual(without.files);
  });
});
