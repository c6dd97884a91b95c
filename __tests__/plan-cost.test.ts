import { DEFAULT_MAX_REFRESH_CALLS, planCost, suggestedGroups } from "../lib/plan/plan-cost";
import { parse, synthYaml } from "./helpers";

const ids = (n: number, prefix: string) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, {}]));

describe("planCost", () => {
  it("counts an IAM role as GetRole, ListRolePolicies and ListAttachedRolePolicies, plus GetRolePolicy per inline policy", () => {
    // 2 roles (3 each) + 1 inline policy (its own GetRolePolicy and one more in its role's read)
    // + 3 attachments (1 each) + the provider's GetCallerIdentity.
    expect(planCost({ resource: { aws_iam_role: ids(2, "r"), aws_iam_role_policy: ids(1, "p"), aws_iam_role_policy_attachment: ids(3, "a") } })).toEqual({
      resources: 6,
      dataSources: 0,
      refreshCalls: 2 * 3 + 2 + 3 + 1,
      iamCalls: 2 * 3 + 2 + 3,
    });
  });

  it("counts one call per EKS and Kubernetes object, none for policy documents, and one for unknown types", () => {
    expect(
      planCost({
        resource: { aws_eks_pod_identity_association: ids(4, "a"), kubernetes_service_account_v1: ids(4, "s"), aws_eks_addon: ids(1, "x"), something_else: ids(2, "e") },
        data: { aws_iam_policy_document: ids(5, "d"), aws_eks_cluster: ids(1, "c"), aws_caller_identity: ids(1, "i") },
      }),
    ).toEqual({ resources: 11, dataSources: 7, refreshCalls: 4 + 4 + 1 + 2 + 0 + 1 + 1 + 1, iamCalls: 0 });
  });

  it("estimates a synthesized tenant with its own role, a grant, a service account and an association at 7 calls", async () => {
    const one = "clusters: [{ name: c, region: us-east-1, accountId: '111122223333', agent: { install: none } }]\n";
    const empty = planCost(parse((await synthYaml(one)).c!));
    const withTenant = planCost(parse((await synthYaml(`${one}tenants: [{ name: t, namespace: n, serviceAccount: s, grants: [{ sqs: { queue: q, access: send } }] }]\n`)).c!));
    // GetRole, ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies; GetRolePolicy; GET service account; DescribePodIdentityAssociation.
    expect(withTenant.refreshCalls - empty.refreshCalls).toBe(7);
    expect(withTenant.iamCalls - empty.iamCalls).toBe(5);
    expect(withTenant.resources - empty.resources).toBe(4);
  });

  it("suggests enough groups to bring each under the threshold, and at least two", () => {
    expect(DEFAULT_MAX_REFRESH_CALLS).toBe(5000);
    expect(suggestedGroups(5001, 5000)).toBe(2);
    expect(suggestedGroups(12000, 5000)).toBe(3);
    expect(suggestedGroups(35000, 5000)).toBe(7);
  });
});
