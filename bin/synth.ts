#!/usr/bin/env node
/**
 * `npm run synth`: writes cdktf.out exactly as `cdktf synth` would, by running cdktf.json's app
 * command the way the CLI does (lib/workflow/synth.ts), without the CLI's own start-up.
 */
import { runCli } from "../lib/cli";
import { synthesize } from "../lib/workflow/synth";

const USAGE = [
  "usage: npm run synth [-- --output <dir>]",
  "",
  "Synthesizes one Terraform stack per cluster of the tenants file (TENANTS_FILE, default",
  "tenants.yaml) into cdktf.out/stacks/<cluster>/cdk.tf.json, as `cdktf synth` does.",
  "  -o, --output <dir>  the output folder (default: cdktf.json's output, else cdktf.out)",
  "  -h, --help          this text",
  "Exit codes: 0 written; 1 the file is invalid (nothing written); 2 usage or an unexpected failure.",
  "",
].join("\n");

void runCli(async () => {
  const args = process.argv.slice(2);
  if (args.includes("-h") || args.includes("--help")) {
    process.stdout.write(USAGE);
    return 0;
  }
  let outdir: string | undefined;
  if (args.length === 2 && (args[0] === "--output" || args[0] === "-o")) outdir = args[1];
  else if (args.length === 1 && args[0]!.startsWith("--output=")) outdir = args[0]!.slice("--output=".length);
  else if (args.length > 0) {
    process.stderr.write(`error: unexpected arguments: ${args.join(" ")}\n${USAGE.split("\n")[0]}\n`);
    return 2;
  }
  const r = synthesize(process.cwd(), { outdir });
  if (r.status === 0) process.stdout.write(`Generated Terraform code for the stacks: ${r.stacks.join(", ")}\n`);
  return r.status;
});
