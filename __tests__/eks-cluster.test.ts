import { TerraformStack, Testing } from "cdktf";
import { AddonIdentity } from "../lib/constructs/addon-identity";
import { ControllerIdentity } from "../lib/constructs/controller-identity";
import { EksCluster } from "../lib/constructs/eks-cluster";
import { PodIdentityAgent } from "../lib/constructs/pod-identity-agent";
import { SharedRole } from "../lib/constructs/shared-role";
import { SmokeTest } from "../lib/constructs/smoke-test";
import { TenantIdentity } from "../lib/constructs/tenant-identity";
import { dataSources, parse, resources, stackOf } from "./helpers";

/** Every construct of the library in one stack, all given the one reference. */
function everything(stack: TerraformStack, accountId?: string): void {
  const cluster = new EksCluster(stack, "eks_cluster", { clusterName: "prod", region: "eu-west-1", accountId });
  const agent = new PodIdentityAgent(stack, "agent", { cluster });
  const after = agent.dependable ? [agent.dependable] : [];
  const shared = new SharedRole(stack, "readers", {
    cluster,
    members: [{ name: "c", namespace: "c", serviceAccount: "c" }],
    grants: [{ s3: { bucket: "reports" } }],
  });
  for (const name of ["a", "b"]) {
    const t = new TenantIdentity(stack, name, { cluster, namespace: name, serviceAccount: name, grants: [{ sqs: { queue: `${name}-queue`, access: "send" } }], dependsOn: after });
    new SmokeTest(t, "smoke-test", { cluster, namespace: name, serviceAccount: name, roleName: t.roleName });
  }
  new TenantIdentity(stack, "c", { cluster, namespace: "c", serviceAccount: "c", sharedRole: shared });
  new AddonIdentity(stack, "ebs", { cluster, addonName: "aws-ebs-csi-driver", serviceAccount: "ebs-csi-controller-sa", managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"] });
  new ControllerIdentity(stack, "karpenter", { cluster, controller: { name: "karpenter", nodeRoleArns: ["arn:aws:iam::111122223333:role/KarpenterNode"] } });
}

describe("EksCluster", () => {
  it("gives a stack of eight constructs exactly one cluster look-up and one caller identity", () => {
    const out = stackOf((s) => everything(s));
    expect(Object.keys(dataSources(out, "aws_eks_cluster"))).toEqual(["eks_cluster"]);
    expect(Object.keys(dataSources(out, "aws_caller_identity"))).toEqual(["caller_identity"]);
    expect(dataSources(out, "aws_partition")).toEqual({});
    expect(dataSources(out, "aws_region")).toEqual({});
  });

  it("points every trust policy at the one cluster ARN", () => {
    const out = stackOf((s) => everything(s));
    const docs = Object.values(dataSources(out, "aws_iam_policy_document"));
    const arns = docs.flatMap((d) => (d.statement ?? []).flatMap((st: { condition?: Array<{ variable: string; values: string[] }> }) => (st.condition ?? []).filter((c) => c.variable === "aws:RequestTag/eks-cluster-arn").flatMap((c) => c.values)));
    // a, b, the shared role (one statement: one service account name, c) and the controller; the
    // add-on's trust is not scoped to a service account, so it names no cluster.
    expect(arns).toHaveLength(4);
    expect(new Set(arns)).toEqual(new Set(["${data.aws_eks_cluster.eks_cluster.arn}"]));
  });

  it("resolves grants with the region's partition, the region and the account, without a look-up when the account is pinned", () => {
    const out = stackOf((s) => everything(s, "111122223333"));
    expect(dataSources(out, "aws_caller_identity")).toEqual({});
    const docs = Object.values(dataSources(out, "aws_iam_policy_document"));
    const resourcesOf = docs.flatMap((d) => (d.statement ?? []).flatMap((st: { resources?: string[] }) => st.resources ?? []));
    expect(resourcesOf).toContain("arn:aws:sqs:eu-west-1:111122223333:a-queue");
    expect(resourcesOf).toContain("arn:aws:sqs:eu-west-1:111122223333:b-queue");
  });

  it("takes the agent's Kubernetes version from the cluster and the smoke test's region", () => {
    const out = stackOf((s) => everything(s));
    expect(Object.values(dataSources(out, "aws_eks_addon_version"))[0]).toMatchObject({ kubernetes_version: "${data.aws_eks_cluster.eks_cluster.version}" });
    const job = Object.values(resources(out, "kubernetes_job_v1"))[0]!;
    expect(job.spec.template.spec.container[0].env).toContainEqual({ name: "AWS_REGION", value: "eu-west-1" });
    expect(parse(out).resource.aws_eks_pod_identity_association).toBeDefined();
  });

  it("can be made only once per scope", () => {
    const stack = new TerraformStack(Testing.app(), "twice");
    new EksCluster(stack, "eks_cluster", { clusterName: "prod", region: "eu-west-1" });
    expect(() => new EksCluster(stack, "eks_cluster", { clusterName: "prod", region: "eu-west-1" })).toThrow(/There is already a Construct with name 'eks_cluster'/);
  });

  it("refuses a bad name, region, account or partition, all at once", () => {
    const stack = new TerraformStack(Testing.app(), "bad");
    expect(() => new EksCluster(stack, "c", { clusterName: "-prod", region: "mars-1", accountId: "1234", partition: "azure" })).toThrow(
      /EksCluster "c": invalid props:\n {2}- clusterName: .*\n {2}- region: .*\n {2}- accountId: .*\n {2}- partition: "azure" is not an ARN partition/,
    );
  });

  it("is the cluster's data source, named by its ID, with the names it was built from", () => {
    let cluster: EksCluster | undefined;
    const out = stackOf((s) => {
      cluster = new EksCluster(s, "prod_cluster", { clusterName: "prod", region: "cn-north-1", accountId: "111122223333" });
    });
    expect(dataSources(out, "aws_eks_cluster")).toEqual({ prod_cluster: { name: "prod" } });
    expect(cluster!.partition).toBe("aws-cn");
    expect(cluster!.region).toBe("cn-north-1");
    expect(cluster!.arnFromNames).toBe("arn:aws-cn:eks:cn-north-1:111122223333:cluster/prod");
    expect(cluster!.arnEnvironment).toEqual({ partition: "aws-cn", accountId: "111122223333", region: "cn-north-1" });
    expect(dataSources(out, "aws_caller_identity")).toEqual({});
  });

  it("looks the account up once, beside itself, when it is not pinned", () => {
    const out = stackOf((s) => {
      const cluster = new EksCluster(s, "c", { clusterName: "prod", region: "eu-west-1" });
      expect(cluster.accountId).toBe(cluster.accountId);
      expect(cluster.accountPinned).toBe(false);
    });
    expect(Object.keys(dataSources(out, "aws_caller_identity"))).toEqual(["caller_identity"]);
  });
});
