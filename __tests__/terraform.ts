/**
 * Real `terraform` for the tests that need it: the template round trip and validate/plan of
 * each stack's AWS part. Where the binary (or the provider mirror) is missing, those tests print
 * one line and do not run; `.ci/run` sets REQUIRE_TERRAFORM=1, which turns a missing binary or
 * mirror into a failing test instead.
 */
import { spawn, spawnSync } from "node:child_process";
import { pluginMirror, terraformEnv } from "../bench/plan/terraform-env";

export { pluginMirror, terraformEnv };

export const TERRAFORM_REQUIRED = process.env.REQUIRE_TERRAFORM === "1";

/** The terraform binary on the PATH, or undefined. */
export function terraformBinary(): string | undefined {
  const r = spawnSync("terraform", ["version"], { env: terraformEnv(), encoding: "utf8" });
  return r.status === 0 ? "terraform" : undefined;
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
