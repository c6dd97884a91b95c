#!/usr/bin/env node
/**
 * `npm run access -- <tenants file> [--base <older file>] [--format json|md|mermaid|html]`: who may do
 * what, and what a change gains and loses (lib/commands/access-command.ts).
 */
// First: under CDK Terrain, `cdktf` must load `cdktn` (lib/runtime/engine.ts).
import "../lib/runtime/engine";
// First: the app's speed patches (lib/runtime/preload.ts), since this command builds the same stacks.
import "../lib/runtime/preload";
import { runCli } from "../lib/commands/cli";
import { runAccess } from "../lib/commands/access-command";
import { buildStacks } from "../stacks/build-stacks";

void runCli(() =>
  runAccess(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }, buildStacks),
);
