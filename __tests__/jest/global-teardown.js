// @ts-check
/**
 * Removes the run's temporary folder (global-setup.js) and fails the run when a test left a new
 * file or folder in the repository: a test writes under the temporary folder, never in the
 * checkout (cdktf's App makes <outdir>/stacks in its constructor, so even an App that is never
 * synthesized needs an outdir there).
 */
const { rmSync } = require("node:fs");
const { RUN_TMPDIR, TEMP_VARIABLES } = require("./global-setup");
const { repositoryEntries } = require("./repository-entries");

module.exports = async function globalTeardown() {
  const dir = process.env[RUN_TMPDIR];
  if (!dir) return;
  delete process.env[RUN_TMPDIR];
  const run = globalThis.__eksPiTestRun;
  for (const name of TEMP_VARIABLES) {
    const value = run?.variables[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  rmSync(dir, { recursive: true, force: true });
  const before = run?.entriesBefore;
  if (!before) return;
  const after = repositoryEntries();
  /** "a/b/" and "a/c" are in "a/"; a top-level entry's folder is "". */
  const folderOf = (/** @type {string} */ e) => e.replace(/[^/]+\/?$/, "");
  // A new folder stands for everything in it.
  const added = [...after].filter((e) => !before.has(e) && (folderOf(e) === "" || before.has(folderOf(e))));
  if (added.length > 0) {
    throw new Error(`the tests left ${added.length === 1 ? "this" : "these"} in the repository: ${added.join(", ")}; write under os.tmpdir() (__tests__/temp-dir.ts) instead`);
  }
};
