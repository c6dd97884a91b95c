#!/usr/bin/env node
/**
 * `npm run adopt -- <cluster> [--file <tenants file>]`: records what already exists for the
 * tenants in imports/<cluster>.json. Exit 0: nothing to adopt; 1: recorded or to act on; 2: errors.
 */
import { renameSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { runCli } from "../lib/commands/cli";
import { runAdopt } from "../lib/commands/adopt-command";
import { liveEksClient, liveIamClient } from "../lib/live/aws";

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
