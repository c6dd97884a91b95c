/**
 * How the plan benchmark and the real-terraform tests run `terraform`: the provider mirror, and
 * an environment without the machines' CLI configuration and telemetry.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The filesystem mirror that holds registry.terraform.io/hashicorp/aws/<version>/, from
 * TF_PLUGIN_MIRROR (set by .ci/run), or undefined when it is not set or does not hold the AWS
 * provider.
 */
export function pluginMirror(): string | undefined {
  const dir = process.env.TF_PLUGIN_MIRROR;
  return dir && existsSync(join(dir, "registry.terraform.io", "hashicorp", "aws")) ? dir : undefined;
}

/**
 * No CLI config (the machines' TF_CLI_CONFIG_FILE names a missing file), no telemetry.
 *
 * GOGC=400 (unless set already) lets terraform and its provider processes, which inherit the
 * environment, grow their heaps further between garbage collections (Go runtime documentation,
 * https://pkg.go.dev/runtime#hdr-Environment_Variables). Each AWS provider process builds the
 * provider's whole schema, mostly garbage; with the default of 100 a plan of the test suites spent
 * about a third of its CPU time in the collector (63 s of CPU time became 46 s, each process
 * peaking at 0.4-0.8 GB). Only the time changes: what terraform plans is the same.
 */
export function terraformEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GOGC: process.env.GOGC ?? "400", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...extra };
  delete env.TF_CLI_CONFIG_FILE;
  return env;
}
