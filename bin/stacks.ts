#!/usr/bin/env node
/** `npm run stacks -- [--format text|json] [--max-calls <n>] [file]`: see lib/commands/stacks-command.ts. */
import { runCli } from "../lib/commands/cli";
import { tenantsFileFromEnv } from "../lib/runtime/tenants-file-env";
import { runStacks } from "../lib/commands/stacks-command";
import { buildStacks } from "../stacks/build-stacks";

void runCli(() => runStacks(process.argv.slice(2), tenantsFileFromEnv(), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }, buildStacks));
