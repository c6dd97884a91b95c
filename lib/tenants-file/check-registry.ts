/**
 * Every rule over a whole tenants file, in one list. It lives apart from lib/config and
 * lib/policy because it takes checks from both: lib/config knows the file, lib/policy knows IAM
 * policies, and neither imports this list back.
 */
import { deployRoles } from "../config/account-checks";
import { ADDON_CHECKS } from "../config/addon-checks";
import { agentModes } from "../config/agent-checks";
import { ARN_CHECKS } from "../config/arn-checks";
import { objectMemberNames } from "../config/construct-id-names";
import { KUBERNETES_CHECKS } from "../config/kubernetes-checks";
import { KUBERNETES_METADATA_CHECKS } from "../config/kubernetes-metadata";
import { MANAGED_POLICY_CHECKS } from "../config/managed-policies";
import { NAME_AND_QUOTA_CHECKS } from "../config/name-and-quota-checks";
import { clusterNameCollisions } from "../config/name-collisions";
import { smokeTestJobNames } from "../config/job-name-checks";
import { NAMESPACE_CHECKS } from "../config/namespace-checks";
import { error, type Check, type Finding } from "../config/problems";
import { planSizeFindings } from "../config/plan-size-checks";
import { podIdentityRegions } from "../config/region-checks";
import type { Config } from "../config/schema";
import { STACK_CHECKS } from "../config/stack-checks";
import { TAG_CHECKS } from "../config/tag-checks";
import { CONTROLLER_CHECKS } from "../policy/controllers/controller-checks";
import { IRSA_CHECKS } from "../policy/irsa-checks";
import { POLICY_CHECKS } from "../policy/least-privilege-checks";
import { roleQuota } from "../config/role-quota";

/**
 * Loaded only for files with shared roles: its five modules (placeholder boundaries, glob
 * overlap) would otherwise be compiled by every synth.
 */
const sharedRoleScoping: Check = (c) =>
  c.sharedRoles.length === 0 ? [] : (require("../policy/shared-role-checks") as typeof import("../policy/shared-role-checks")).sharedRoleScoping(c);

/** Every cross-field check; later issues add theirs here. */
export const CHECKS: ReadonlyArray<Check> = [
  ...NAME_AND_QUOTA_CHECKS,
  ...TAG_CHECKS,
  ...ARN_CHECKS,
  ...MANAGED_POLICY_CHECKS,
  ...KUBERNETES_CHECKS,
  ...KUBERNETES_METADATA_CHECKS,
  agentModes,
  ...ADDON_CHECKS,
  ...CONTROLLER_CHECKS,
  ...POLICY_CHECKS,
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
