/** The tenant-scoped trust policy, on by default, through the construct and the tenants file. */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { TenantIdentity } from "../lib/constructs/tenant-identity";
import { dataSources, problemsOf, stackOf, synthYaml } from "./helpers";
import { withCluster } from "./cluster-fixture";

const SCOPED = (ns: string, sa: string, arn: string) => [
  { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: [ns] },
  { test: "StringEquals", variable: "aws:RequestTag/kubernetes-service-account", values: [sa] },
  { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: [arn] },
];

describe("TenantIdentity trust", () => {
  it("is scoped to the namespace, service account and cluster ARN by default", () => {
    const synth = stackOf((s) => new TenantIdentity(s, "web", withCluster(s, { clusterName: "demo", namespace: "web", serviceAccount: "web-sa"})));
    expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: [
        {
          sid: "AllowEksAuthToAssumeRoleForPodIdentity",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
          actions: ["sts:AssumeRole", "sts:TagSession"],
          condition: SCOPED("web", "web-sa", "${data.aws_eks_cluster.eks_cluster.arn}"),
        },
      ],
    });
  });

  it("takes the cluster ARN from the one EksCluster, and looks nothing up itself", () => {
    const synth = stackOf((s) => new TenantIdentity(s, "web", withCluster(s, { clusterName: "demo", namespace: "web", serviceAccount: "web-sa" })));
    expect(dataSources(synth, "aws_eks_cluster")).toEqual({ eks_cluster: { name: "demo" } });
  });

  it("can be opted out of, and is unscoped with disableSessionTags", () => {
    for (const props of [{ scopeTrustToServiceAccount: false }, { disableSessionTags: true }]) {
      const synth = stackOf((s) => new TenantIdentity(s, "web", withCluster(s, { clusterName: "demo", namespace: "web", serviceAccount: "web-sa", ...props })));
      const trust = Object.values(dataSources(synth, "aws_iam_policy_document"))[0]!;
      expect(trust.statement[0].condition).toBeUndefined();
      expect(JSON.stringify(dataSources(synth, "aws_iam_policy_document"))).not.toContain("aws_eks_cluster");
    }
  });

  it("refuses a scoped trust together with disableSessionTags", () => {
    expect(() => stackOf((s) => new TenantIdentity(s, "web", withCluster(s, { clusterName: "demo", namespace: "web", serviceAccount: "web-sa", disableSessionTags: true, scopeTrustToServiceAccount: true })))).toThrow(
      'TenantIdentity "web": invalid props:\n  - scopeTrustToServiceAccount: scopeTrustToServiceAccount cannot be true with disableSessionTags: true; the trust policy\'s aws:RequestTag conditions need the session tags, so every AssumeRole would fail. Drop one of the two',
    );
  });

  it("passes disableSessionTags to the association", () => {
    const synth = stackOf((s) => new TenantIdentity(s, "web", withCluster(s, { clusterName: "demo", namespace: "web", serviceAccount: "web-sa", disableSessionTags: true })));
    expect(synth).toHaveResourceWithProperties(EksPodIdentityAssociation, { disable_session_tags: true });
  });
});

describe("trust through the tenants file", () => {
  it("uses the stack's data.aws_eks_cluster for the cluster ARN", async () => {
    const synth = (await synthYaml(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: web-sa }]
`)).demo!;
    expect(dataSources(synth, "aws_iam_policy_document").web_trust_23E71F01!.statement[0].condition).toEqual(SCOPED("web", "web-sa", "${data.aws_eks_cluster.eks_cluster.arn}"));
  });

  it("trust.scopeToServiceAccount: false drops the conditions", async () => {
    const synth = (await synthYaml(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: web-sa, trust: { scopeToServiceAccount: false } }]
`)).demo!;
    expect(dataSources(synth, "aws_iam_policy_document").web_trust_23E71F01!.statement[0].condition).toBeUndefined();
  });

  it("disableSessionTags warns that the trust cannot be scoped, and leaves the conditions out", async () => {
    const yaml = `
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: web-sa, disableSessionTags: true }]
`;
    expect(await problemsOf(yaml)).toEqual([
      'warning: tenants.yaml:3:84: tenants[0].disableSessionTags: tenant "web": with disableSessionTags the request tags kubernetes-namespace, kubernetes-service-account and eks-cluster-arn do not exist, so the trust policy is not scoped to this service account; any Pod Identity association in the account that names the role can use it. Set trust.scopeToServiceAccount: false to acknowledge',
    ]);
    const synth = (await synthYaml(yaml)).demo!;
    expect(dataSources(synth, "aws_iam_policy_document").web_trust_23E71F01!.statement[0].condition).toBeUndefined();
    expect(synth).toHaveResourceWithProperties(EksPodIdentityAssociation, { disable_session_tags: true });
    expect(await problemsOf(yaml.replace("disableSessionTags: true", "disableSessionTags: true, trust: { scopeToServiceAccount: false }"))).toEqual([]);
  });

  it("refuses scopeToServiceAccount: true with disableSessionTags: true", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: web-sa, disableSessionTags: true, trust: { scopeToServiceAccount: true } }]
`),
    ).toEqual([
      'tenants.yaml:3:122: tenants[0].trust.scopeToServiceAccount: tenant "web": scopeToServiceAccount cannot be true with disableSessionTags: true; the trust policy\'s aws:RequestTag conditions need the session tags, so every AssumeRole would fail. Drop one of the two',
    ]);
  });
});
