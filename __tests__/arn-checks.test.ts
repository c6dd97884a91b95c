import { arnPartitionProblem, policyAccountProblem } from "../lib/aws/arn-rules";
import { problemsOf } from "./helpers";
import { lintManagedPolicy } from "../lib/policy/lint";

/** The content warning of an AWS managed policy (lib/policy/lint.ts), as validate prints it at `at`. */
const managedFlag = (at: string, owner: string, arn = "arn:aws:iam::aws:policy/ReadOnlyAccess") => `warning: tenants.yaml:${at}: ${lintManagedPolicy(arn, [], owner)[0]!.message}`;

describe("ARNs against the clusters their roles land on", () => {
  it("refuses ARNs of another partition and customer-managed policies of another account than the pinned one", async () => {
    const yaml = `clusters:
  - { name: east, region: us-east-1, accountId: "111122223333" }
  - { name: gov, region: us-gov-west-1 }
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    clusters: [east]
    role: { permissionsBoundaryArn: "arn:aws:iam::444455556666:policy/boundary" }
    managedPolicyArns: ["arn:aws-cn:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111122223333:policy/mine"]
    targetRoleArn: "arn:aws-us-gov:iam::444455556666:role/target"
    grants: [{ sqs: { queue: "arn:aws-cn:sqs:cn-north-1:111122223333:q", access: send } }]
    statements:
      - { actions: ["s3:GetObject"], resources: ["arn:aws-cn:s3:::b/*", "arn:*:s3:::c/*", "arn:aws*:s3:::d/*", "*"] }
  - { name: gov-team, namespace: g, serviceAccount: sa, clusters: [gov], managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws-us-gov:iam::444455556666:policy/x"] }
  - { name: both, namespace: b, serviceAccount: sa, managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }
`;
    expect(await problemsOf(yaml)).toEqual([
      "tenants.yaml:9:37: tenants[0].role.permissionsBoundaryArn: arn:aws:iam::444455556666:policy/boundary is a customer-managed policy of account 444455556666, but cluster \"east\" pins accountId 111122223333; IAM attaches customer-managed policies only to roles of their own account. Use a policy of account 111122223333, or an AWS managed policy (arn:\u2026:iam::aws:policy/\u2026)",
      "tenants.yaml:10:25: tenants[0].managedPolicyArns[0]: arn:aws-cn:iam::aws:policy/ReadOnlyAccess is in partition \"aws-cn\", but cluster \"east\" is in us-east-1, partition \"aws\"; a role can only use ARNs of its own partition: write arn:aws:\u2026",
      managedFlag("10:25: tenants[0].managedPolicyArns[0]", 'tenant "web"', "arn:aws-cn:iam::aws:policy/ReadOnlyAccess"),
      "tenants.yaml:10:70: tenants[0].managedPolicyArns[1]: arn:aws:iam::aws:policy/ReadOnlyAccess would take the same Terraform address (policy-aws-ReadOnlyAccess) as arn:aws-cn:iam::aws:policy/ReadOnlyAccess; attach one of them through a policy of another name",
      managedFlag("10:70: tenants[0].managedPolicyArns[1]", 'tenant "web"'),
      "tenants.yaml:11:20: tenants[0].targetRoleArn: arn:aws-us-gov:iam::444455556666:role/target is in partition \"aws-us-gov\", but cluster \"east\" is in us-east-1, partition \"aws\"; a role can only use ARNs of its own partition: write arn:aws:\u2026",
      "tenants.yaml:12:30: tenants[0].grants[0].sqs.queue: arn:aws-cn:sqs:cn-north-1:111122223333:q is in partition \"aws-cn\", but cluster \"east\" is in us-east-1, partition \"aws\"; a role can only use ARNs of its own partition: write arn:aws:\u2026",
      "tenants.yaml:14:50: tenants[0].statements[0].resources[0]: arn:aws-cn:s3:::b/* is in partition \"aws-cn\", but cluster \"east\" is in us-east-1, partition \"aws\"; a role can only use ARNs of its own partition: write arn:aws:\u2026",
      "tenants.yaml:15:94: tenants[1].managedPolicyArns[0]: arn:aws:iam::aws:policy/ReadOnlyAccess is in partition \"aws\", but cluster \"gov\" is in us-gov-west-1, partition \"aws-us-gov\"; a role can only use ARNs of its own partition: write arn:aws-us-gov:\u2026",
      managedFlag("15:94: tenants[1].managedPolicyArns[0]", 'tenant "gov-team"'),
      "tenants.yaml:16:73: tenants[2].managedPolicyArns[0]: arn:aws:iam::aws:policy/ReadOnlyAccess is in partition \"aws\", but cluster \"gov\" is in us-gov-west-1, partition \"aws-us-gov\"; a role can only use ARNs of its own partition: write arn:aws-us-gov:\u2026",
      managedFlag("16:73: tenants[2].managedPolicyArns[0]", 'tenant "both"'),
    ]);
  });

  it("accepts wildcard partitions that match, AWS managed policies anywhere, and any account when none is pinned", () => {
    expect(arnPartitionProblem("arn:*:s3:::c/*", { name: "x", region: "cn-north-1" })).toBeUndefined();
    expect(arnPartitionProblem("arn:aws*:s3:::c/*", { name: "x", region: "us-gov-east-1" })).toBeUndefined();
    expect(arnPartitionProblem("arn:aws-cn:s3:::c/*", { name: "x", region: "cn-northwest-1" })).toBeUndefined();
    expect(arnPartitionProblem("arn:aws-?n:s3:::c/*", { name: "x", region: "eu-west-1" })).toBe(
      'arn:aws-?n:s3:::c/* is in partition "aws-?n", but cluster "x" is in eu-west-1, partition "aws"; a role can only use ARNs of its own partition: write arn:aws:…',
    );
    expect(policyAccountProblem("arn:aws:iam::aws:policy/ReadOnlyAccess", { name: "x", accountId: "111122223333" })).toBeUndefined();
    expect(policyAccountProblem("arn:aws:iam::444455556666:policy/p", { name: "x" })).toBeUndefined();
    expect(policyAccountProblem("arn:aws:iam::111122223333:policy/p", { name: "x", accountId: "111122223333" })).toBeUndefined();
  });

  it("gives a controller's permissions boundary the partition and account checks a tenant's gets", async () => {
    const yaml = `
clusters:
  - name: east
    region: us-east-1
    accountId: "111122223333"
    controllers:
      - { name: aws-efs-csi-driver, role: { permissionsBoundaryArn: "arn:aws:iam::444455556666:policy/b" } }
      - { name: aws-fsx-csi-driver, role: { permissionsBoundaryArn: "arn:aws-cn:iam::111122223333:policy/b" } }
      - { name: aws-gateway-api-controller, role: { permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/b" } }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:7:69: clusters[0].controllers[0].role.permissionsBoundaryArn: arn:aws:iam::444455556666:policy/b is a customer-managed policy of account 444455556666, but cluster "east" pins accountId 111122223333; IAM attaches customer-managed policies only to roles of their own account. Use a policy of account 111122223333, or an AWS managed policy (arn:…:iam::aws:policy/…)',
      'tenants.yaml:8:69: clusters[0].controllers[1].role.permissionsBoundaryArn: arn:aws-cn:iam::111122223333:policy/b is in partition "aws-cn", but cluster "east" is in us-east-1, partition "aws"; a role can only use ARNs of its own partition: write arn:aws:…',
    ]);
  });

  it("checks add-ons' policies and boundaries and shared roles' ARNs on their clusters", async () => {
    const yaml = `
clusters:
  - name: gov
    region: us-gov-east-1
    accountId: "111122223333"
    addons: [{ name: aws-ebs-csi-driver, managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"], role: { permissionsBoundaryArn: "arn:aws-us-gov:iam::999999999999:policy/b" } }]
tenants: [{ name: t, namespace: t, serviceAccount: t, sharedRole: s }]
sharedRoles: [{ name: s, grants: [{ s3: { bucket: "arn:aws:s3:::data" } }] }]
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:6:62: clusters[0].addons[0].managedPolicyArns[0]: arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy is in partition "aws", but cluster "gov" is in us-gov-east-1, partition "aws-us-gov"; a role can only use ARNs of its own partition: write arn:aws-us-gov:…',
      'tenants.yaml:6:160: clusters[0].addons[0].role.permissionsBoundaryArn: arn:aws-us-gov:iam::999999999999:policy/b is a customer-managed policy of account 999999999999, but cluster "gov" pins accountId 111122223333; IAM attaches customer-managed policies only to roles of their own account. Use a policy of account 111122223333, or an AWS managed policy (arn:…:iam::aws:policy/…)',
      'tenants.yaml:8:51: sharedRoles[0].grants[0].s3.bucket: arn:aws:s3:::data is in partition "aws", but cluster "gov" is in us-gov-east-1, partition "aws-us-gov"; a role can only use ARNs of its own partition: write arn:aws-us-gov:…',
    ]);
  });
});
