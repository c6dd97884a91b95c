#!/usr/bin/env node
/** `npm run deploy -- [stack ...] [--parallelism <n>]`: see lib/commands/stack-commands.ts. */
import { attachRuntimePatches } from "../lib/runtime/patches";
import type * as Cli from "../lib/commands/cli";
import type * as StackCommands from "../lib/commands/stack-commands";

attachRuntimePatches();
// Required, not imported, and only now: no import order, and no import sorter, can load the
// engine before the patches are attached (lib/runtime/patches.ts).
const { runCli } = require("../lib/commands/cli") as typeof Cli;
const { runStackCommand } = require("../lib/commands/stack-commands") as typeof StackCommands;

void runCli(() => runStackCommand("deploy", process.argv.slice(2), process.cwd(), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }));
