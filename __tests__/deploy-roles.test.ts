import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { parse, synthYaml } from "./helpers";
import { tenantsFile } from "./fixtures";

const YAML = tenantsFile({
  clusters: [
    { name: "prod", accountId: "111122223333" },
    { name: "prod-eu", region: "eu-central-1", accountId: "111122223333", deployRoleArn: "arn:aws:iam::111122223333:role/eu-deploy", agent: { install: "helm", chart: { path: `${__dirname}/charts/eks-pod-identity-agent` } } },
    { name: "staging", region: "us-west-2", accountId: "444455556666" },
    { name: "sandbox", region: "us-west-2", accountId: "777788889999" },
  ],
  accounts: {
    "111122223333": { deployRoleArn: "arn:aws:iam::111122223333:role/deploy", externalId: "ci-4711", sessionName: "pipeline" },
    "444455556666": { deployRoleArn: "arn:aws:iam::444455556666:role/deploy" },
  },
  tenants: [{ name: "web", stack: "web" }],
});

function getToken(cluster: string, region: string, role?: string): string[] {
  return ["eks", "get-token", "--cluster-name", cluster, "--region", region, ...(role ? ["--role-arn", role] : [])];
}

describe("deploy roles in the providers", () => {
  let out: Record<string, string>;
  beforeAll(async () => {
    out = await synthYaml(YAML);
  });

  it("gives each stack of an account with a deploy role assume_role, with the account's external ID and session name", () => {
    for (const stack of ["prod", "prod-web"]) {
      expect(out[stack]).toHaveProviderWithProperties(AwsProvider, {
        region: "us-east-1",
        allowed_account_ids: ["111122223333"],
        assume_role: [{ role_arn: "arn:aws:iam::111122223333:role/deploy", external_id: "ci-4711", session_name: "pipeline" }],
      });
      expect(parse(out[stack]!).provider.kubernetes).toEqual([
        {
          host: "${data.aws_eks_cluster.eks_cluster.endpoint}",
          cluster_ca_certificate: "${base64decode(data.aws_eks_cluster.eks_cluster.certificate_authority[0].data)}",
          exec: [{ api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args: getToken("prod", "us-east-1", "arn:aws:iam::111122223333:role/deploy") }],
        },
      ]);
    }
  });

  it("lets a cluster's own deploy role win, in the AWS, Kubernetes and Helm providers alike", () => {
    const eu = out["prod-eu"]!;
    expect(parse(eu).provider.aws[0].assume_role).toEqual([{ role_arn: "arn:aws:iam::111122223333:role/eu-deploy", external_id: "ci-4711", session_name: "pipeline" }]);
    const args = getToken("prod-eu", "eu-central-1", "arn:aws:iam::111122223333:role/eu-deploy");
    const exec = { api_version: "client.authentication.k8s.io/v1beta1", command: "aws", args };
    expect(eu).toHaveProvider(KubernetesProvider);
    expect(parse(eu).provider.kubernetes[0].exec).toEqual([exec]);
    expect(eu).toHaveProvider(HelmProvider);
    expect(parse(eu).provider.helm[0].kubernetes.exec).toEqual(exec);
  });

  it("leaves out external_id and session_name that the account does not set", () => {
    expect(parse(out.staging!).provider.aws[0].assume_role).toEqual([{ role_arn: "arn:aws:iam::444455556666:role/deploy" }]);
    expect(parse(out.staging!).provider.kubernetes[0].exec[0].args).toEqual(getToken("staging", "us-west-2", "arn:aws:iam::444455556666:role/deploy"));
  });

  it("keeps the ambient credentials for a cluster whose account has no deploy role", () => {
    const sandbox = parse(out.sandbox!);
    expect(sandbox.provider.aws).toEqual([{ region: "us-west-2", allowed_account_ids: ["777788889999"] }]);
    expect(sandbox.provider.kubernetes[0].exec[0].args).toEqual(getToken("sandbox", "us-west-2"));
  });
});
