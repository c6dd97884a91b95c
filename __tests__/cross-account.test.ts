import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { TenantIdentity } from "../lib/constructs/tenant-identity";
import { dataSources, parse, problemsOf, stackOf, synthYaml } from "./helpers";
import { withCluster } from "./cluster-fixture";

const TARGET = "arn:aws:iam::444455556666:role/orders-reader";

describe("cross-account tenants", () => {
  it("set target_role_arn, allow AssumeRole and TagSession on exactly that ARN, and output the external ID", async () => {
    const synth = (await synthYaml(`
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333" }]
tenants: [{ name: orders, namespace: orders, serviceAccount: app, targetRoleArn: "${TARGET}" }]
`)).demo!;
    expect(synth).toHaveResourceWithProperties(EksPodIdentityAssociation, { role_arn: "${aws_iam_role.orders_role_0C3CFEBB.arn}", target_role_arn: TARGET });
    expect(Object.entries(dataSources(synth, "aws_iam_policy_document")).find(([id]) => id.startsWith("orders_permissions_document_"))![1].statement).toEqual([
      { sid: "AssumeCrossAccountTargetRole", effect: "Allow", actions: ["sts:AssumeRole", "sts:TagSession"], resources: [TARGET] },
    ]);
    expect(parse(synth).output.tenants.value.orders.external_id).toMatch(/^\$\{aws_eks_pod_identity_association\.orders_association_[0-9A-F]{8}\.external_id\}$/);
  });

  it("pass disableSessionTags through to the association", async () => {
    const synth = (await synthYaml(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: orders, namespace: orders, serviceAccount: app, targetRoleArn: "${TARGET}", disableSessionTags: true, trust: { scopeToServiceAccount: false } }]
`)).demo!;
    expect(synth).toHaveResourceWithProperties(EksPodIdentityAssociation, { target_role_arn: TARGET, disable_session_tags: true });
  });

  it("have no external ID output without a target role", () => {
    const synth = stackOf((s) => new TenantIdentity(s, "web", withCluster(s, { clusterName: "demo", namespace: "web", serviceAccount: "sa"})));
    expect(Object.keys(parse(synth).output.tenants.value.web).sort()).toEqual(["association_arn", "association_id", "role_arn", "role_name"]);
  });

  it("refuse a target that is not a role ARN", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: a, namespace: a, serviceAccount: app, targetRoleArn: "arn:aws:iam::444455556666:user/bob" }]
`),
    ).toEqual(['tenants.yaml:3:72: tenants[0].targetRoleArn: "arn:aws:iam::444455556666:user/bob" is not an IAM role ARN: arn:<partition>:iam::<12-digit account>:role/<path/>name, without \${ or %{ or wildcards, the path without \'//\' and not under aws-service-role/']);
  });

  it("warn about a target in the cluster's own account", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1, accountId: "444455556666" }]
tenants: [{ name: b, namespace: b, serviceAccount: app, targetRoleArn: "${TARGET}" }]
`),
    ).toEqual([
      `warning: tenants.yaml:3:72: tenants[0].targetRoleArn: tenant "b": target role ${TARGET} is in the same account as cluster "demo"; role chaining is only needed across accounts, so grant the tenant's own role instead`,
    ]);
  });
});
