#!/usr/bin/env node
/** `npm run validate -- [--format text|json] [file ...]`: see lib/commands/validate-command.ts. */
import { runCli } from "../lib/commands/cli";
import { tenantsFileFromEnv } from "../lib/runtime/tenants-file-env";
import { runValidate } from "../lib/commands/validate-command";

void runCli(() => runValidate(process.argv.slice(2), tenantsFileFromEnv(), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }));
