/**
 * Every rule over a whole tenants file, in one list. The loader (lib/file/load.ts) runs it after
 * the schema; the checks read the schema's types, the plan and the IAM policies, and nothing
 * below imports this list back.
 */
import { deployRoles } from "./account-checks";
import { ADDON_CHECKS } from "./addon-checks";
import { agentModes } from "./agent-checks";
import { ARN_CHECKS } from "./arn-checks";
import { objectMemberNames } from "./construct-id-names";
import { KUBERNETES_CHECKS } from "./kubernetes-checks";
import { MANAGED_POLICY_CHECKS } from "./managed-policies";
import { NAME_AND_QUOTA_CHECKS } from "./name-and-quota-checks";
import { clusterNameCollisions } from "./name-collisions";
import { smokeTestJobNames } from "./job-name-checks";
import { NAMESPACE_CHECKS } from "./namespace-checks";
import { error, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { planSizeFindings } from "./plan-size-checks";
import { podIdentityRegions } from "./region-checks";
import type { Config } from "../schema/schema";
import { STACK_CHECKS } from "./stack-checks";
import { TAG_CHECKS } from "./tag-checks";
import { CONTROLLER_CHECKS } from "./controller-checks";
import { IRSA_CHECKS } from "./irsa-checks";
import { POLICY_CHECKS } from "./least-privilege-checks";
import { roleQuota } from "./role-quota";
import { SESSION_POLICY_CHECKS } from "./session-policy-checks";

/**
 * Loaded only for files with shared roles: its five modules (placeholder boundaries, glob
 * overlap) would otherwise be compiled by every synth.
 */
const sharedRoleScoping: Check = (c) =>
  c.sharedRoles.length === 0 ? [] : (require("./shared-role-checks") as typeof import("./shared-role-checks")).sharedRoleScoping(c);

/** Every cross-field check; later issues add theirs here. */
export const CHECKS: ReadonlyArray<Check> = [
  ...NAME_AND_QUOTA_CHECKS,
  ...TAG_CHECKS,
  ...ARN_CHECKS,
  ...MANAGED_POLICY_CHECKS,
  ...KUBERNETES_CHECKS,
  agentModes,
  ...ADDON_CHECKS,
  ...CONTROLLER_CHECKS,
  ...POLICY_CHECKS,
  ...SESSION_POLICY_CHECKS,
  sharedRoleScoping,
  ...IRSA_CHECKS,
  podIdentityRegions,
  clusterNameCollisions,
  smokeTestJobNames,
  objectMemberNames,
  ...STACK_CHECKS,
  ...NAMESPACE_CHECKS,
  planSizeFindings,
  deployRoles,
  roleQuota,
];

export async function checkConfig(config: Config): Promise<Finding[]> {
  const results = await Promise.all(CHECKS.map((check) => check(config)));
  const findings = results.flat();
  // strict: true makes every warning an error.
  return config.strict ? findings.map((f) => (f.severity === "warning" ? error(f.path, `${f.message} (an error because strict is true)`) : f)) : findings;
}
