import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Testing, TerraformStack } from "cdktf";
import { ControllerIdentity, type ControllerIdentityProps } from "../lib/constructs/controller-identity";
import { dataSources, parse, resources, synthYaml } from "./helpers";
import { allows, controllerStatements, synthController } from "./policy-eval";
import { testCluster, withCluster, type ClusterNames } from "./cluster-fixture";

const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABC";

function build(props: Partial<Omit<ControllerIdentityProps, "cluster">> & Pick<ControllerIdentityProps, "controller"> & ClusterNames): () => void {
  return () => {
    const stack = new TerraformStack(Testing.app(), "t");
    return new ControllerIdentity(stack, "ctl", withCluster(stack, { clusterName: "demo", region: "us-east-1", ...props }));
  };
}

describe("ControllerIdentity used directly", () => {
  it("creates a role that trusts only the controller's service account, its policy and the association", () => {
    const s = synthController({ name: "external-dns", hostedZoneArns: [ZONE] });
    expect(s).toHaveResourceWithProperties(IamRole, {
      name: "controller.external-dns.demo",
      path: "/",
      max_session_duration: 3600,
      description: "EKS Pod Identity role for external-dns (default/external-dns) on demo",
    });
    const trust = Object.entries(dataSources(s, "aws_iam_policy_document")).find(([k]) => k.startsWith("ctl_trust"))![1];
    expect(trust).toEqual({
      statement: [
        {
          sid: "AllowEksAuthToAssumeRoleForPodIdentity",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
          actions: ["sts:AssumeRole", "sts:TagSession"],
          condition: [
            { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: ["default"] },
            { test: "StringEquals", variable: "aws:RequestTag/kubernetes-service-account", values: ["external-dns"] },
            { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: ["${data.aws_eks_cluster.eks_cluster.arn}"] },
          ],
        },
      ],
    });
    expect(s).toHaveResourceWithProperties(IamPolicy, { name: "controller.external-dns.demo-1", path: "/", description: "external-dns on demo, part 1 of 1" });
    expect(s).toHaveResourceWithProperties(EksPodIdentityAssociation, { cluster_name: "demo", namespace: "default", service_account: "external-dns" });
    // The chart creates the service account; Pod Identity needs no annotation on it.
    expect(s).not.toHaveResource(ServiceAccountV1);
    expect(s).not.toHaveDataSource(DataAwsCallerIdentity);
    const role = Object.keys(resources(s, "aws_iam_role"))[0]!;
    const association = Object.keys(resources(s, "aws_eks_pod_identity_association"))[0]!;
    expect(Object.keys(parse(s).output)).toEqual(["controllers"]);
    expect(parse(s).output.controllers.value).toEqual({
      "external-dns": { role_arn: `\${aws_iam_role.${role}.arn}`, role_name: `\${aws_iam_role.${role}.name}`, association_id: `\${aws_eks_pod_identity_association.${association}.association_id}` },
    });
  });

  it("makes the association wait for the policy attachments", () => {
    const s = synthController({ name: "external-dns", hostedZoneArns: [ZONE] });
    const assoc = Object.values(resources(s, "aws_eks_pod_identity_association"))[0]!;
    const attachments = Object.keys(resources(s, "aws_iam_role_policy_attachment")).map((k) => `aws_iam_role_policy_attachment.${k}`);
    expect(attachments).toHaveLength(1);
    expect(assoc.depends_on).toEqual(attachments);
  });

  it("takes namespace, service account, role settings, a service account to create and a smoke test from the entry", () => {
    const s = synthController({
      name: "cert-manager",
      hostedZoneArns: [ZONE],
      namespace: "certs",
      serviceAccount: "cm",
      createServiceAccount: true,
      smokeTest: true,
      role: { name: "cert-manager-dns", path: "/controllers/", maxSessionDuration: 7200 },
    });
    expect(s).toHaveResourceWithProperties(IamRole, { name: "cert-manager-dns", path: "/controllers/", max_session_duration: 7200 });
    expect(s).toHaveResourceWithProperties(IamPolicy, { name: "cert-manager-dns-1", path: "/controllers/" });
    expect(s).toHaveResourceWithProperties(ServiceAccountV1, { metadata: { name: "cm", namespace: "certs", labels: { "app.kubernetes.io/managed-by": "eks-pod-identity-tenants" } } });
    expect(s).toHaveResourceWithProperties(EksPodIdentityAssociation, { namespace: "certs", service_account: "cm" });
    const job = Object.values(resources(s, "kubernetes_job_v1"))[0]!;
    expect([job.metadata.name, job.metadata.namespace, job.spec.template.spec.service_account_name]).toEqual(["pod-identity-smoke-test-controller-cert-manager", "certs", "cm"]);
    expect(job.spec.template.spec.container[0].env[0]).toEqual({ name: "EXPECTED_ROLE_NAME", value: "cert-manager-dns" });
  });

  it("looks the account up only when a policy names it and no accountId is given", () => {
    const without = synthController({ name: "karpenter", nodeRoleArns: ["arn:aws:iam::111122223333:role/KarpenterNodeRole-demo"] }, { accountId: undefined });
    expect(without).toHaveDataSource(DataAwsCallerIdentity);
    const st = controllerStatements(without, "ctl").find((x) => x.sid === "AllowAPIServerEndpointDiscovery")!;
    expect(st.resources).toEqual(["arn:aws:eks:us-east-1:${data.aws_caller_identity.caller_identity.account_id}:cluster/demo"]);
    const pinned = synthController({ name: "karpenter", nodeRoleArns: ["arn:aws:iam::111122223333:role/KarpenterNodeRole-demo"] });
    expect(pinned).not.toHaveDataSource(DataAwsCallerIdentity);
  });

  it("splits a policy past 6,144 characters into several managed policies, each within the limit", () => {
    const zones = Array.from({ length: 150 }, (_, i) => `arn:aws:route53:::hostedzone/Z${String(i).padStart(20, "0")}`);
    const s = synthController({ name: "external-dns", hostedZoneArns: zones });
    const policies = Object.values(resources(s, "aws_iam_policy"));
    expect(policies.map((p) => p.name)).toEqual(["controller.external-dns.demo-1", "controller.external-dns.demo-2"]);
    expect(Object.keys(resources(s, "aws_iam_role_policy_attachment"))).toHaveLength(2);
    const statements = controllerStatements(s, "ctl");
    for (const z of zones) expect(allows(statements, "route53:ChangeResourceRecordSets", z)).toBe(true);
    expect(allows(statements, "route53:ChangeResourceRecordSets", "arn:aws:route53:::hostedzone/ZOTHER")).toBe(false);
    for (const [k, d] of Object.entries(dataSources(s, "aws_iam_policy_document")).filter(([k]) => k.includes("managed-policy"))) {
      const json = JSON.stringify({ Version: "2012-10-17", Statement: d.statement });
      expect([k, json.length <= 6144]).toEqual([k, true]);
    }
  });

  it("refuses bad props with every problem at once, in the file's words", () => {
    expect(build({ controller: { name: "externl-dns" } as never })).toThrow(/controller\.name: "externl-dns" is not a known controller; did you mean "external-dns"\?/);
    expect(build({ controller: { name: "cert-manager", hostedZoneArns: [ZONE], targetGroupArns: ["x"] } as never })).toThrow(
      /controller\.targetGroupArns: "targetGroupArns" is an option of aws-load-balancer-controller, not of cert-manager/,
    );
    let message = "";
    try {
      build({ region: "cn-north-1", accountId: "111122223333", controller: { name: "karpenter", nodeRoleArns: ["arn:aws:iam::444455556666:role/x"], interruptionQueueArn: "arn:aws:sqs:cn-north-1:111122223333:q" } })();
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.split("\n")).toEqual([
      'ControllerIdentity "ctl": invalid props:',
      '  - controller.nodeRoleArns[0]: arn:aws:iam::444455556666:role/x is in partition "aws", but cluster "demo" is in cn-north-1, partition "aws-cn"; expected arn:aws-cn:iam::111122223333:role/<path/>name',
      '  - controller.interruptionQueueArn: arn:aws:sqs:cn-north-1:111122223333:q is in partition "aws", but cluster "demo" is in cn-north-1, partition "aws-cn"; expected arn:aws-cn:sqs:cn-north-1:111122223333:<queue name>',
    ]);
  });

  it("gives the role's permissions boundary the partition and account checks of the tenants file", () => {
    const role = (permissionsBoundaryArn: string) => ({ path: "/", maxSessionDuration: 3600, permissionsBoundaryArn });
    expect(build({ accountId: "111122223333", controller: { name: "aws-efs-csi-driver", role: role("arn:aws:iam::444455556666:policy/b") } })).toThrow(
      /controller\.role\.permissionsBoundaryArn: arn:aws:iam::444455556666:policy\/b is a customer-managed policy of account 444455556666, but cluster "demo" pins accountId 111122223333/,
    );
    expect(build({ controller: { name: "aws-efs-csi-driver", role: role("arn:aws-cn:iam::444455556666:policy/b") } })).toThrow(
      /controller\.role\.permissionsBoundaryArn: arn:aws-cn:iam::444455556666:policy\/b is in partition "aws-cn", but cluster "demo" is in us-east-1, partition "aws"/,
    );
    expect(build({ accountId: "111122223333", controller: { name: "aws-efs-csi-driver", role: role("arn:aws:iam::111122223333:policy/b") } })).not.toThrow();
  });

  it("is what the tenants file builds, under controller_<name>", async () => {
    const s = (
      await synthYaml(`
clusters:
  - name: demo
    region: us-east-1
    controllers:
      - name: external-dns
        hostedZoneArns: [${ZONE}]
`)
    ).demo!;
    expect(Object.keys(resources(s, "aws_iam_role"))).toEqual(["controller_external-dns_role_E0EFF4B0"]);
    const assoc = resources(s, "aws_eks_pod_identity_association")["controller_external-dns_association_FD534683"]!;
    expect(assoc.depends_on).toEqual(["aws_eks_addon.pod_identity_agent_addon_642A3B0D", "aws_iam_role_policy_attachment.controller_external-dns_managed-policy-1-attachment_8801393B"]);
    expect(assoc.role_arn).toBe("${aws_iam_role.controller_external-dns_role_E0EFF4B0.arn}");
  });
});

