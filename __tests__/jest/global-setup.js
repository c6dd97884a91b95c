// @ts-check
/**
 * Gives the test run its own temporary folder. os.tmpdir() reads TMPDIR on every call, and the
 * workers and every process they start inherit it, so whatever a test or cdktf puts in the
 * temporary folder (Testing.app() makes a cdktf.outdir.* folder per app and never removes it)
 * lands here, and global-teardown.js removes it all. Also notes the repository's untracked and
 * ignored entries, which the teardown compares.
 *
 * jest runs a global hook once per project that has tests in the run: the second call finds
 * the folder made and does nothing.
 */
const { mkdtempSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const { repositoryEntries } = require("./repository-entries");

/** The variable that names the run's folder; set once per run. */
const RUN_TMPDIR = "EKS_PI_TEST_RUN_TMPDIR";
/** What os.tmpdir() reads: TMPDIR on POSIX, TMP and TEMP on Windows. */
const TEMP_VARIABLES = ["TMPDIR", "TMP", "TEMP"];

module.exports = async function globalSetup() {
  if (process.env[RUN_TMPDIR]) return;
  const dir = mkdtempSync(join(tmpdir(), "eks-pi-jest-"));
  globalThis.__eksPiTestRun = { variables: Object.fromEntries(TEMP_VARIABLES.map((n) => [n, process.env[n]])), entriesBefore: repositoryEntries() };
  process.env[RUN_TMPDIR] = dir;
  for (const name of TEMP_VARIABLES) process.env[name] = dir;
};
module.exports.RUN_TMPDIR = RUN_TMPDIR;
module.exports.TEMP_VARIABLES = TEMP_VARIABLES;
