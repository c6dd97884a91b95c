#!/usr/bin/env node
/** `npm run stacks -- [--format text|json] [--max-calls <n>] [file]`: see lib/commands/stacks-command.ts. */
import { attachRuntimePatches } from "../lib/runtime/patches";
import type * as Cli from "../lib/commands/cli";
import type * as TenantsFileEnv from "../lib/runtime/tenants-file-env";
import type * as StacksCommand from "../lib/commands/stacks-command";
import type * as BuildStacks from "../stacks/build-stacks";

attachRuntimePatches();
// Required, not imported, and only now: no import order, and no import sorter, can load the
// engine before the patches are attached (lib/runtime/patches.ts).
const { runCli } = require("../lib/commands/cli") as typeof Cli;
const { tenantsFileFromEnv } = require("../lib/runtime/tenants-file-env") as typeof TenantsFileEnv;
const { runStacks } = require("../lib/commands/stacks-command") as typeof StacksCommand;
const { buildStacks } = require("../stacks/build-stacks") as typeof BuildStacks;

void runCli(() => runStacks(process.argv.slice(2), tenantsFileFromEnv(), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }, buildStacks));
