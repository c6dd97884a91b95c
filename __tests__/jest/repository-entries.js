// @ts-check
/**
 * Every file and folder of the checkout, but for what builds and installs make (dist/,
 * node_modules/, .git). Walked rather than asked of git: git does not list an empty folder,
 * and cdktf's App leaves exactly that (<outdir>/stacks).
 */
const { readdirSync } = require("node:fs");
const { join } = require("node:path");

const ROOT = join(__dirname, "..", "..");
const SKIPPED = new Set([".git", "node_modules", "dist"]);

/** @returns {Set<string>} paths relative to the checkout, folders with a trailing "/" */
function repositoryEntries() {
  const out = new Set();
  /** @param {string} rel */
  const walk = (rel) => {
    for (const e of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
      if (rel === "" && SKIPPED.has(e.name)) continue;
      const path = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        out.add(`${path}/`);
        walk(path);
      } else out.add(path);
    }
  };
  walk("");
  return out;
}

module.exports = { repositoryEntries };
