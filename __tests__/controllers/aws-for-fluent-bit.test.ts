import { allows, policyOf } from "../policy-eval";

const GROUP = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/eks/demo/*";

describe("aws-for-fluent-bit (amazon-cloudwatch-logs-for-fluent-bit v1.9.4 permissions)", () => {
  const p = policyOf({ name: "aws-for-fluent-bit", logGroupArns: [GROUP] });

  it("writes log events only to streams of the listed log groups", () => {
    expect(allows(p, "logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/eks/demo/containers:log-stream:fluentbit-kube.var.log")).toBe(true);
    expect(allows(p, "logs:PutLogEvents", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/billing:log-stream:2026/11/28")).toBe(false);
    expect(allows(p, "logs:CreateLogGroup", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/eks/demo/containers")).toBe(true);
    expect(allows(p, "logs:CreateLogGroup", "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/billing")).toBe(false);
  });

  it("sets retention only when asked, and never deletes", () => {
    const group = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/eks/demo/containers";
    expect(allows(p, "logs:PutRetentionPolicy", group)).toBe(false);
    expect(allows(policyOf({ name: "aws-for-fluent-bit", logGroupArns: [GROUP], putRetentionPolicy: true }), "logs:PutRetentionPolicy", group)).toBe(true);
    expect(allows(p, "logs:DeleteLogGroup", group)).toBe(false);
  });
});
