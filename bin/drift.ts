#!/usr/bin/env node
/**
 * `npm run drift -- <cluster> [--file <tenants file>]`: live Pod Identity associations against
 * the tenants file (TENANTS_FILE by default). Exit 0: no drift; 1: drift; 2: usage, file or AWS error.
 */
import { attachRuntimePatches } from "../lib/runtime/patches";
import type * as Cli from "../lib/commands/cli";
import type * as DriftCommand from "../lib/commands/drift-command";
import type * as LiveAws from "../lib/live/aws";
import type * as AssociationAddresses from "../stacks/association-addresses";

attachRuntimePatches();
// Required, not imported, and only now: no import order, and no import sorter, can load the
// engine before the patches are attached (lib/runtime/patches.ts).
const { runCli } = require("../lib/commands/cli") as typeof Cli;
const { runDrift } = require("../lib/commands/drift-command") as typeof DriftCommand;
const { liveEksClient } = require("../lib/live/aws") as typeof LiveAws;
const { associationAddresses } = require("../stacks/association-addresses") as typeof AssociationAddresses;

// The SDK warns, in eight lines, that releases after January 2027 will need Node 22. This
// project pins its SDK version and supports Node 20 (package.json engines), and the drift
// check promises one line per problem; the notice stays available by setting the variable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

void runCli(() =>
  runDrift(process.argv.slice(2), {
    client: liveEksClient,
    addresses: associationAddresses,
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }),
);
