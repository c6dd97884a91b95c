#!/usr/bin/env node
/** `npm run diff -- [stack ...] [--parallelism <n>]`: see lib/commands/stack-commands.ts. */
import { runCli } from "../lib/commands/cli";
import { runStackCommand } from "../lib/commands/stack-commands";

void runCli(() => runStackCommand("diff", process.argv.slice(2), process.cwd(), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }));
