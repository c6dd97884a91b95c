/**
 * `npm run access -- <tenants file> [--base <older file>] [--format json|md|mermaid]`: who may do
 * what, and what a change gains and loses (lib/access/command.ts).
 */
// First: defers modules that cdktf and zod load eagerly and the stacks never use (as main.ts).
import "../lib/runtime/defer-unused-modules";
import { runCli } from "../lib/cli";
import { runAccess } from "../lib/access/command";

void runCli(() =>
  runAccess(process.argv.slice(2), {
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }),
);
