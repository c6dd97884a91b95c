/**
 * The ARN guardrails, proven with the IAM policy simulator: what the lint calls "every resource
 * of its kind" does reach resources of other buckets, accounts and roles; what validate refuses
 * matches nothing or too much; and the controller policies built from valid options reach the
 * named resources and nothing beside them.
 */
import { decide, ACCOUNT } from "./iam-simulate-policies";
import { policyOf, type Statement } from "./policy-eval";

const allow = (actions: string[], resources: string[]): Statement => ({ effect: "Allow", actions, resources });

describe("what the lint flags reaches every resource of the kind", () => {
  it("arn:aws:s3:::*/* writes into every bucket, not only the tenant's", async () => {
    const p = [allow(["s3:PutObject"], ["arn:aws:s3:::*/*"])];
    expect(await decide(p, "s3:PutObject", "arn:aws:s3:::team-b-private/secrets.txt")).toBe("Allowed");
    expect(await decide(p, "s3:PutObject", "arn:aws:s3:::any-other-bucket/x")).toBe("Allowed");
  });

  it("arn:aws:iam::*:role/* passes and assumes roles of any account", async () => {
    const p = [allow(["iam:PassRole", "sts:AssumeRole"], ["arn:aws:iam::*:role/*"])];
    expect(await decide(p, "iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/admin`)).toBe("Allowed");
    // A role of another account that trusts this account (as OrganizationAccountAccessRole trusts the management account).
    const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: "sts:AssumeRole" }] };
    const other = "arn:aws:iam::444455556666:role/OrganizationAccountAccessRole";
    expect(await decide(p, "sts:AssumeRole", other, { resourceAccount: "444455556666", resourcePolicy: trust })).toBe("Allowed");
    expect(await decide([allow(["sts:AssumeRole"], [`arn:aws:iam::${ACCOUNT}:role/*`])], "sts:AssumeRole", other, { resourceAccount: "444455556666", resourcePolicy: trust })).toBe("ImplicitlyDenied");
  });

  it("iam:Put* on the tenant's own role lets the pod give itself any permission", async () => {
    const own = `arn:aws:iam::${ACCOUNT}:role/web-role`;
    const p = [allow(["iam:Put*"], [own])];
    expect(await decide(p, "iam:PutRolePolicy", own)).toBe("Allowed");
    expect(await decide(p, "iam:PutRolePermissionsBoundary", own)).toBe("Allowed");
  });

  it("a name prefix the lint accepts stays within the prefix", async () => {
    const p = [allow(["s3:PutObject"], ["arn:aws:s3:::logs/*"])];
    expect(await decide(p, "s3:PutObject", "arn:aws:s3:::logs/app.log")).toBe("Allowed");
    expect(await decide(p, "s3:PutObject", "arn:aws:s3:::team-b-private/x")).toBe("ImplicitlyDenied");
  });
});

describe("what validate refuses matches nothing", () => {
  it("an IAM role ARN with a region never matches the role", async () => {
    const p = [allow(["iam:GetRole"], [`arn:aws:iam:us-east-1:${ACCOUNT}:role/app`])];
    expect(await decide(p, "iam:GetRole", `arn:aws:iam::${ACCOUNT}:role/app`)).toBe("ImplicitlyDenied");
  });

  it("a parameter ARN with the name's leading '/' never matches the parameter", async () => {
    const p = [allow(["ssm:GetParameter"], [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter//app/db`])];
    expect(await decide(p, "ssm:GetParameter", `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/db`)).toBe("ImplicitlyDenied");
  });
});

describe("controller policies from valid options reach only what the options name", () => {
  it("external-secrets with a parameter prefix reads that prefix and no other parameter", async () => {
    const p = policyOf({ name: "external-secrets", ssmParameterArns: [`arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/*`] });
    expect(await decide(p, "ssm:GetParameter", `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/app/db`)).toBe("Allowed");
    expect(await decide(p, "ssm:GetParameter", `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/other/db`)).toBe("ImplicitlyDenied");
    expect(await decide(p, "ssm:GetParameter", `arn:aws:ssm:eu-west-1:${ACCOUNT}:parameter/app/db`)).toBe("ImplicitlyDenied");
  });

  it("external-secrets with a secret prefix reads those secrets and no other", async () => {
    const p = policyOf({ name: "external-secrets", secretsManagerArns: [`arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:app/db-*`] });
    expect(await decide(p, "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:app/db-AbCdEf`)).toBe("Allowed");
    expect(await decide(p, "secretsmanager:GetSecretValue", `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:payments/key-AbCdEf`)).toBe("ImplicitlyDenied");
  });

  it("Karpenter reads its interruption queue and no other queue", async () => {
    const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:karpenter-demo`;
    const p = policyOf({ name: "karpenter", nodeRoleArns: [`arn:aws:iam::${ACCOUNT}:role/KarpenterNodeRole`], interruptionQueueArn: queue });
    expect(await decide(p, "sqs:ReceiveMessage", queue)).toBe("Allowed");
    expect(await decide(p, "sqs:ReceiveMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`)).toBe("ImplicitlyDenied");
    expect(await decide(p, "sqs:DeleteMessage", `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`)).toBe("ImplicitlyDenied");
  });

  it("velero writes only under the named object prefix of the named bucket", async () => {
    const p = policyOf({ name: "velero", bucketArns: ["arn:aws:s3:::backups"], bucketPathArns: ["arn:aws:s3:::backups/demo/*"] });
    expect(await decide(p, "s3:PutObject", "arn:aws:s3:::backups/demo/backup.tar.gz")).toBe("Allowed");
    expect(await decide(p, "s3:PutObject", "arn:aws:s3:::backups/other-cluster/backup.tar.gz")).toBe("ImplicitlyDenied");
    expect(await decide(p, "s3:PutObject", "arn:aws:s3:::team-b-private/demo/x")).toBe("ImplicitlyDenied");
  });
});
