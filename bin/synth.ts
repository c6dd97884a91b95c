#!/usr/bin/env node
/**
 * `npm run synth`: writes cdktf.out exactly as `cdktf synth` would, by running cdktf.json's app
 * command the way the CLI does (lib/commands/synth.ts), without the CLI's own start-up.
 */
import { attachRuntimePatches } from "../lib/runtime/patches";
import type * as Cli from "../lib/commands/cli";
import type * as CliArgs from "../lib/commands/args";
import type * as Synth from "../lib/commands/synth";

attachRuntimePatches();
// Required, not imported, and only now: no import order, and no import sorter, can load the
// engine before the patches are attached (lib/runtime/patches.ts).
const { runCli } = require("../lib/commands/cli") as typeof Cli;
const { parseCommandArgs, UsageError } = require("../lib/commands/args") as typeof CliArgs;
const { synthesize } = require("../lib/commands/synth") as typeof Synth;

const USAGE = [
  "usage: npm run synth [-- [tenants file] [--file <tenants file>] [--output <dir>]]",
  "",
  "Synthesizes one Terraform stack per cluster of the tenants file (default: TENANTS_FILE, else",
  "tenants.yaml) into cdktf.out/stacks/<cluster>/cdk.tf.json, as `cdktf synth` does. Local state",
  "stays in terraform.<stack>.tfstate in the project root for any --output inside the project.",
  "  -o, --output <dir>  the output folder (default: cdktf.json's output, else cdktf.out)",
  "  -h, --help          this text",
  "Exit codes: 0 written; 1 the file is invalid (nothing written); 2 usage or an unexpected failure.",
  "",
].join("\n");

void runCli(async () => {
  let parsed;
  try {
    parsed = parseCommandArgs({ usage: USAGE.split("\n")[0]!, positionals: "file", options: { output: { type: "string", short: "o" } } }, process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`error: ${e.message}\n${USAGE.split("\n")[0]}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  // The app reads the file from TENANTS_FILE (main.ts).
  const env = parsed.named === undefined ? process.env : { ...process.env, TENANTS_FILE: parsed.named };
  const r = synthesize(process.cwd(), { outdir: parsed.values.output as string | undefined, env });
  if (r.status === 0) process.stdout.write(`Generated Terraform code for the stacks: ${r.stacks.join(", ")}\n`);
  return r.status;
});
