import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Testing } from "cdktf";
import { planClusters } from "../lib/plan/plan";
import { ClusterStack } from "../stacks/cluster-stack";
import { configOf, parse, resources, SEED_YAML, synthYaml } from "./helpers";

describe("ClusterStack from the seed example", () => {
  let out: string;
  beforeAll(async () => {
    out = (await synthYaml(SEED_YAML))["demo-cluster"]!;
  });

  it("configures the aws provider with the cluster's region and no account pin", () => {
    expect(out).toHaveProviderWithProperties(AwsProvider, { region: "us-east-1" });
    expect(parse(out).provider.aws[0].allowed_account_ids).toBeUndefined();
  });

  it("reads the cluster, and reaches Kubernetes through it with exec auth and no kubeconfig", () => {
    expect(out).toHaveDataSourceWithProperties(DataAwsEksCluster, { name: "demo-cluster" });
    expect(out).toHaveProviderWithProperties(KubernetesProvider, {
      host: "${data.aws_eks_cluster.eks_cluster.endpoint}",
      cluster_ca_certificate: "${base64decode(data.aws_eks_cluster.eks_cluster.certificate_authority[0].data)}",
      exec: [
        {
          api_version: "client.authentication.k8s.io/v1beta1",
          command: "aws",
          args: ["eks", "get-token", "--cluster-name", "demo-cluster", "--region", "us-east-1"],
        },
      ],
    });
    const k8s = parse(out).provider.kubernetes[0];
    expect(k8s.config_path).toBeUndefined();
    expect(k8s.token).toBeUndefined();
  });

  it("installs the agent add-on at the most recent version for the cluster", () => {
    expect(out).toHaveResourceWithProperties(EksAddon, {
      cluster_name: "demo-cluster",
      addon_name: "eks-pod-identity-agent",
      addon_version: "${data.aws_eks_addon_version.pod_identity_agent_latest_AC9ADA85.version}",
    });
  });

  it("makes the association and the service account wait for the agent", () => {
    const [addon] = Object.keys(resources(out, "aws_eks_addon"));
    const assoc = Object.values(resources(out, "aws_eks_pod_identity_association"))[0]!;
    const sa = Object.values(resources(out, "kubernetes_service_account_v1"))[0]!;
    expect(assoc.depends_on).toEqual([`aws_eks_addon.${addon}`]);
    expect(sa.depends_on).toEqual([`aws_eks_addon.${addon}`]);
  });

  it("requires Terraform 1.10 or later, which use_lockfile needs", () => {
    expect(parse(out).terraform.required_version).toBe(">= 1.10");
  });

  it("keeps state locally, in the project root, with a path that is the same on every machine", () => {
    expect(parse(out).terraform.backend).toEqual({ local: { path: "../../../terraform.demo-cluster.tfstate" } });
  });

  it("creates the seed's role and association", () => {
    expect(out).toHaveResourceWithProperties(IamRole, { name: "nginx-s3-access-role" });
    expect(out).toHaveResourceWithProperties(EksPodIdentityAssociation, { namespace: "nginx", service_account: "nginx-sa" });
  });
});

