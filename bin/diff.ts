#!/usr/bin/env node
/** `npm run diff -- [stack ...] [--parallelism <n>]`: see lib/workflow/stack-commands.ts. */
import { runCli } from "../lib/cli";
import { runStackCommand } from "../lib/workflow/stack-commands";

void runCli(() => runStackCommand("diff", process.argv.slice(2), process.cwd(), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }));
