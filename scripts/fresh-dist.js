// @ts-check
/**
 * Keeps dist/ in step with the TypeScript sources, so that nothing runs JavaScript older than
 * the code beside it. cdktf.json's app command and the npm scripts preload it
 * (`node --require ./scripts/fresh-dist.js ...`); `npm run build` runs it as a script.
 *
 * It is plain JavaScript because it must run before anything is compiled.
 *
 * The check costs one stat per source file and folder (about 180, some 2 ms): when no file
 * under the compiled folders is newer than the stamp of the last build, nothing else happens.
 * Otherwise it runs the project's TypeScript compiler with tsconfig.build.json, which is
 * incremental (its tsBuildInfo file sits in dist/), so only what changed is rebuilt.
 *
 * The stamp takes the time the build started, not ended: a file saved during a build is newer
 * than the stamp and is built next time. Concurrent runs (parallel test workers, two
 * terminals) take turns through a lock directory, and the second one finds the build fresh.
 *
 * Environment: TENANTS_NO_REBUILD=1 skips the check (for a read-only checkout with a dist/
 * built elsewhere).
 */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const DIST = path.join(ROOT, "dist");
const STAMP = path.join(DIST, ".build-stamp");
const LOCK = path.join(DIST, ".build-lock");
/** What tsconfig.build.json compiles, and the settings that shape the output. */
const SOURCES = ["main.ts", "lib", "stacks", "bin", "bench", "scripts", "tsconfig.json", "tsconfig.build.json"];
/** A lock older than this was left by a killed build. */
const STALE_LOCK_MS = 5 * 60 * 1000;

/**
 * Whether a source file or folder entry changed after `since` (ms). Folders count too: a
 * deleted or renamed source changes its folder's mtime. Paths are joined by hand: the first
 * calls of path.join, not the file system, were most of the check's 4 ms.
 * @param {string} p
 * @param {number} since
 * @returns {boolean}
 */
function changedSince(p, since) {
  const st = fs.statSync(p, { throwIfNoEntry: false });
  if (st === undefined) return false;
  if (st.mtimeMs > since) return true;
  if (!st.isDirectory()) return false;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if ((entry.isDirectory() || entry.name.endsWith(".ts") || entry.name.endsWith(".json")) && changedSince(p + path.sep + entry.name, since)) return true;
  }
  return false;
}

/** @returns {boolean} */
function isStale() {
  let stamp;
  try {
    stamp = fs.statSync(STAMP).mtimeMs;
  } catch {
    return true;
  }
  return SOURCES.some((s) => changedSince(ROOT + path.sep + s, stamp));
}

/** @param {number} ms */
function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function takeLock() {
  fs.mkdirSync(DIST, { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      return;
    } catch (e) {
      if (/** @type {NodeJS.ErrnoException} */ (e).code !== "EEXIST") throw e;
    }
    try {
      if (Date.now() - fs.statSync(LOCK).mtimeMs > STALE_LOCK_MS) fs.rmSync(LOCK, { recursive: true, force: true });
    } catch {
      // Released meanwhile: try again.
    }
    sleep(100);
  }
}

/**
 * Removes compiled files whose source is gone. tsc never deletes the output of a source that was
 * deleted or moved, and Node resolves `lib/cli` to a stale `dist/lib/cli.js` before a moved
 * module's `dist/lib/commands/cli.js`, so a leftover would run instead of the current code.
 * @param {string} dir
 */
function removeOrphans(dir = DIST) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      removeOrphans(p);
      continue;
    }
    const m = /^(.*)\.(js|d\.ts)$/.exec(entry.name);
    if (!m) continue;
    const source = path.join(ROOT, path.relative(DIST, dir), `${m[1]}.ts`);
    if (!fs.existsSync(source)) fs.rmSync(p, { force: true });
  }
}

/**
 * Compiles with tsconfig.build.json and stamps dist/. Returns tsc's exit code; its messages go
 * to stderr, so stdout stays the commands' own.
 * @returns {number}
 */
function build() {
  const started = Date.now();
  const tsc = require.resolve("typescript/bin/tsc", { paths: [ROOT] });
  // Required here, not at the top: most runs find dist/ fresh and never spawn anything.
  const { spawnSync } = require("node:child_process");
  const r = spawnSync(process.execPath, [tsc, "-p", path.join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: ["ignore", 2, 2] });
  if (r.status !== 0) return r.status ?? 1;
  removeOrphans();
  fs.writeFileSync(STAMP, "");
  fs.utimesSync(STAMP, started / 1000, started / 1000);
  return 0;
}

/**
 * Builds when stale (or always); returns an exit code.
 * @param {{ always?: boolean }} [options]
 * @returns {number}
 */
function ensureFresh(options = {}) {
  if (!options.always && (process.env.TENANTS_NO_REBUILD === "1" || !isStale())) return 0;
  takeLock();
  try {
    // tsc's incremental mode trusts its tsBuildInfo and would not re-emit a deleted output.
    if (options.always) fs.rmSync(path.join(DIST, ".tsbuildinfo"), { force: true });
    return options.always || isStale() ? build() : 0;
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

const USAGE = "usage: npm run build   (node scripts/fresh-dist.js [--always])";
const HELP = `${USAGE}

Compiles the TypeScript sources into dist/ with tsconfig.build.json. With --always (npm run build)
it rebuilds everything; without, only when a source is newer than the last build.
  --always    rebuild even when dist/ is fresh
  -h, --help  this text
Exit codes: 0 built or fresh; 2 usage; otherwise tsc's exit code.
`;

if (require.main === module) {
  // `node scripts/fresh-dist.js [--always]`: npm run build. Plain JavaScript, so its two
  // options are read here rather than by lib/commands/args.ts, which is not compiled yet.
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--always" && a !== "--help" && a !== "-h");
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(HELP);
  } else if (unknown.length > 0) {
    process.stderr.write(`error: unknown option ${unknown[0]}\n${USAGE}\n`);
    process.exitCode = 2;
  } else process.exitCode = ensureFresh({ always: args.includes("--always") });
} else {
  // Preloaded: stop before the command runs stale or missing JavaScript.
  const code = ensureFresh();
  if (code !== 0) {
    process.stderr.write("error: the TypeScript build failed (messages above); nothing was run\n");
    process.exit(code);
  }
}