describe("ClusterStack options", () => {
  const yaml = `
clusters:
  - { name: prod, region: eu-west-1, accountId: "111122223333", agent: { version: v1.3.8-eksbuild.2 } }
state:
  s3: { bucket: my-tf-state, region: us-east-1, keyPrefix: pod-identity/ }
defaults:
  tags: { owner: platform }
tenants:
  - { name: web, namespace: shop, serviceAccount: web, createNamespace: true, tags: { team: web } }
  - { name: api, namespace: shop, serviceAccount: api, createNamespace: true }
  - { name: jobs, namespace: batch, serviceAccount: jobs }
`;
  let out: string;
  beforeAll(async () => {
    out = (await synthYaml(yaml)).prod!;
  });

  it("pins the account and tags every AWS resource through default_tags", () => {
    expect(out).toHaveProviderWithProperties(AwsProvider, {
      region: "eu-west-1",
      allowed_account_ids: ["111122223333"],
      default_tags: [{ tags: { owner: "platform" } }],
    });
    expect(out).toHaveResourceWithProperties(IamRole, { name: "web.prod", tags: { team: "web" } });
  });

  it("stores state in S3 with encryption and S3-native locking, one key per cluster", () => {
    expect(parse(out).terraform.backend).toEqual({
      s3: { bucket: "my-tf-state", region: "us-east-1", key: "pod-identity/prod/terraform.tfstate", encrypt: true, use_lockfile: true },
    });
  });

  it("pins the agent without a version look-up", () => {
    expect(out).toHaveResourceWithProperties(EksAddon, { addon_version: "v1.3.8-eksbuild.2" });
    expect(parse(out).data.aws_eks_addon_version).toBeUndefined();
  });

  it("creates a shared namespace once, and its tenants wait for it", () => {
    expect(out).toHaveResourceWithProperties(NamespaceV1, { metadata: { name: "shop" } });
    expect(Object.keys(resources(out, "kubernetes_namespace_v1"))).toEqual(["namespace_shop"]);
    const assocs = resources(out, "aws_eks_pod_identity_association");
    const dependsOf = (prefix: string) => Object.entries(assocs).find(([k]) => k.startsWith(prefix))![1].depends_on;
    expect(dependsOf("web_")).toContain("kubernetes_namespace_v1.namespace_shop");
    expect(dependsOf("api_")).toContain("kubernetes_namespace_v1.namespace_shop");
    expect(dependsOf("jobs_")).not.toContain("kubernetes_namespace_v1.namespace_shop");
  });

  it("exposes the agent and each tenant's identity to TypeScript users", async () => {
    const app = Testing.app();
    const [plan] = planClusters(await configOf(yaml));
    const stack = new ClusterStack(app, { plan: plan! });
    expect([...stack.tenants.keys()]).toEqual(["api", "jobs", "web"]);
    expect(stack.tenants.get("web")!.roleName).toBe("web.prod");
    expect(stack.agent.addon?.addonNameInput).toBe("eks-pod-identity-agent");
  });
});

it("lets tenants take names the stack uses for its own parts, without clashing", async () => {
  const names = ["aws", "kubernetes", "helm", "cluster", "account", "partition", "pod-identity-agent", "namespace-shop", "shared-roles"];
  const yaml = `
clusters: [{ name: demo, region: us-east-1, agent: { install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts } } }]
tenants:
${names.map((n) => `  - { name: ${n}, namespace: shop, serviceAccount: ${n}, createNamespace: true, grants: [{ sns: { topic: t } }] }`).join("\n")}
`;
  const out = (await synthYaml(yaml)).demo!;
  expect(Object.values(resources(out, "aws_iam_role")).map((r) => r.name).sort()).toEqual(names.map((n) => `${n}.demo`).sort());
  expect(Object.keys(resources(out, "kubernetes_namespace_v1"))).toEqual(["namespace_shop"]);
});

describe("ClusterStack's one cluster reference", () => {
  const file = (tenants: string) => `clusters:
  - name: prod
    region: us-east-1
    addons: [{ name: aws-ebs-csi-driver }]
    controllers:
      - { name: karpenter, nodeRoleArns: ["arn:aws:iam::111122223333:role/KarpenterNode"] }
      - { name: external-dns, hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABC"] }
sharedRoles:
  - { name: readers, grants: [{ s3: { bucket: reports } }] }
tenants:
${tenants}`;

  it("is the stack's only cluster and account look-up, however many constructs use it", async () => {
    const out = (
      await synthYaml(
        file(`  - { name: a, namespace: a, serviceAccount: a, grants: [{ sqs: { queue: a, access: send } }], smokeTest: true }
  - { name: b, namespace: b, serviceAccount: b, statements: [{ actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111122223333:b"] }] }
  - { name: c, namespace: c, serviceAccount: c, sharedRole: readers }
  - { name: d, namespace: d, serviceAccount: d, targetRoleArn: "arn:aws:iam::444455556666:role/d" }
`),
      )
    ).prod!;
    const data = parse(out).data;
    expect(Object.keys(data.aws_eks_cluster)).toEqual(["eks_cluster"]);
    expect(Object.keys(data.aws_caller_identity)).toEqual(["caller_identity"]);
    expect(data.aws_partition).toBeUndefined();
    expect(data.aws_region).toBeUndefined();
  });

  it("looks the account up once for a controller even when no tenant needs it", async () => {
    const noGrants = file(`  - { name: c, namespace: c, serviceAccount: c }\n`).replace("  - { name: readers, grants: [{ s3: { bucket: reports } }] }\n", "").replace("sharedRoles:\n", "");
    expect(noGrants).not.toContain("grants");
    const out = (await synthYaml(noGrants)).prod!;
    expect(Object.keys(parse(out).data.aws_caller_identity)).toEqual(["caller_identity"]);
    expect(out).toContain("arn:aws:eks:us-east-1:${data.aws_caller_identity.caller_identity.account_id}:cluster/prod");
  });
});
