import { allows, controllerStatements, policyOf, synthController } from "../policy-eval";
import { resources } from "../helpers";

const NODE_ROLE = "arn:aws:iam::111122223333:role/KarpenterNodeRole-demo";
const QUEUE = "arn:aws:sqs:us-east-1:111122223333:demo";
const INSTANCE = "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0";
const OWNED = { "aws:ResourceTag/kubernetes.io/cluster/demo": "owned", "aws:ResourceTag/karpenter.sh/nodepool": "default" };

describe("karpenter (v1.14.1 getting-started CloudFormation)", () => {
  const p = policyOf({ name: "karpenter", nodeRoleArns: [NODE_ROLE], interruptionQueueArn: QUEUE });

  it("passes only the listed node roles, and only to EC2", () => {
    expect(allows(p, "iam:PassRole", NODE_ROLE, { "iam:PassedToService": "ec2.amazonaws.com" })).toBe(true);
    expect(allows(p, "iam:PassRole", NODE_ROLE, { "iam:PassedToService": "lambda.amazonaws.com" })).toBe(false);
    expect(allows(p, "iam:PassRole", "arn:aws:iam::111122223333:role/admin", { "iam:PassedToService": "ec2.amazonaws.com" })).toBe(false);
  });

  it("terminates only instances of this cluster's node pools", () => {
    expect(allows(p, "ec2:TerminateInstances", INSTANCE, OWNED)).toBe(true);
    expect(allows(p, "ec2:TerminateInstances", INSTANCE, { "aws:ResourceTag/kubernetes.io/cluster/other": "owned", "aws:ResourceTag/karpenter.sh/nodepool": "default" })).toBe(false);
    expect(allows(p, "ec2:TerminateInstances", INSTANCE, { "aws:ResourceTag/kubernetes.io/cluster/demo": "owned" })).toBe(false);
  });

  it("launches instances only with this cluster's tags, in the cluster's region", () => {
    const tags = { "aws:RequestTag/kubernetes.io/cluster/demo": "owned", "aws:RequestTag/eks:eks-cluster-name": "demo", "aws:RequestTag/karpenter.sh/nodepool": "default" };
    expect(allows(p, "ec2:RunInstances", INSTANCE, tags)).toBe(true);
    expect(allows(p, "ec2:RunInstances", INSTANCE, { ...tags, "aws:RequestTag/eks:eks-cluster-name": "other" })).toBe(false);
    expect(allows(p, "ec2:RunInstances", "arn:aws:ec2:eu-west-1:111122223333:instance/i-0123456789abcdef0", tags)).toBe(false);
  });

  it("reads the interruption queue it is given, and no other", () => {
    expect(allows(p, "sqs:ReceiveMessage", QUEUE)).toBe(true);
    expect(allows(p, "sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:orders")).toBe(false);
    const without = policyOf({ name: "karpenter", nodeRoleArns: [NODE_ROLE] });
    expect(allows(without, "sqs:ReceiveMessage", QUEUE)).toBe(false);
  });

  it("describes its own cluster and manages instance profiles of its own account only", () => {
    expect(allows(p, "eks:DescribeCluster", "arn:aws:eks:us-east-1:111122223333:cluster/demo")).toBe(true);
    expect(allows(p, "eks:DescribeCluster", "arn:aws:eks:us-east-1:111122223333:cluster/other")).toBe(false);
    expect(allows(p, "iam:GetInstanceProfile", "arn:aws:iam::111122223333:instance-profile/demo_1234")).toBe(true);
    expect(allows(p, "iam:GetInstanceProfile", "arn:aws:iam::444455556666:instance-profile/demo_1234")).toBe(false);
    const profileTags = { "aws:ResourceTag/kubernetes.io/cluster/demo": "owned", "aws:ResourceTag/topology.kubernetes.io/region": "us-east-1", "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass": "default" };
    expect(allows(p, "iam:DeleteInstanceProfile", "arn:aws:iam::111122223333:instance-profile/demo_1234", profileTags)).toBe(true);
    expect(allows(p, "iam:DeleteInstanceProfile", "arn:aws:iam::111122223333:instance-profile/demo_1234", { ...profileTags, "aws:ResourceTag/topology.kubernetes.io/region": "eu-west-1" })).toBe(false);
  });

  it("reads regional EC2 data only in the cluster's region", () => {
    expect(allows(p, "ec2:DescribeInstanceTypes", "*", { "aws:RequestedRegion": "us-east-1" })).toBe(true);
    expect(allows(p, "ec2:DescribeInstanceTypes", "*", { "aws:RequestedRegion": "eu-west-1" })).toBe(false);
  });
});

describe("karpenter on a cluster with a long name", () => {
  it("splits its policy in two once the cluster name pushes it past 6,144 characters, keeping every statement", () => {
    // The name appears about 20 times in the template's policies: 90 characters add about 1,700.
    const clusterName = `platform-${"x".repeat(81)}`;
    const clusterArn = `arn:aws:eks:us-east-1:111122223333:cluster/${clusterName}`;
    const s = synthController({ name: "karpenter", nodeRoleArns: [NODE_ROLE], interruptionQueueArn: QUEUE, role: { name: "karpenter-long" } }, { clusterName });
    expect(Object.values(resources(s, "aws_iam_policy")).map((p) => p.name)).toEqual(["karpenter-long-1", "karpenter-long-2"]);
    const p = controllerStatements(s, "ctl");
    // The template's six policies hold 6 + 4 + 1 + 1 + 1 + 5 statements.
    expect(p.map((x) => x.sid)).toHaveLength(18);
    expect(allows(p, "eks:DescribeCluster", clusterArn)).toBe(true);
    expect(allows(p, "ec2:TerminateInstances", INSTANCE, { [`aws:ResourceTag/kubernetes.io/cluster/${clusterName}`]: "owned", "aws:ResourceTag/karpenter.sh/nodepool": "default" })).toBe(true);
  });
});
