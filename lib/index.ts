/**
 * The construct library: use the constructs directly, or drive them from a tenants file. One
 * line per module; what a construct user needs, with the types its props name, and nothing the
 * constructs only use inside.
 */

// First: under CDK Terrain, `cdktf` must load `cdktn` (lib/runtime/engine.ts).
import "./runtime/engine";

// The constructs, and the types their props name.
export { PodIdentityAgent, AGENT_ADDON_NAME, AGENT_CHART_NAME, type PodIdentityAgentProps } from "./constructs/pod-identity-agent";
export { type AgentChartSource } from "./aws/agent-chart";
export { importExisting, TenantIdentity, type ExistingTenantResources, type TenantIdentityProps } from "./constructs/tenant-identity";
export { SharedRole, type SharedRoleProps, type SharedRoleMember } from "./constructs/shared-role";
export type { SessionPolicyProps } from "./constructs/session-policy";
export { addPodIdentityRole, type RoleSettings } from "./constructs/pod-identity-role";
export { RolePermissions, type RolePermissionsProps } from "./constructs/role-permissions";
export { EksCluster, type EksClusterProps, type ClusterProps } from "./constructs/eks-cluster";
export type { GrantableResource, GrantOptions, ReadableResource, WritableResource } from "./constructs/resource-grants";
export { GrantPrincipal } from "./constructs/grant-principal";
export type { Tags } from "./policy/permission-types";
export { AddonIdentity, type AddonIdentityProps } from "./constructs/addon-identity";
export { KNOWN_ADDONS, type KnownAddon } from "./aws/known-addons";
export { ControllerIdentity, type ControllerIdentityProps } from "./constructs/controller-identity";
export { CONTROLLER_NAMES, type ControllerConfig, type ControllerInput, type ControllerName } from "./policy/controllers/controller-types";
export { SmokeTest, type SmokeTestProps } from "./constructs/smoke-test";
export type { PolicyStatement } from "./policy/statement";
export type { ArnEnvironment } from "./aws/arn-environment";
export { SESSION_TAG_VARIABLES } from "./policy/abac";
// The constructs check statements synchronously; this checks their actions against the IAM catalogue (docs/security.md).
export { checkStatementActions } from "./policy/lint";

// From a tenants file to one stack per cluster (and per stack group).
// Grant, StatementConfig and SharedRoleConfig are the input forms (z.input): fields with a default may be left out, as in the file.
export { tenantsFileSchema, type Config, type Cluster, type Tenant, type TenantsFileInput, type GrantInput as Grant, type StatementInput as StatementConfig, type SharedRoleInput as SharedRoleConfig } from "./schema/schema";
export { loadTenantsFile, parseTenantsText, TenantsFileUnreadable, type LoadResult } from "./file/load";
export { formatProblem, type Problem } from "./diagnostics/problems";
export { defaultRoleName } from "./aws/role-name";
export { planClusters, type ClusterPlan, type TenantPlan } from "./plan/plan";
export { planStacks, type ClusterStacksPlan, type GroupPlan } from "./plan/stack-plan";
export { buildStacks } from "../stacks/build-stacks";
export { ClusterStack, type ClusterStackProps } from "../stacks/cluster-stack";
export { GroupStack, type GroupStackProps } from "../stacks/group-stack";
