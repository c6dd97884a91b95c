/**
 * jest transpiles only (swc); `npm run typecheck` type-checks the whole tree once with tsc.
 * Type-checking inside every transform (ts-jest's default) repeats that work per test file.
 *
 * Two workers: jest's default is one fewer than the cores, which is one on the project's
 * 2-core machines, and then a suite that waits on a child process (terraform, tsc, the app)
 * leaves a core idle. With two, the whole suite's wall time on such a machine fell from 224 s
 * to 156 s at the same load.
 */
module.exports = {
  testEnvironment: "node",
  maxWorkers: 2,
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  moduleFileExtensions: ["ts", "js", "json"],
};
