/** lib/policy/session-policy.ts: the association's `policy` document. */
import { sessionPolicyArgument, sessionPolicySize, sessionPolicyStatements } from "../lib/policy/session-policy";
import { PARTITION } from "../lib/aws/arn-environment";

const values = { namespace: "sales", serviceAccount: "reporter", cluster: "prod-east" };
const env = { partition: "aws", accountId: "111122223333", region: "us-east-1" };

describe("sessionPolicyStatements", () => {
  it("builds grants and statements as a tenant's own policy, placeholders taking the tenant's values", () => {
    const sts = sessionPolicyStatements(
      {
        grants: [{ s3: { bucket: "acme", prefix: "${namespace}/", access: "read" } }],
        statements: [{ sid: "Send", effect: "Allow", actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111122223333:${cluster}-jobs"] }],
      },
      values,
    );
    expect(sts.map((s) => [s.sid.replace(/[0-9a-f]{8}$/, ""), s.actions, s.resources])).toEqual([
      ["S3List", ["s3:ListBucket"], [`arn:${PARTITION}:s3:::acme`]],
      ["S3Read", ["s3:GetObject", "s3:GetObjectVersion"], [`arn:${PARTITION}:s3:::acme/sales/*`]],
      ["Send", ["sqs:SendMessage"], ["arn:aws:sqs:us-east-1:111122223333:prod-east-jobs"]],
    ]);
  });
});

describe("sessionPolicyArgument", () => {
  it("writes one minified JSON document with the environment filled in", () => {
    const sts = sessionPolicyStatements({ grants: [], statements: [{ sid: "Read", effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme/*"] }] }, values);
    expect(sessionPolicyArgument(sts, env)).toBe('{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::acme/*"]}]}');
  });

  it("escapes IAM policy variables for Terraform once, so that EKS receives them as written", () => {
    const sts = sessionPolicyStatements(
      { grants: [], statements: [{ sid: "Own", effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme/${aws:userid}/*"], conditions: { StringLike: { "s3:prefix": "%{x}" } } }] },
      values,
    );
    const arg = sessionPolicyArgument(sts, env);
    expect(arg).toContain('"Resource":["arn:aws:s3:::acme/$${aws:userid}/*"]');
    expect(arg).toContain('"Condition":{"StringLike":{"s3:prefix":["%%{x}"]}}');
  });

  it("keeps a Terraform reference in the environment a reference", () => {
    const sts = sessionPolicyStatements({ grants: [{ sqs: { queue: "jobs", access: "send" } }], statements: [] }, values);
    const arg = sessionPolicyArgument(sts, { partition: "${TfToken[TOKEN.1]}", accountId: "${TfToken[TOKEN.2]}", region: "${TfToken[TOKEN.3]}" });
    expect(arg).toContain('"arn:${TfToken[TOKEN.1]}:sqs:${TfToken[TOKEN.3]}:${TfToken[TOKEN.2]}:jobs"');
  });
});

describe("sessionPolicySize", () => {
  it("is the minified length with the longest partition and a 12-digit account, never less than what EKS receives", () => {
    const sts = sessionPolicyStatements({ grants: [{ sqs: { queue: "jobs", access: "send" } }], statements: [] }, values);
    const inAws = sessionPolicyArgument(sts, env).length;
    const worst = sessionPolicySize(sts, "us-east-1");
    expect(worst - inAws).toBe("aws-us-gov".length - "aws".length);
  });
});
