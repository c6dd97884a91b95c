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
 */
const { availableParallelism } = require("node:os");

module.exports = {
  testEnvironment: "node",
  maxWorkers: Math.max(2, availableParallelism() - 1),
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
};
