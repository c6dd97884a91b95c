import { ACCOUNT, PARTITION, REGION } from "../lib/aws/arn-environment";
import { policyJson, policySize } from "../lib/policy/policy-size";
import type { PolicyStatement } from "../lib/policy/statement";

const ST: PolicyStatement = {
  sid: "A",
  effect: "Allow",
  actions: ["s3:GetObject"],
  resources: [`arn:${PARTITION}:s3:::b/\${aws:PrincipalTag/kubernetes-namespace}/*`, `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:q`],
  conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["${aws:username}/*"] }],
};

describe("policyJson and policySize", () => {
  it("write the document as IAM stores it", () => {
    expect(JSON.parse(policyJson([ST], { partition: "aws", accountId: "111122223333", region: "us-east-1" }))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "A",
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: ["arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*", "arn:aws:sqs:us-east-1:111122223333:q"],
          Condition: { StringLike: { "s3:prefix": ["${aws:username}/*"] } },
        },
      ],
    });
  });

  it("size with the longest partition, never less than the real document", () => {
    const real = policyJson([ST], { partition: "aws", accountId: "111122223333", region: "us-east-1" }).length;
    expect(policySize([ST], "us-east-1")).toBe(real + 2 * ("aws-us-gov".length - "aws".length));
  });
});

it("writes conditions whose operator or key is named like an Object.prototype member as they are, and nothing else", () => {
  const before = Object.getOwnPropertyNames(Object).join();
  const json = policyJson(
    [{ sid: "S", effect: "Allow", actions: ["s3:GetObject"], resources: ["*"], conditions: [{ test: "constructor", variable: "toString", values: ["a"] }, { test: "__proto__", variable: "__proto__", values: ["b"] }] }],
    { partition: "aws", accountId: "111122223333", region: "us-east-1" },
  );
  expect(json).toBe('{"Version":"2012-10-17","Statement":[{"Sid":"S","Effect":"Allow","Action":["s3:GetObject"],"Resource":["*"],"Condition":{"constructor":{"toString":["a"]},"__proto__":{"__proto__":["b"]}}}]}');
  expect(Object.getOwnPropertyNames(Object).join()).toBe(before);
});
