/**
 * The test run's temporary folder (__tests__/jest/global-setup.js): every temporary file of a
 * test, of cdktf and of the processes a test starts goes under one folder that the run removes,
 * so `npm test` leaves nothing in the system's temporary folder.
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname } from "node:path";
import { Testing } from "cdktf";

const runDir = process.env.EKS_PI_TEST_RUN_TMPDIR;

it("runs with a temporary folder of its own", () => {
  expect(runDir).toMatch(/eks-pi-jest-/);
  expect(tmpdir()).toBe(runDir);
});

it("puts cdktf's test app folders in it", () => {
  const outdir = Testing.app().outdir;
  expect(dirname(outdir)).toBe(runDir);
  expect(existsSync(outdir)).toBe(true);
});