describe("ControllerIdentity in a namespace the configuration creates", () => {
  it("makes its service account, association and smoke test wait for the namespace", () => {
    const stack = new TerraformStack(Testing.app(), "t");
    const ns = new NamespaceV1(stack, "tools", { metadata: { name: "tools" } });
    new ControllerIdentity(stack, "ctl", {
      cluster: testCluster(stack, { clusterName: "demo" }),
      controller: { name: "aws-efs-csi-driver", namespace: "tools", createServiceAccount: true, smokeTest: true },
      namespaceResource: ns,
    });
    const s = Testing.synth(stack);
    const dependsOn = (type: string) => Object.values(resources(s, type)).map((r) => r.depends_on as string[]);
    expect(dependsOn("kubernetes_service_account_v1")).toEqual([["kubernetes_namespace_v1.tools"]]);
    expect(dependsOn("aws_eks_pod_identity_association")).toEqual([expect.arrayContaining(["kubernetes_namespace_v1.tools"])]);
    expect(dependsOn("kubernetes_job_v1")).toEqual([[expect.stringMatching(/^aws_eks_pod_identity_association\.ctl_association_/), expect.stringMatching(/^kubernetes_service_account_v1\.ctl_service-account_/), "kubernetes_namespace_v1.tools"]]);
  });
});
