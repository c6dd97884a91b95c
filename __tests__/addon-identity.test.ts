import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { AddonIdentity } from "../lib/constructs/addon-identity";
import { KNOWN_ADDONS } from "../lib/aws/known-addons";
import { dataSources, parse, resources, stackOf, synthYaml } from "./helpers";
import { withCluster } from "./cluster-fixture";

const TRUST = {
  statement: [
    {
      sid: "AllowEksAuthToAssumeRoleForPodIdentity",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
      actions: ["sts:AssumeRole", "sts:TagSession"],
    },
  ],
};

function withAddons(addons: string, agent = "{}"): string {
  return `
clusters:
  - name: demo
    region: us-east-1
    agent: ${agent}
    addons:
${addons}
`;
}

describe("AddonIdentity through clusters[].addons", () => {
  it("gives a known add-on, named alone, its documented service account, policy and a Pod Identity role", async () => {
    const s = (await synthYaml(withAddons("      - name: aws-ebs-csi-driver"))).demo!;
    expect(resources(s, "aws_eks_addon")["addon_aws-ebs-csi-driver_addon_7FD21FCA"]).toEqual({
      addon_name: "aws-ebs-csi-driver",
      cluster_name: "demo",
      pod_identity_association: [{ role_arn: "${aws_iam_role.addon_aws-ebs-csi-driver_role_06728B27.arn}", service_account: "ebs-csi-controller-sa" }],
      resolve_conflicts_on_create: "OVERWRITE",
      resolve_conflicts_on_update: "OVERWRITE",
      depends_on: [
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D",
        "aws_iam_role_policy_attachment.addon_aws-ebs-csi-driver_policy-aws-service-roleAmazonEBSCSIDriverPolicy_51F084BE",
      ],
    });
    expect(resources(s, "aws_iam_role")).toEqual({
      "addon_aws-ebs-csi-driver_role_06728B27": {
        name: "addon.aws-ebs-csi-driver.demo",
        path: "/",
        assume_role_policy: "${data.aws_iam_policy_document.addon_aws-ebs-csi-driver_trust_54AB36EF.json}",
        description: "EKS Pod Identity role for the aws-ebs-csi-driver add-on (ebs-csi-controller-sa) on demo",
        max_session_duration: 3600,
      },
    });
    expect(dataSources(s, "aws_iam_policy_document")).toEqual({ "addon_aws-ebs-csi-driver_trust_54AB36EF": TRUST });
    expect(resources(s, "aws_iam_role_policy_attachment")).toEqual({
      "addon_aws-ebs-csi-driver_policy-aws-service-roleAmazonEBSCSIDriverPolicy_51F084BE": {
        policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
        role: "${aws_iam_role.addon_aws-ebs-csi-driver_role_06728B27.name}",
      },
    });
    // EKS owns the add-on's association; a standalone one would be a second for the same service account.
    expect(resources(s, "aws_eks_pod_identity_association")).toEqual({});
    expect(parse(s).output).toEqual({
      addons: {
        value: { "aws-ebs-csi-driver": { role_arn: "${aws_iam_role.addon_aws-ebs-csi-driver_role_06728B27.arn}", role_name: "${aws_iam_role.addon_aws-ebs-csi-driver_role_06728B27.name}" } },
        description: "Each add-on's IAM role (role_arn, role_name), by add-on name",
      },
    });
  });

  // Written out from the EKS user guide's "AWS add-ons" page, not read from KNOWN_ADDONS.
  it.each([
    ["aws-ebs-csi-driver", "ebs-csi-controller-sa", ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"]],
    ["aws-efs-csi-driver", "efs-csi-controller-sa", ["arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy"]],
    ["vpc-cni", "aws-node", ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"]],
    ["amazon-cloudwatch-observability", "cloudwatch-agent", ["arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess", "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"]],
  ])("knows %s", async (name, serviceAccount, policyArns) => {
    const s = (await synthYaml(withAddons(`      - name: ${name}`))).demo!;
    const addon = Object.values(resources(s, "aws_eks_addon")).find((a) => a.addon_name === name)!;
    expect(addon.pod_identity_association[0].service_account).toBe(serviceAccount);
    expect(Object.values(resources(s, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn).sort()).toEqual(policyArns);
  });

  it("attaches a known add-on's AWS managed policies in the cluster's partition", async () => {
    const s = (await synthYaml(withAddons("      - name: amazon-cloudwatch-observability").replace("region: us-east-1", "region: us-gov-west-1"))).demo!;
    expect(Object.values(resources(s, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn).sort()).toEqual([
      "arn:aws-us-gov:iam::aws:policy/AWSXrayWriteOnlyAccess",
      "arn:aws-us-gov:iam::aws:policy/CloudWatchAgentServerPolicy",
    ]);
  });

  it("has the documented defaults for the four common add-ons", () => {
    expect(KNOWN_ADDONS).toEqual({
      "aws-ebs-csi-driver": { serviceAccount: "ebs-csi-controller-sa", namespace: "kube-system", managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"], minVersion: "v1.26.0-eksbuild.1" },
      "aws-efs-csi-driver": { serviceAccount: "efs-csi-controller-sa", namespace: "kube-system", managedPolicies: ["service-role/AmazonEFSCSIDriverPolicy"], minVersion: "v2.0.5-eksbuild.1" },
      "vpc-cni": { serviceAccount: "aws-node", namespace: "kube-system", managedPolicies: ["AmazonEKS_CNI_Policy"], minVersion: "v1.15.5-eksbuild.1" },
      "amazon-cloudwatch-observability": {
        serviceAccount: "cloudwatch-agent",
        namespace: "amazon-cloudwatch",
        managedPolicies: ["CloudWatchAgentServerPolicy", "AWSXrayWriteOnlyAccess"],
        minVersion: "v3.1.0-eksbuild.1",
      },
    });
  });

  it("lets an entry override the version, service account, policies, role and configuration", async () => {
    const s = (
      await synthYaml(
        withAddons(`      - name: vpc-cni
        version: v1.18.0-eksbuild.1
        serviceAccount: aws-node-custom
        role: { name: cni-role, path: /addons/, maxSessionDuration: 7200 }
        managedPolicyArns: [arn:aws:iam::111122223333:policy/cni-ipv6]
        configurationValues: { env: { ENABLE_PREFIX_DELEGATION: "true" } }`),
      )
    ).demo!;
    expect(s).toHaveResourceWithProperties(EksAddon, {
      addon_name: "vpc-cni",
      addon_version: "v1.18.0-eksbuild.1",
      configuration_values: '{"env":{"ENABLE_PREFIX_DELEGATION":"true"}}',
      pod_identity_association: [{ role_arn: "${aws_iam_role.addon_vpc-cni_role_76CFC4C1.arn}", service_account: "aws-node-custom" }],
    });
    expect(s).toHaveResourceWithProperties(IamRole, { name: "cni-role", path: "/addons/", max_session_duration: 7200 });
    expect(Object.values(resources(s, "aws_iam_role_policy_attachment"))).toEqual([
      { policy_arn: "arn:aws:iam::111122223333:policy/cni-ipv6", role: "${aws_iam_role.addon_vpc-cni_role_76CFC4C1.name}" },
    ]);
  });

  it("accepts an unknown add-on with its service account and policies", async () => {
    const s = (await synthYaml(withAddons("      - { name: vendor_agent, serviceAccount: vendor-sa, managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess] }"))).demo!;
    expect(s).toHaveResourceWithProperties(EksAddon, { addon_name: "vendor_agent", pod_identity_association: [{ role_arn: "${aws_iam_role.addon_vendor_agent_role_261A2DE5.arn}", service_account: "vendor-sa" }] });
    expect(s).toHaveResourceWithProperties(IamRole, { name: "addon.vendor_agent.demo" });
  });

  it("depends on the Helm release with install: helm, and on nothing but its policies with install: none", async () => {
    const helm = (await synthYaml(withAddons("      - name: aws-efs-csi-driver", "{ install: helm, chart: { repository: oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts } }"))).demo!;
    expect(Object.values(resources(helm, "aws_eks_addon"))[0]!.depends_on).toEqual([
      "helm_release.pod_identity_agent_release_B6B9E398",
      "aws_iam_role_policy_attachment.addon_aws-efs-csi-driver_policy-aws-service-roleAmazonEFSCSIDriverPolicy_2807B5CE",
    ]);
    const none = (await synthYaml(withAddons("      - name: aws-efs-csi-driver", "{ install: none }"))).demo!;
    expect(Object.values(resources(none, "aws_eks_addon"))).toHaveLength(1);
    expect(Object.values(resources(none, "aws_eks_addon"))[0]!.depends_on).toEqual([
      "aws_iam_role_policy_attachment.addon_aws-efs-csi-driver_policy-aws-service-roleAmazonEFSCSIDriverPolicy_2807B5CE",
    ]);
  });

  it("keeps every add-on's addresses when another add-on is added or reordered", async () => {
    const one = (await synthYaml(withAddons("      - name: vpc-cni"))).demo!;
    const two = (await synthYaml(withAddons("      - name: aws-ebs-csi-driver\n      - name: vpc-cni"))).demo!;
    for (const type of ["aws_eks_addon", "aws_iam_role", "aws_iam_role_policy_attachment"]) {
      const before = resources(one, type);
      const after = resources(two, type);
      for (const [id, body] of Object.entries(before)) expect(after[id]).toEqual(body);
    }
  });
});

describe("AddonIdentity from TypeScript", () => {
  it("builds the role, attachments and add-on from props, with tags", () => {
    const s = stackOf((stack) => {
      new AddonIdentity(stack, "ebs", withCluster(stack, {
        clusterName: "c1",
        addonName: "aws-ebs-csi-driver",
        serviceAccount: "ebs-csi-controller-sa",
        managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"],
        tags: { team: "storage" },
      }));
    });
    expect(s).toHaveResourceWithProperties(IamRole, { name: "addon.aws-ebs-csi-driver.c1", tags: { team: "storage" } });
    expect(s).toHaveResourceWithProperties(IamRolePolicyAttachment, { policy_arn: "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy" });
    expect(s).toHaveResourceWithProperties(EksAddon, { cluster_name: "c1", tags: { team: "storage" } });
  });

  it("derives a role name of at most 64 characters for a long cluster name", () => {
    let id: AddonIdentity | undefined;
    stackOf((stack) => {
      id = new AddonIdentity(stack, "x", withCluster(stack, { clusterName: "c".repeat(100), addonName: "amazon-cloudwatch-observability", serviceAccount: "cloudwatch-agent" }));
    });
    expect(id!.roleName).toHaveLength(64);
    expect(id!.roleName).toMatch(/^addon\.amazon-cloudwatch-observability\.c+-[0-9a-f]{8}$/);
  });

  it("checks its props like the tenants file does", () => {
    expect(() =>
      stackOf((stack) => new AddonIdentity(stack, "x", withCluster(stack, { clusterName: "c1", addonName: "eks-pod-identity-agent", serviceAccount: "Bad_SA", version: "1.2.0", managedPolicyArns: ["a", "a"] }))),
    ).toThrow(
      [
        'AddonIdentity "x": invalid props:',
        '  - addonName: "eks-pod-identity-agent" is the Pod Identity agent itself, which uses the node role; set it up with PodIdentityAgent instead',
        '  - version: "1.2.0" is not an EKS add-on version: a version such as v1.3.8-eksbuild.2',
        "  - serviceAccount: \"Bad_SA\" is not a valid service account name: a DNS-1123 subdomain of at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit",
        "  - managedPolicyArns[1]: a is listed twice",
        `  - managedPolicyArns[0]: "a" is not an IAM policy ARN: arn:<partition>:iam::<12-digit account or aws>:policy/<path/>name, the path without '//' and not under aws-service-role/`,
        `  - managedPolicyArns[1]: "a" is not an IAM policy ARN: arn:<partition>:iam::<12-digit account or aws>:policy/<path/>name, the path without '//' and not under aws-service-role/`,
      ].join("\n"),
    );
  });
});
