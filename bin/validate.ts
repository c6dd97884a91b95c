#!/usr/bin/env node
/** `npm run validate -- [--format text|json] [file ...]`: see lib/commands/validate-command.ts. */
import { attachRuntimePatches } from "../lib/runtime/patches";
import type * as Cli from "../lib/commands/cli";
import type * as TenantsFileEnv from "../lib/runtime/tenants-file-env";
import type * as ValidateCommand from "../lib/commands/validate-command";

attachRuntimePatches();
// Required, not imported, and only now: no import order, and no import sorter, can load the
// engine before the patches are attached (lib/runtime/patches.ts).
const { runCli } = require("../lib/commands/cli") as typeof Cli;
const { tenantsFileFromEnv } = require("../lib/runtime/tenants-file-env") as typeof TenantsFileEnv;
const { runValidate } = require("../lib/commands/validate-command") as typeof ValidateCommand;

void runCli(() => runValidate(process.argv.slice(2), tenantsFileFromEnv(), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }));
