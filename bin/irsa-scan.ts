#!/usr/bin/env node
/**
 * `npm run irsa-scan -- <cluster> [--file <tenants file>]`: YAML tenant entries for the
 * cluster's IRSA service accounts. Exit 0: none; 1: entries printed; 2: errors.
 */
import { runCli } from "../lib/commands/cli";
import { liveEksClient } from "../lib/live/aws";
import { runIrsaScan } from "../lib/commands/irsa-scan-command";

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
