/** The construct library: use the constructs directly, or drive them from a tenants file. */
export { PodIdentityAgent, AGENT_ADDON_NAME, AGENT_CHART_NAME, AGENT_CHART_REPOSITORY, type PodIdentityAgentProps } from "./constructs/pod-identity-agent";
export { TenantIdentity, type TenantIdentityProps } from "./constructs/tenant-identity";
export { AddonIdentity, type AddonIdentityProps } from "./constructs/addon-identity";
export { SmokeTest, SMOKE_TEST_IMAGE, SMOKE_TEST_SCRIPT, type SmokeTestProps } from "./constructs/smoke-test";
export { KNOWN_ADDONS, type KnownAddon } from "./config/known-addons";
export { ClusterStack, type ClusterStackProps } from "../stacks/cluster-stack";
export { buildStacks } from "../stacks/build-stacks";
export { loadTenantsFile, parseTenantsText, TenantsFileUnreadable, type LoadResult } from "./config/load";
export { planClusters, type ClusterPlan, type TenantPlan } from "./config/plan";
export { formatProblem, type Problem } from "./config/problems";
export { defaultRoleName } from "./config/role-name";
export { tenantsFileSchema, type Config, type Cluster, type Tenant, type TenantsFileInput } from "./config/schema";
export { podIdentityTrustStatement, POD_IDENTITY_PRINCIPAL, TRUST_ACTIONS, TRUST_SID } from "./policy/trust";
