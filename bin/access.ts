#!/usr/bin/env node
/**
 * `npm run access -- <tenants file> [--base <older file>] [--format json|md|mermaid|html]`: who may do
 * what, and what a change gains and loses (lib/commands/access-command.ts).
 */
import { attachRuntimePatches } from "../lib/runtime/patches";
import type * as Cli from "../lib/commands/cli";
import type * as AccessCommand from "../lib/commands/access-command";
import type * as BuildStacks from "../stacks/build-stacks";

attachRuntimePatches();
// Required, not imported, and only now: no import order, and no import sorter, can load the
// engine before the patches are attached (lib/runtime/patches.ts).
const { runCli } = require("../lib/commands/cli") as typeof Cli;
const { runAccess } = require("../lib/commands/access-command") as typeof AccessCommand;
const { buildStacks } = require("../stacks/build-stacks") as typeof BuildStacks;

void runCli(() =>
  runAccess(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }, buildStacks),
);
