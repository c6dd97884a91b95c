/**
 * Import blocks need Terraform 1.5 or later (https://developer.hashicorp.com/terraform/language/import),
 * and cdktf's `importFrom` checks that at synth time by running `terraform version` (the
 * binary named by TERRAFORM_BINARY_NAME, else `terraform`). Without the binary, cdktf fails
 * with a multi-line validation error after creating its output folder; checking first turns
 * that into one line and nothing written.
 */
import { spawnSync } from "node:child_process";

/** Why the import blocks cannot be synthesized here, or undefined when they can. */
export function importBlocksProblem(importsFiles: ReadonlyArray<string>): string | undefined {
  if (importsFiles.length === 0) return undefined;
  const binary = process.env.TERRAFORM_BINARY_NAME || "terraform";
  const r = spawnSync(binary, ["version"], { encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
  const version = r.status === 0 ? /(\d+)\.(\d+)\.(\d+)/.exec(r.stdout ?? "") : null;
  const needs = `${importsFiles.join(", ")} asks for import blocks, which need Terraform 1.5 or later on the PATH at synth time (cdktf runs ${binary} version)`;
  if (!version) return `${needs}, and ${binary} could not be run: install Terraform, or delete the imports file`;
  const [major, minor] = [Number(version[1]), Number(version[2])];
  if (major < 1 || (major === 1 && minor < 5)) return `${needs}, and ${binary} is ${version[0]}: upgrade Terraform`;
  return undefined;
}
