#!/usr/bin/env node
/**
 * `npm run adopt -- <cluster> [--file <tenants file>]`: records what already exists for the
 * tenants in imports/<cluster>.json. Exit 0: nothing to adopt; 1: recorded or to act on; 2: errors.
 */
import { renameSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { attachRuntimePatches } from "../lib/runtime/patches";
import type * as Cli from "../lib/commands/cli";
import type * as AdoptCommand from "../lib/commands/adopt-command";
import type * as LiveAws from "../lib/live/aws";

attachRuntimePatches();
// Required, not imported, and only now: no import order, and no import sorter, can load the
// engine before the patches are attached (lib/runtime/patches.ts).
const { runCli } = require("../lib/commands/cli") as typeof Cli;
const { runAdopt } = require("../lib/commands/adopt-command") as typeof AdoptCommand;
const { liveEksClient, liveIamClient } = require("../lib/live/aws") as typeof LiveAws;

// As in bin/drift.ts: one line per problem, not the SDK's eight-line Node 20 notice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

void runCli(() =>
  runAdopt(process.argv.slice(2), {
    eks: liveEksClient,
    iam: liveIamClient,
    // Loaded only when a tenant needs its service account checked.
    kube: (limits) => (require("../lib/live/kube") as typeof import("../lib/live/kube")).kubeTarget(limits),
    writeFile: (path, text) => {
      mkdirSync(dirname(path), { recursive: true });
      // Whole or not at all: a half-written imports file would fail the next synth.
      writeFileSync(`${path}.tmp`, text);
      renameSync(`${path}.tmp`, path);
    },
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }),
);
