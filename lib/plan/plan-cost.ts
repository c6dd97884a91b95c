/**
 * What refreshing a stack costs: `terraform plan` reads every resource and data source of the
 * state again (https://developer.hashicorp.com/terraform/cli/commands/plan, "refresh"), through
 * the provider's Read function, before it plans anything.
 *
 * API calls per Read, counted in the providers' sources:
 * - aws_iam_role (terraform-provider-aws internal/service/iam/role.go, resourceRoleRead):
 *   GetRole, ListRolePolicies, one GetRolePolicy per inline policy of the role, and
 *   ListAttachedRolePolicies. Here an inline policy is an aws_iam_role_policy of the same stack,
 *   so each one adds a GetRolePolicy to its role's Read.
 * - aws_iam_role_policy (iam/role_policy.go): GetRolePolicy.
 * - aws_iam_role_policy_attachment (iam/role_policy_attachment.go,
 *   findAttachedRolePolicyByTwoPartKey): ListAttachedRolePolicies (one page: a role has at most 20).
 * - aws_eks_pod_identity_association (eks/pod_identity_association.go,
 *   findPodIdentityAssociationByTwoPartKey): DescribePodIdentityAssociation.
 * - aws_eks_addon (eks/addon.go): DescribeAddon.
 * - data aws_eks_cluster: DescribeCluster; data aws_caller_identity: GetCallerIdentity;
 *   data aws_eks_addon_version: DescribeAddonVersions; data aws_iam_policy_document,
 *   aws_partition and aws_region are computed without a call.
 * - kubernetes_* (terraform-provider-kubernetes): one GET of the object.
 * - anything else: counted as one call, a floor.
 * The AWS provider itself calls sts:GetCallerIdentity once per stack when it is configured (to
 * check allowed_account_ids): one more call.
 */

export interface StackJson {
  readonly resource?: Record<string, Record<string, unknown>>;
  readonly data?: Record<string, Record<string, unknown>>;
}

export interface PlanCost {
  /** Managed resources (what the state holds). */
  readonly resources: number;
  readonly dataSources: number;
  /** Estimated API calls to refresh the stack: AWS and Kubernetes. */
  readonly refreshCalls: number;
  /** The IAM share of refreshCalls: the calls that every plan in the account makes to the same service. */
  readonly iamCalls: number;
}

/** [calls per Read, of which IAM] by resource type. */
const RESOURCE_CALLS: Record<string, readonly [number, number]> = {
  aws_iam_role: [3, 3],
  aws_iam_role_policy: [1, 1],
  aws_iam_role_policy_attachment: [1, 1],
  aws_eks_pod_identity_association: [1, 0],
  aws_eks_addon: [1, 0],
};
const DATA_CALLS: Record<string, readonly [number, number]> = {
  aws_iam_policy_document: [0, 0],
  aws_partition: [0, 0],
  aws_region: [0, 0],
  aws_eks_cluster: [1, 0],
  aws_caller_identity: [1, 0],
  aws_eks_addon_version: [1, 0],
};
/** The AWS provider's own GetCallerIdentity, once per stack. */
const PROVIDER_CALLS = 1;

/**
 * Above this many estimated refresh calls, `npm run stacks` warns and suggests stack groups.
 * 5,000 calls is about 700 tenants with an own role, an inline policy, a service account and an
 * association (7 calls each): at Terraform's default of 10 operations at once
 * (https://developer.hashicorp.com/terraform/cli/commands/plan#parallelism-n) such a refresh is
 * 500 rounds of calls before the plan starts. It is a rule of thumb, not an AWS limit:
 * `--max-calls` sets another.
 */
export const DEFAULT_MAX_REFRESH_CALLS = 5000;

export function planCost(stack: StackJson): PlanCost {
  let refreshCalls = PROVIDER_CALLS;
  let iamCalls = 0;
  let resources = 0;
  let dataSources = 0;
  const add = (table: Record<string, readonly [number, number]>, type: string, n: number) => {
    const [calls, iam] = table[type] ?? [1, 0];
    refreshCalls += calls * n;
    iamCalls += iam * n;
  };
  for (const [type, byId] of Object.entries(stack.resource ?? {})) {
    const n = Object.keys(byId).length;
    resources += n;
    add(RESOURCE_CALLS, type, n);
  }
  // Each inline policy is read twice: as itself, and by its role's Read (GetRolePolicy).
  const inline = Object.keys(stack.resource?.aws_iam_role_policy ?? {}).length;
  refreshCalls += inline;
  iamCalls += inline;
  for (const [type, byId] of Object.entries(stack.data ?? {})) {
    const n = Object.keys(byId).length;
    dataSources += n;
    add(DATA_CALLS, type, n);
  }
  return { resources, dataSources, refreshCalls, iamCalls };
}

/** How many stacks of about `max` calls each `calls` splits into. */
export function suggestedGroups(calls: number, max: number): number {
  return Math.max(2, Math.ceil(calls / max));
}
