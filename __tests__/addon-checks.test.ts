import { problemsOf } from "./helpers";

const HEAD = `clusters:
  - name: demo
    region: us-east-1
    addons:
`;

describe("clusters[].addons checks", () => {
  it("accepts known add-ons by name and unknown ones with a service account and policies", async () => {
    expect(
      await problemsOf(`${HEAD}      - name: aws-ebs-csi-driver
      - name: vpc-cni
        version: v1.15.5-eksbuild.1
      - { name: vendor_agent, serviceAccount: vendor-sa, managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess] }
`),
    ).toEqual([]);
  });

  it("refuses an unknown add-on without a service account or policies, listing the known ones", async () => {
    expect(await problemsOf(`${HEAD}      - name: aws-ebs-csi-drivr\n      - { name: vendor_agent, serviceAccount: vendor-sa }\n`)).toEqual([
      'tenants.yaml:5:15: clusters[0].addons[0].name: add-on "aws-ebs-csi-drivr" is not a known add-on; did you mean "aws-ebs-csi-driver"?, so it needs serviceAccount and managedPolicyArns; known add-ons, which need only a name: aws-ebs-csi-driver, aws-efs-csi-driver, vpc-cni, amazon-cloudwatch-observability',
      'tenants.yaml:6:17: clusters[0].addons[1].name: add-on "vendor_agent" is not a known add-on, so it needs managedPolicyArns; known add-ons, which need only a name: aws-ebs-csi-driver, aws-efs-csi-driver, vpc-cni, amazon-cloudwatch-observability',
    ]);
  });

  it("refuses the agent itself as an add-on", async () => {
    expect(await problemsOf(`${HEAD}      - name: eks-pod-identity-agent\n`)).toEqual([
      'tenants.yaml:5:15: clusters[0].addons[0].name: "eks-pod-identity-agent" is the Pod Identity agent itself, which uses the node role; set it up with clusters[0].agent instead',
    ]);
  });

  it("refuses an add-on listed twice", async () => {
    expect(await problemsOf(`${HEAD}      - name: vpc-cni\n      - name: vpc-cni\n`)).toEqual([
      'tenants.yaml:6:15: clusters[0].addons[1].name: add-on "vpc-cni" is already listed at clusters[0].addons[0]; a cluster has each add-on once',
    ]);
  });

  it("refuses a version older than the add-on's Pod Identity support", async () => {
    expect(await problemsOf(`${HEAD}      - { name: aws-ebs-csi-driver, version: v1.25.9-eksbuild.3 }\n`)).toEqual([
      'tenants.yaml:5:46: clusters[0].addons[0].version: aws-ebs-csi-driver supports Pod Identity from v1.26.0-eksbuild.1; "v1.25.9-eksbuild.3" is older',
    ]);
    expect(await problemsOf(`${HEAD}      - { name: aws-ebs-csi-driver, version: v1.26.0-eksbuild.1 }\n      - { name: aws-efs-csi-driver, version: v2.10.0-eksbuild.1 }\n`)).toEqual([]);
  });

  it("refuses a tenant on a known add-on's service account", async () => {
    expect(
      await problemsOf(`${HEAD}      - name: amazon-cloudwatch-observability
tenants:
  - { name: cw, namespace: amazon-cloudwatch, serviceAccount: cloudwatch-agent }
  - { name: other, namespace: kube-system, serviceAccount: cloudwatch-agent }
`),
    ).toEqual([
      // Creating it is refused too (kubernetes-checks.ts); createServiceAccount: false alone would not fix this file.
      'tenants.yaml:7:63: tenants[0].serviceAccount: service account amazon-cloudwatch/cloudwatch-agent belongs to the EKS add-on amazon-cloudwatch-observability, which creates it, so the stack must not create it; set createServiceAccount: false to associate a role with it without creating it',
      'tenants.yaml:7:63: tenants[0].serviceAccount: tenant "cw" associates service account "cloudwatch-agent" in namespace "amazon-cloudwatch" on cluster "demo", which add-on "amazon-cloudwatch-observability" already associates; EKS allows one role per service account',
    ]);
  });

  it("refuses an add-on role name that a tenant or another add-on already uses in the account", async () => {
    expect(
      await problemsOf(`${HEAD}      - { name: vpc-cni, role: { name: Shared-Role } }
      - { name: aws-ebs-csi-driver, role: { name: addon.vpc-cni.other } }
  - name: other
    region: us-east-1
    addons:
      - name: vpc-cni
tenants:
  - { name: web, namespace: web, serviceAccount: web, role: { name: shared-role }, clusters: [demo] }
`),
    ).toEqual([
      'tenants.yaml:5:40: clusters[0].addons[0].role.name: role name "Shared-Role" of add-on "vpc-cni" on cluster "demo" is already used by tenant "web" on cluster "demo" in the same account (no accountId is set; set it if the clusters are in different accounts); IAM role names are unique per account, ignoring case. Leave role.name out to get a per-cluster name',
      'tenants.yaml:10:15: clusters[1].addons[0].name: role name "addon.vpc-cni.other" of add-on "vpc-cni" on cluster "other" is already used by add-on "aws-ebs-csi-driver" on cluster "demo" in the same account (no accountId is set; set it if the clusters are in different accounts); IAM role names are unique per account, ignoring case. Leave role.name out to get a per-cluster name',
    ]);
  });

  it("allows the same default add-on role name in clusters of different accounts", async () => {
    expect(
      await problemsOf(`clusters:
  - { name: demo, region: us-east-1, accountId: "111122223333", addons: [{ name: vpc-cni, role: { name: cni } }] }
  - { name: demo2, region: us-east-1, accountId: "444455556666", addons: [{ name: vpc-cni, role: { name: cni } }] }
`),
    ).toEqual([]);
  });

  it("checks managed policies: duplicates, and the IAM quota", async () => {
    const arns = Array.from({ length: 11 }, (_, i) => `arn:aws:iam::111122223333:policy/p${i}`);
    expect(await problemsOf(`${HEAD}      - { name: vpc-cni, managedPolicyArns: [${[...arns, arns[0]].join(", ")}] }\n`)).toEqual([
      "tenants.yaml:5:45: clusters[0].addons[0].managedPolicyArns: add-on \"vpc-cni\" attaches 12 managed policies; the default IAM quota is 10 per role, so this needs a quota raise (up to 20)".replace(/^/, "warning: "),
      "tenants.yaml:5:454: clusters[0].addons[0].managedPolicyArns[11]: arn:aws:iam::111122223333:policy/p0 is listed twice",
    ]);
  });

  it("refuses unknown keys and bad names with the schema's messages", async () => {
    expect(await problemsOf(`${HEAD}      - { name: Bad.Name, serviceAcount: x }\n`)).toEqual([
      "tenants.yaml:5:17: clusters[0].addons[0].name: \"Bad.Name\" is not a valid EKS add-on name: at most 63 characters of a-z, 0-9, '-' and '_', starting and ending with a letter or digit",
      'tenants.yaml:5:27: clusters[0].addons[0].serviceAcount: unknown key "serviceAcount"; did you mean "serviceAccount"?; allowed keys: name, version, serviceAccount, role, managedPolicyArns, configurationValues',
    ]);
  });
});
