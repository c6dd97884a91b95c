/**
 * The IRSA migration setting (tenant `irsa: { oidcProviderArn }`): the role keeps an OIDC trust
 * statement for exactly the tenant's service account, the service account keeps its
 * eks.amazonaws.com/role-arn annotation, and removing the setting drops exactly those two.
 * Expected statements follow the EKS user guide's IRSA trust policy
 * (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { TenantIdentity, type TenantIdentityProps } from "../lib/constructs/tenant-identity";
import { irsaTrustPolicySize } from "../lib/policy/irsa-trust-size";
import { parse, resources, stackOf, synthYaml, type Json } from "./helpers";
import { withCluster, type ClusterNames } from "./cluster-fixture";

const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const PROVIDER = `arn:aws:iam::111122223333:oidc-provider/${ISSUER}`;

const FILE = (irsa: string, extra = "") => `clusters: [{ name: demo, region: eu-west-1 }]
tenants:
  - name: web
    namespace: web
    serviceAccount: app
${irsa}${extra}
  - name: api
    namespace: api
    serviceAccount: api
`;
const MIGRATING = `    irsa: { oidcProviderArn: "${PROVIDER}" }`;

describe("a tenant migrating from IRSA", () => {
  let withIrsa: string;
  let without: string;
  beforeAll(async () => {
    withIrsa = (await synthYaml(FILE(MIGRATING))).demo!;
    without = (await synthYaml(FILE(""))).demo!;
  });

  it("trusts the cluster's OIDC provider for its own service account only, beside the Pod Identity statement", () => {
    const docs = parse(withIrsa).data.aws_iam_policy_document as Record<string, Json>;
    const web = Object.entries(docs).find(([id]) => id.startsWith("web_trust"))![1];
    expect(web.statement).toHaveLength(2);
    expect(web.statement[0].sid).toBe("AllowEksAuthToAssumeRoleForPodIdentity");
    expect(web.statement[1]).toEqual({
      sid: "AllowIrsaWhileMigratingToPodIdentity",
      effect: "Allow",
      principals: [{ type: "Federated", identifiers: [PROVIDER] }],
      actions: ["sts:AssumeRoleWithWebIdentity"],
      condition: [
        { test: "StringEquals", variable: `${ISSUER}:sub`, values: ["system:serviceaccount:web:app"] },
        { test: "StringEquals", variable: `${ISSUER}:aud`, values: ["sts.amazonaws.com"] },
      ],
    });
    // The other tenant is untouched: one statement, no OIDC.
    const api = Object.entries(docs).find(([id]) => id.startsWith("api_trust"))![1];
    expect(api.statement.map((s: Json) => s.sid)).toEqual(["AllowEksAuthToAssumeRoleForPodIdentity"]);
  });

  it("keeps the role-arn annotation on the service account it creates, pointing at the tenant's role", () => {
    const roleId = Object.keys(resources(withIrsa, "aws_iam_role")).find((id) => id.startsWith("web_role"))!;
    expect(withIrsa).toHaveResourceWithProperties(ServiceAccountV1, {
      metadata: { name: "app", namespace: "web", annotations: { "eks.amazonaws.com/role-arn": `\${aws_iam_role.${roleId}.arn}` }, labels: { "app.kubernetes.io/managed-by": "eks-pod-identity-tenants" } },
    });
    const api = Object.entries(resources(withIrsa, "kubernetes_service_account_v1")).find(([id]) => id.startsWith("api_"))![1];
    expect(api.metadata.annotations).toBeUndefined();
  });

  it("removing irsa (the second step) drops exactly the OIDC statement and the annotation", () => {
    const a = parse(withIrsa);
    const b = parse(without);
    const webTrust = (j: Json) => Object.keys(j.data.aws_iam_policy_document).find((id) => id.startsWith("web_trust"))!;
    const webSa = (j: Json) => Object.keys(j.resource.kubernetes_service_account_v1).find((id) => id.startsWith("web_"))!;
    expect(webTrust(a)).toBe(webTrust(b));
    expect(webSa(a)).toBe(webSa(b));
    expect(b.data.aws_iam_policy_document[webTrust(b)].statement).toEqual([a.data.aws_iam_policy_document[webTrust(a)].statement[0]]);
    expect(b.resource.kubernetes_service_account_v1[webSa(b)].metadata.annotations).toBeUndefined();
    // Everything else, addresses and values, is the same.
    delete a.data.aws_iam_policy_document[webTrust(a)];
    delete b.data.aws_iam_policy_document[webTrust(b)];
    delete a.resource.kubernetes_service_account_v1[webSa(a)].metadata.annotations;
    expect(a).toEqual(b);
  });

  it("with keepAnnotation: false, drops the annotation and keeps the OIDC trust, for pods to restart onto Pod Identity first", async () => {
    const out = (await synthYaml(FILE(`    irsa: { oidcProviderArn: "${PROVIDER}", keepAnnotation: false }`))).demo!;
    const web = Object.entries(resources(out, "kubernetes_service_account_v1")).find(([id]) => id.startsWith("web_"))![1];
    expect(web.metadata.annotations).toBeUndefined();
    const docs = parse(out).data.aws_iam_policy_document as Record<string, Json>;
    expect(Object.entries(docs).find(([id]) => id.startsWith("web_trust"))![1].statement.map((x: Json) => x.sid)).toEqual(["AllowEksAuthToAssumeRoleForPodIdentity", "AllowIrsaWhileMigratingToPodIdentity"]);
  });

  it("with createServiceAccount: false, keeps the trust and leaves the service account (and its annotation) to its owner", async () => {
    const out = (await synthYaml(FILE(MIGRATING, "\n    createServiceAccount: false"))).demo!;
    expect(Object.keys(resources(out, "kubernetes_service_account_v1")).filter((id) => id.startsWith("web_"))).toEqual([]);
    expect(out).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, { statement: [expect.objectContaining({ sid: "AllowEksAuthToAssumeRoleForPodIdentity" }), expect.objectContaining({ sid: "AllowIrsaWhileMigratingToPodIdentity" })] });
  });
});

describe("TenantIdentity with irsa, from TypeScript", () => {
  const base = { clusterName: "demo", namespace: "web", serviceAccount: "app" };
  const synth = (props: Partial<Omit<TenantIdentityProps, "cluster">> & ClusterNames) => stackOf((stack) => new TenantIdentity(stack, "web", withCluster(stack, { ...base, ...props })));

  it("refuses an ARN that is not an OIDC provider's, and one of another partition", () => {
    expect(() => synth({ irsa: { oidcProviderArn: "arn:aws:iam::111122223333:role/x" } })).toThrow(
      'TenantIdentity "web": invalid props:\n  - irsa.oidcProviderArn: "arn:aws:iam::111122223333:role/x" is not an IAM OIDC provider ARN',
    );
    expect(() => synth({ irsa: { oidcProviderArn: PROVIDER.replace("arn:aws:", "arn:aws-us-gov:") }, accountId: "111122223333", region: "eu-west-1" })).toThrow(
      `  - irsa.oidcProviderArn: ${PROVIDER.replace("arn:aws:", "arn:aws-us-gov:")} is in partition "aws-us-gov", but cluster "demo" is in eu-west-1, partition "aws"`,
    );
  });
});

it("sizes the trust policy as IAM stores it: minified, with the longest partition and account", () => {
  const tenant = { namespace: "web", serviceAccount: "app", disableSessionTags: false, trust: {} };
  const clusterArn = "arn:aws-us-gov:eks:eu-west-1:000000000000:cluster/demo";
  const provider = `arn:aws-us-gov:iam::000000000000:oidc-provider/${ISSUER}`;
  const byHand =
    `{"Version":"2012-10-17","Statement":[` +
    `{"Sid":"AllowEksAuthToAssumeRoleForPodIdentity","Effect":"Allow","Principal":{"Service":"pods.eks.amazonaws.com"},"Action":["sts:AssumeRole","sts:TagSession"],` +
    `"Condition":{"StringEquals":{"aws:RequestTag/kubernetes-namespace":"web","aws:RequestTag/kubernetes-service-account":"app","aws:RequestTag/eks-cluster-arn":"${clusterArn}"}}},` +
    `{"Sid":"AllowIrsaWhileMigratingToPodIdentity","Effect":"Allow","Principal":{"Federated":"${provider}"},"Action":"sts:AssumeRoleWithWebIdentity",` +
    `"Condition":{"StringEquals":{"${ISSUER}:sub":"system:serviceaccount:web:app","${ISSUER}:aud":"sts.amazonaws.com"}}}]}`;
  expect(irsaTrustPolicySize(tenant, { name: "demo", region: "eu-west-1" }, ISSUER)).toBe(byHand.length);
  // Unscoped (disableSessionTags): the Pod Identity statement has no condition.
  const unscoped = byHand.replace(/,"Condition":\{"StringEquals":\{"aws:RequestTag[^}]*\}\}/, "");
  expect(irsaTrustPolicySize({ ...tenant, disableSessionTags: true }, { name: "demo", region: "eu-west-1" }, ISSUER)).toBe(unscoped.length);
});
