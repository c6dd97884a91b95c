import { allows, policyOf } from "../policy-eval";

const ASG = "arn:aws:autoscaling:us-east-1:111122223333:autoScalingGroup:0d3b6f45-1c2a-4b8e-9f00-1a2b3c4d5e6f:autoScalingGroupName/demo-workers";

describe("cluster-autoscaler (cluster-autoscaler-1.36.1 AWS README)", () => {
  it("scales only groups tagged for this cluster by default", () => {
    const p = policyOf({ name: "cluster-autoscaler" });
    for (const action of ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]) {
      expect(allows(p, action, ASG, { "aws:ResourceTag/k8s.io/cluster-autoscaler/demo": "owned" })).toBe(true);
      expect(allows(p, action, ASG, { "aws:ResourceTag/k8s.io/cluster-autoscaler/other": "owned" })).toBe(false);
      expect(allows(p, action, ASG)).toBe(false);
    }
  });

  it("scales the groups of each listed cluster instead when clusterNames is given", () => {
    const p = policyOf({ name: "cluster-autoscaler", clusterNames: ["blue", "green"] });
    expect(allows(p, "autoscaling:SetDesiredCapacity", ASG, { "aws:ResourceTag/k8s.io/cluster-autoscaler/blue": "true" })).toBe(true);
    expect(allows(p, "autoscaling:SetDesiredCapacity", ASG, { "aws:ResourceTag/k8s.io/cluster-autoscaler/green": "true" })).toBe(true);
    expect(allows(p, "autoscaling:SetDesiredCapacity", ASG, { "aws:ResourceTag/k8s.io/cluster-autoscaler/demo": "true" })).toBe(false);
  });

  it("describes node groups of its clusters only, and describes Auto Scaling and EC2 everywhere", () => {
    const p = policyOf({ name: "cluster-autoscaler" });
    expect(allows(p, "eks:DescribeNodegroup", "arn:aws:eks:us-east-1:111122223333:nodegroup/demo/workers/6ec5d1a3-55bb-4b2e-9a1e-000000000000")).toBe(true);
    expect(allows(p, "eks:DescribeNodegroup", "arn:aws:eks:us-east-1:111122223333:nodegroup/other/workers/6ec5d1a3-55bb-4b2e-9a1e-000000000000")).toBe(false);
    expect(allows(p, "autoscaling:DescribeAutoScalingGroups", "*")).toBe(true);
    expect(allows(p, "ec2:GetInstanceTypesFromInstanceRequirements", "*")).toBe(true);
  });
});
