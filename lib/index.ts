/** The construct library: use the constructs directly, or drive them from a tenants file. */
export { PodIdentityAgent, AGENT_ADDON_NAME, AGENT_CHART_NAME, type PodIdentityAgentProps } from "./constructs/pod-identity-agent";
export { type AgentChartSource } from "./config/agent-chart";
export { TenantIdentity, type TenantIdentityProps } from "./constructs/tenant-identity";
export { addPodIdentityRole, attachmentId, type RoleSettings } from "./constructs/pod-identity-role";
export { AddonIdentity, type AddonIdentityProps } from "./constructs/addon-identity";
export { SmokeTest, SMOKE_TEST_IMAGE, SMOKE_TEST_SCRIPT, type SmokeTestProps } from "./constructs/smoke-test";
export { KNOWN_ADDONS, knownAddonPolicyArns, type KnownAddon } from "./config/known-addons";
export { terraformLiteral, terraformJsonLiteral } from "./constructs/terraform-literal";
export { ClusterStack, type ClusterStackProps } from "../stacks/cluster-stack";
export { buildStacks } from "../stacks/build-stacks";
export { loadTenantsFile, parseTenantsText, TenantsFileUnreadable, type LoadResult } from "./config/load";
export { planClusters, type ClusterPlan, type TenantPlan } from "./config/plan";
export { formatProblem, type Problem } from "./config/problems";
export { defaultRoleName } from "./config/role-name";
export { tenantsFileSchema, type Config, type Cluster, type Tenant, type TenantsFileInput } from "./config/schema";
export { podIdentityTrustStatement, POD_IDENTITY_PRINCIPAL, TRUST_ACTIONS, TRUST_SID } from "./policy/trust";
export { SharedRole, type SharedRoleProps, type SharedRoleMember } from "./constructs/shared-role";
export { RolePermissions, type RolePermissionsProps } from "./constructs/role-permissions";
export { grantStatements, GRANT_KINDS } from "./policy/grants";
export { checkStatementActions } from "./policy/lint";
export { permissionStatements, INLINE_POLICY_NAME } from "./policy/permissions";
export { SESSION_TAG_VARIABLES } from "./policy/abac";
export type { PolicyStatement, ArnEnvironment } from "./policy/model";
// Input forms (z.input): fields with a default may be left out, as in the tenants file.
export type { GrantInput as Grant, StatementInput as StatementConfig, SharedRoleInput as SharedRoleConfig } from "./config/schema";
export { SCOPE_CONDITION_KEYS, type TrustScope } from "./policy/trust";
export { accessReport, ACCOUNT_PLACEHOLDER, type AccessReport, type Identity, type IdentityKind, type Permission } from "./access/model";
