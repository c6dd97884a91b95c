/** What a resource ARN stands for in the access review's picture (lib/access/resource-nodes.ts). */
import { resourceNode } from "../lib/access/resource-nodes";

it("names buckets and prefixes, tables (their indexes with them), queues, topics, secrets, parameters, keys and roles", () => {
  expect(resourceNode("arn:aws:s3:::acme")).toEqual({ key: "s3:acme", label: "S3 bucket acme" });
  expect(resourceNode("arn:aws:s3:::acme/daily/*")).toEqual({ key: "s3:acme/daily/*", label: "S3 bucket acme, objects daily/*" });
  expect(resourceNode("arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*")).toEqual(resourceNode("arn:aws:dynamodb:us-east-1:111122223333:table/orders"));
  expect(resourceNode("arn:aws:dynamodb:us-east-1:111122223333:table/orders").label).toBe("DynamoDB table orders (111122223333)");
  expect(resourceNode("arn:aws:sqs:us-east-1:111122223333:jobs").label).toBe("SQS queue jobs (111122223333)");
  expect(resourceNode("arn:aws:sns:us-east-1:111122223333:alerts").label).toBe("SNS topic alerts (111122223333)");
  expect(resourceNode("arn:aws:secretsmanager:us-east-1:111122223333:secret:reports/db-??????").label).toBe("secret reports/db-?????? (111122223333)");
  expect(resourceNode("arn:aws:ssm:us-east-1:111122223333:parameter/reports/*").label).toBe("SSM parameter/reports/* (111122223333)");
  expect(resourceNode("arn:aws:kms:us-east-1:111122223333:key/k").label).toBe("KMS key/k (111122223333)");
  expect(resourceNode("arn:aws:iam::444455556666:role/t").label).toBe("IAM role/t (444455556666)");
  expect(resourceNode("*")).toEqual({ key: "*", label: "every resource (*)" });
  expect(resourceNode("not-an-arn")).toEqual({ key: "not-an-arn", label: "not-an-arn" });
});
