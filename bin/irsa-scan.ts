#!/usr/bin/env node
/**
 * `npm run irsa-scan -- <cluster> [--file <tenants file>]`: YAML tenant entries for the
 * cluster's IRSA service accounts. Exit 0: none; 1: entries printed; 2: errors.
 */
import { attachRuntimePatches } from "../lib/runtime/patches";
import type * as Cli from "../lib/commands/cli";
import type * as LiveAws from "../lib/live/aws";
import type * as IrsaScanCommand from "../lib/commands/irsa-scan-command";

attachRuntimePatches();
// Required, not imported, and only now: no import order, and no import sorter, can load the
// engine before the patches are attached (lib/runtime/patches.ts).
const { runCli } = require("../lib/commands/cli") as typeof Cli;
const { liveEksClient } = require("../lib/live/aws") as typeof LiveAws;
const { runIrsaScan } = require("../lib/commands/irsa-scan-command") as typeof IrsaScanCommand;

// As in bin/drift.ts: one line per problem, not the SDK's eight-line Node 20 notice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

void runCli(() =>
  runIrsaScan(process.argv.slice(2), {
    eks: liveEksClient,
    kube: (limits) => (require("../lib/live/kube") as typeof import("../lib/live/kube")).kubeTarget(limits),
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }),
);
