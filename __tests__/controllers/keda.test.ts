import { allows, policyOf } from "../policy-eval";

const QUEUE = "arn:aws:sqs:us-east-1:111122223333:jobs";
const ROLE = "arn:aws:iam::444455556666:role/keda-workload";

describe("keda (KEDA 2.21 AWS authentication docs)", () => {
  it("reads attributes of the listed queues only, and nothing else of them", () => {
    const p = policyOf({ name: "keda", sqsQueueArns: [QUEUE] });
    expect(allows(p, "sqs:GetQueueAttributes", QUEUE)).toBe(true);
    expect(allows(p, "sqs:GetQueueAttributes", "arn:aws:sqs:us-east-1:111122223333:orders")).toBe(false);
    expect(allows(p, "sqs:ReceiveMessage", QUEUE)).toBe(false);
    expect(allows(p, "sts:AssumeRole", ROLE)).toBe(false);
  });

  it("assumes the listed workload roles only", () => {
    const p = policyOf({ name: "keda", assumeRoleArns: [ROLE] });
    expect(allows(p, "sts:AssumeRole", ROLE)).toBe(true);
    expect(allows(p, "sts:AssumeRole", "arn:aws:iam::444455556666:role/admin")).toBe(false);
  });
});
