/**
 * The names of the smoke-test Jobs, apart from the Job construct: the tenants-file check that no
 * two Jobs of a namespace share a name needs them without loading the Job's large provider class.
 */
import { createHash } from "node:crypto";

/** Every smoke-test Job's name starts with this. */
export const SMOKE_TEST_PREFIX = "pod-identity-smoke-test-";

/**
 * A Job's name is at most 63 characters, since Kubernetes copies it into the Pod label
 * `job-name` (Kubernetes docs, Jobs: https://kubernetes.io/docs/concepts/workloads/controllers/job/#writing-a-job-spec).
 * `name` itself when it fits, else cut with a hash of the whole.
 */
export function fitJobName(name: string): string {
  if (name.length <= 63) return name;
  return `${name.slice(0, 54).replace(/-+$/, "")}-${createHash("sha256").update(name).digest("hex").slice(0, 8)}`;
}

/** A tenant's Job (`<prefix><construct id of the tenant>`), as SmokeTest names it by default. */
export function tenantSmokeTestJobName(scopeId: string): string {
  return fitJobName(`${SMOKE_TEST_PREFIX}${scopeId}`);
}

/** A controller's Job. Controller names are at most 28 characters, so this fits in 63. */
export function controllerSmokeTestJobName(controller: string): string {
  return `${SMOKE_TEST_PREFIX}controller-${controller}`;
}
