/**
 * jest transpiles only (swc); `npm run typecheck` type-checks the whole tree once with tsc.
 * Type-checking inside every transform (ts-jest's default) repeats that work per test file.
 *
 * At least two workers: jest's default is one fewer than the cores, which is one on the
 * project's 2-core machines, and then the second core idles whenever the one worker runs
 * single-threaded JavaScript or waits on a child process (terraform, tsc, the app). Most of the
 * suite's CPU time is spent in such child processes and in per-file module loading, which two
 * workers overlap. On 2 cores that took `npm test` from 293 s to 93 s together with the other
 * changes of issue 17 (docs/benchmarks.md).
 *
 * Two projects, run together by `npm test` and alone with `--selectProjects`:
 * - `process`: the suites that start processes (node, terraform, tsc, the compiled commands);
 *   most of the run's wall time, and they need dist/ built (`npm run test:process` builds it).
 * - `unit`: everything else, in-process; `npm run test:unit` needs no build.
 * A suite is a process suite when its text calls a process-starting function, so a new suite
 * lands in the right project without a list to keep up to date.
 *
 * globalSetup gives the run its own temporary folder (TMPDIR, inherited by the workers and
 * every process they start) and globalTeardown removes it, and fails the run when a test left
 * a new file or folder in the repository (__tests__/jest/).
 */
const { readdirSync, readFileSync } = require("node:fs");
const { availableParallelism } = require("node:os");
const { join } = require("node:path");

const TESTS = join(__dirname, "__tests__");
/** A call that starts a process: child_process's functions and the helpers of __tests__/run.ts, terraform.ts and stand-in/spawn.ts. */
const STARTS_A_PROCESS = /(?<![.\w])(spawnSync|spawn|execFileSync|execFile|execSync|fork|runNode|runNodeAsync|runApp|terraform)\s*\(/;

const suites = readdirSync(TESTS).filter((f) => f.endsWith(".test.ts"));
const processSuites = suites.filter((f) => STARTS_A_PROCESS.test(readFileSync(join(TESTS, f), "utf8")));
const unitSuites = suites.filter((f) => !processSuites.includes(f));

const shared = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
  // A project-level option in jest; each hook does its work once per run (see the files).
  globalSetup: "<rootDir>/__tests__/jest/global-setup.js",
  globalTeardown: "<rootDir>/__tests__/jest/global-teardown.js",
};

/** testMatch globs for these suite files; a file name holds no glob characters here. */
const match = (files) => files.map((f) => `<rootDir>/__tests__/${f}`);

module.exports = {
  maxWorkers: Math.max(2, availableParallelism() - 1),
  projects: [
    { ...shared, displayName: "unit", testMatch: match(unitSuites) },
    { ...shared, displayName: "process", testMatch: match(processSuites) },
  ],
};
