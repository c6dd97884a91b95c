import { allows, policyOf, synthController } from "../policy-eval";
import { dataSources, resources } from "../helpers";

const LB = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/k8s-web-shop/50dc6c495c0c9188";
const TG = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/k8s-web-shop/73e2d6bc24d8a067";
const OTHER_TG = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/legacy/1a2b3c4d5e6f7a8b";
const SG = "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123456789abcdef0";
const OWNED = { "aws:ResourceTag/elbv2.k8s.aws/cluster": "demo" };

describe("aws-load-balancer-controller, full policy (v3.5.0 iam_policy.json)", () => {
  const p = policyOf({ name: "aws-load-balancer-controller" });

  it("changes and deletes only load balancers and target groups tagged elbv2.k8s.aws/cluster", () => {
    for (const action of ["elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetSubnets"]) {
      expect(allows(p, action, LB, OWNED)).toBe(true);
      expect(allows(p, action, LB)).toBe(false);
    }
    expect(allows(p, "elasticloadbalancing:DeleteTargetGroup", TG, OWNED)).toBe(true);
    expect(allows(p, "elasticloadbalancing:DeleteTargetGroup", TG)).toBe(false);
  });

  it("creates load balancers only with the cluster tag in the request", () => {
    expect(allows(p, "elasticloadbalancing:CreateLoadBalancer", LB, { "aws:RequestTag/elbv2.k8s.aws/cluster": "demo" })).toBe(true);
    expect(allows(p, "elasticloadbalancing:CreateLoadBalancer", LB)).toBe(false);
  });

  it("deletes only its own security groups, and tags one only when creating it or when it already has the tag", () => {
    expect(allows(p, "ec2:DeleteSecurityGroup", SG, OWNED)).toBe(true);
    expect(allows(p, "ec2:DeleteSecurityGroup", SG)).toBe(false);
    expect(allows(p, "ec2:CreateTags", SG, { "ec2:CreateAction": "CreateSecurityGroup", "aws:RequestTag/elbv2.k8s.aws/cluster": "demo" })).toBe(true);
    expect(allows(p, "ec2:CreateTags", SG, OWNED)).toBe(true);
    // Adding the cluster tag to someone else's security group would make it the controller's.
    expect(allows(p, "ec2:CreateTags", SG, { "aws:RequestTag/elbv2.k8s.aws/cluster": "demo" })).toBe(false);
    expect(allows(p, "ec2:CreateTags", "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", OWNED)).toBe(false);
  });

  it("creates only the Elastic Load Balancing service-linked role", () => {
    expect(allows(p, "iam:CreateServiceLinkedRole", "*", { "iam:AWSServiceName": "elasticloadbalancing.amazonaws.com" })).toBe(true);
    expect(allows(p, "iam:CreateServiceLinkedRole", "*", { "iam:AWSServiceName": "ec2.amazonaws.com" })).toBe(false);
  });

  it("registers targets in any target group but nothing outside Elastic Load Balancing", () => {
    expect(allows(p, "elasticloadbalancing:RegisterTargets", TG)).toBe(true);
    expect(allows(p, "elasticloadbalancing:RegisterTargets", "arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0")).toBe(false);
    expect(allows(p, "iam:PassRole", "arn:aws:iam::111122223333:role/admin")).toBe(false);
  });

  it("writes ARNs in the cluster's partition", () => {
    const cn = policyOf({ name: "aws-load-balancer-controller" }, { region: "cn-north-1" });
    expect(allows(cn, "elasticloadbalancing:RegisterTargets", "arn:aws-cn:elasticloadbalancing:cn-north-1:111122223333:targetgroup/web/73e2d6bc24d8a067")).toBe(true);
    expect(allows(cn, "elasticloadbalancing:RegisterTargets", TG)).toBe(false);
  });

  it("fits one customer-managed policy, named after the role", () => {
    const s = synthController({ name: "aws-load-balancer-controller" });
    expect(Object.values(resources(s, "aws_iam_policy")).map((x) => x.name)).toEqual(["controller.aws-load-balancer-controller.demo-1"]);
    expect(Object.keys(dataSources(s, "aws_iam_policy_document")).filter((k) => k.includes("managed-policy"))).toHaveLength(1);
  });
});

describe("aws-load-balancer-controller with targetGroupArns (TargetGroupBinding only)", () => {
  const p = policyOf({ name: "aws-load-balancer-controller", targetGroupArns: [TG] });

  it("registers and deregisters targets only in the listed target groups", () => {
    for (const action of ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets", "elasticloadbalancing:ModifyTargetGroup"]) {
      expect(allows(p, action, TG)).toBe(true);
      expect(allows(p, action, OTHER_TG)).toBe(false);
    }
  });

  it("creates and deletes nothing", () => {
    expect(allows(p, "elasticloadbalancing:CreateLoadBalancer", LB, { "aws:RequestTag/elbv2.k8s.aws/cluster": "demo" })).toBe(false);
    expect(allows(p, "elasticloadbalancing:DeleteLoadBalancer", LB, OWNED)).toBe(false);
    expect(allows(p, "ec2:AuthorizeSecurityGroupIngress", SG, OWNED)).toBe(false);
  });

  it("still describes what it needs, which has no resource-level permissions", () => {
    expect(allows(p, "elasticloadbalancing:DescribeTargetHealth", "*")).toBe(true);
    expect(allows(p, "ec2:DescribeInstances", "*")).toBe(true);
  });
});
