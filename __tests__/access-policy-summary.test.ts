/** A policy in one line, by service and access level (lib/access/policy-summary.ts). */
import { orderLevels, policySummary, statementLevels } from "../lib/access/policy-summary";

it("summarises by service, the services with most actions first, with levels from the IAM action catalogue", async () => {
  expect(
    await policySummary([
      { effect: "Allow", actions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:PutItem"], resources: ["*"], conditions: {} },
      { effect: "Allow", actions: ["cloudwatch:GetMetricData"], resources: ["arn:aws:cloudwatch:us-east-1:111122223333:alarm:a"], conditions: {} },
      { effect: "Deny", actions: ["s3:*"], resources: ["*"], conditions: {} },
    ]),
  ).toBe("dynamodb write, read on *; cloudwatch read on arn:aws:cloudwatch:us-east-1:11112222...");
});

it("keeps NotAction as what it is, and counts the services past the first few", async () => {
  expect(await policySummary([{ effect: "Allow", actions: [], notActions: ["iam:*"], resources: ["*"], conditions: {} }])).toBe("every service but iam:* on *");
  const many = ["s3:GetObject", "sqs:SendMessage", "sns:Publish", "kms:Decrypt", "ssm:GetParameter"].map((a) => ({ effect: "Allow" as const, actions: [a], resources: ["*"], conditions: {} }));
  expect(await policySummary(many, 2)).toMatch(/; and 3 more services$/);
  expect(await policySummary([])).toBe("no Allow statement");
});

it("orders levels as a reviewer weighs them, and * as all", async () => {
  expect(orderLevels(["list", "write", "permissions management"])).toEqual(["permissions management", "write", "list"]);
  expect(await statementLevels({ effect: "Allow", actions: ["*"], resources: ["*"], conditions: {} })).toEqual(["all"]);
  expect(await statementLevels({ effect: "Allow", actions: ["s3:GetObject", "s3:ListBucket"], resources: ["*"], conditions: {} })).toEqual(["read", "list"]);
});
