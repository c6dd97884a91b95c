import { TerraformStack, Testing } from "cdktf";
import { AddonIdentity } from "../lib/constructs/addon-identity";
import { ControllerIdentity } from "../lib/constructs/controller-identity";
import { EksClusterReference } from "../lib/constructs/eks-cluster-reference";
import { PodIdentityAgent } from "../lib/constructs/pod-identity-agent";
import { SharedRole } from "../lib/constructs/shared-role";
import { SmokeTest } from "../lib/constructs/smoke-test";
import { TenantIdentity } from "../lib/constructs/tenant-identity";
import { dataSources, parse, resources, stackOf } from "./helpers";

/** Every construct of the library in one stack, all given the one reference. */
function everything(stack: TerraformStack, accountId?: string): void {
  const cluster = EksClusterReference.lookUp(stack, { clusterName: "prod", region: "eu-west-1", accountId });
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

describe("EksClusterReference", () => {
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
    EksClusterReference.lookUp(stack, { clusterName: "prod", region: "eu-west-1" });
    expect(() => EksClusterReference.lookUp(stack, { clusterName: "prod", region: "eu-west-1" })).toThrow(/There is already a Construct with name 'eks_cluster'/);
  });

  it("refuses a bad name, region or account, all at once", () => {
    const stack = new TerraformStack(Testing.app(), "bad");
    expect(() => EksClusterReference.lookUp(stack, { clusterName: "-prod", region: "mars-1", accountId: "1234" })).toThrow(/EksClusterReference: invalid props:\n {2}- clusterName: .*\n {2}- region: .*\n {2}- accountId: /);
  });

  it("refuses a construct given a clusterName other than its reference's, or neither", () => {
    const stack = new TerraformStack(Testing.app(), "mismatch");
    const cluster = EksClusterReference.lookUp(stack, { clusterName: "prod", region: "eu-west-1" });
    expect(() => new TenantIdentity(stack, "a", { cluster, clusterName: "staging", namespace: "a", serviceAccount: "a" })).toThrow(
      'TenantIdentity "a": invalid props:\n  - clusterName: is "staging" but cluster refers to "prod"; leave clusterName out with cluster',
    );
    expect(() => new AddonIdentity(stack, "x", { addonName: "aws-ebs-csi-driver", serviceAccount: "x" })).toThrow('AddonIdentity "x": invalid props:\n  - clusterName: set clusterName, or cluster (an EksClusterReference)');
  });
});
