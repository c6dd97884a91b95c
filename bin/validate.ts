#!/usr/bin/env node
/** `npm run validate -- [--format text|json] [file ...]`: see lib/validate/command.ts. */
import { runCli } from "../lib/cli";
import { tenantsFileFromEnv } from "../lib/runtime/tenants-file-env";
import { runValidate } from "../lib/validate/command";

void runCli(() => runValidate(process.argv.slice(2), tenantsFileFromEnv(), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }));
