import { allows, policyOf } from "../policy-eval";

const QUEUE = "arn:aws:sqs:us-east-1:111122223333:nth-events";

describe("aws-node-termination-handler (v1.25.6 README, Queue Processor)", () => {
  const p = policyOf({ name: "aws-node-termination-handler", sqsQueueArns: [QUEUE] });

  it("consumes only the listed queues", () => {
    expect(allows(p, "sqs:ReceiveMessage", QUEUE)).toBe(true);
    expect(allows(p, "sqs:DeleteMessage", QUEUE)).toBe(true);
    expect(allows(p, "sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:orders")).toBe(false);
    expect(allows(p, "sqs:SendMessage", QUEUE)).toBe(false);
  });

  it("completes lifecycle actions and describes instances, as upstream, on every group", () => {
    expect(allows(p, "autoscaling:CompleteLifecycleAction", "arn:aws:autoscaling:us-east-1:111122223333:autoScalingGroup:0d3b6f45-1c2a-4b8e-9f00-1a2b3c4d5e6f:autoScalingGroupName/workers")).toBe(true);
    expect(allows(p, "ec2:DescribeInstances", "*")).toBe(true);
    expect(allows(p, "ec2:TerminateInstances", "*")).toBe(false);
  });
});
