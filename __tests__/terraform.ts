/**
 * Real `terraform` for the tests that need it: the template round trip and validate/plan of
 * each stack's AWS part. Where the binary (or the provider mirror) is missing, those tests print
 * one line and do not run; `.ci/run` sets REQUIRE_TERRAFORM=1, which turns a missing binary or
 * mirror into a failing test instead.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const TERRAFORM_REQUIRED = process.env.REQUIRE_TERRAFORM === "1";

/** The terraform binary on the PATH, or undefined. */
export function terraformBinary(): string | undefined {
  const r = spawnSync("terraform", ["version"], { env: terraformEnv(), encoding: "utf8" });
  return r.status === 0 ? "terraform" : undefined;
}

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
 * provider's whole schema, mostly garbage; with the default of 100 a plan of these suites spent
 * about a third of its CPU time in the collector (63 s of CPU time became 46 s, each process
 * peaking at 0.4-0.8 GB). Only the time changes: what terraform plans is the same.
 */
export function terraformEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GOGC: process.env.GOGC ?? "400", CHECKPOINT_DISABLE: "1", TF_IN_AUTOMATION: "1", ...extra };
  delete env.TF_CLI_CONFIG_FILE;
  return env;
}

export interface TerraformRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs terraform asynchronously: a stand-in API served by the test's own process could not
 * answer a synchronous spawn.
 */
export function terraform(args: string[], cwd: string, extraEnv: Record<string, string> = {}): Promise<TerraformRun> {
  return new Promise((resolve, reject) => {
    const child = spawn("terraform", args, { cwd, env: terraformEnv(extraEnv), stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Whether the tests that need `what` (terraform alone, or terraform and the AWS provider
 * mirror) can run here. When they cannot, prints one line saying so and returns false; the
 * caller then defines `requiredTerraformTest()` in place of its tests, which fails under
 * REQUIRE_TERRAFORM=1.
 */
export function terraformAvailable(what: "terraform" | "terraform and the AWS provider mirror", suite: string): boolean {
  const missing = terraformBinary() === undefined ? "terraform is not on the PATH" : what !== "terraform" && pluginMirror() === undefined ? "TF_PLUGIN_MIRROR does not name a mirror of the AWS provider" : undefined;
  if (missing === undefined) return true;
  process.stdout.write(`${suite}: not run: ${missing}\n`);
  return false;
}

/** The one test of a suite that could not run: fails where terraform is required (CI). */
export function requiredTerraformTest(suite: string): void {
  test(`${suite} runs wherever REQUIRE_TERRAFORM=1`, () => {
    expect(TERRAFORM_REQUIRED).toBe(false);
  });
}
