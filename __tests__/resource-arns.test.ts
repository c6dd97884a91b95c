import { reachesEveryResource, resourceArnProblem } from "../lib/policy/resource-arns";

describe("reachesEveryResource", () => {
  it.each([
    "*",
    "arn:aws:s3:::*",
    "arn:aws:s3:::*/*",
    "arn:aws:iam::*:role/*",
    "arn:aws:iam::*:role/app",
    "arn:aws:iam::111122223333:role/*",
    "arn:aws:iam::111122223333:ro*",
    "arn:aws:sqs:*:*:*",
    "arn:aws:sqs:*:111122223333:jobs",
    "arn:aws:sqs:us-east-1:111122223333:*",
    "arn:aws:ssm:us-east-1:111122223333:parameter/*",
    "arn:aws:dynamodb:us-east-1:111122223333:table/*",
    "arn:aws:secretsmanager:us-east-1:111122223333:secret:*",
    "arn:aws:unknownservice:us-east-1:111122223333:*",
  ])("%s reaches every resource of its kind", async (r) => {
    expect(await reachesEveryResource(r)).toBe(true);
  });

  it.each([
    "arn:aws:s3:::logs/*",
    // A bucket-name prefix, not "every access point": access points have a region and an account.
    "arn:aws:s3:::a*",
    "arn:aws:iam::111122223333:role/team-*",
    "arn:aws:iam::111122223333:role/path/*",
    "arn:aws:sqs:us-east-1:111122223333:jobs-*",
    "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*",
    "arn:aws:ssm:us-east-1:111122223333:parameter/app/*",
    "arn:aws:s3:::${namespace}/*",
    "arn:aws:s3:::data/${aws:PrincipalTag/kubernetes-namespace}/*",
    "arn:aws:unknownservice:us-east-1:111122223333:thing/*",
    // IAM roles have no region: the wildcard can only stand for the empty field.
    "arn:aws:iam:*:111122223333:role/app",
  ])("%s does not", async (r) => {
    expect(await reachesEveryResource(r)).toBe(false);
  });
});

describe("resourceArnProblem", () => {
  it("refuses a region on resources whose ARN has none, IAM's with the error IAM gives", async () => {
    expect(await resourceArnProblem("arn:aws:iam:us-east-1:111122223333:role/app")).toBe(
      '"arn:aws:iam:us-east-1:111122223333:role/app" has region "us-east-1", but iam ARNs of this kind have no region field (arn:aws:iam::${Account}:role/${RoleNameWithPath}), so it matches no resource and IAM refuses the policy (MalformedPolicyDocument); write arn:aws:iam::111122223333:role/app',
    );
    expect(await resourceArnProblem("arn:aws:route53:us-east-1::hostedzone/Z1")).toContain("has region \"us-east-1\", but route53 ARNs of this kind have no region field");
    expect(await resourceArnProblem("arn:aws:s3:us-east-1:111122223333:bucket/*")).toBe(
      '"arn:aws:s3:us-east-1:111122223333:bucket/*" has region "us-east-1" and account "111122223333", but s3 ARNs of this kind have no region and no account field (arn:aws:s3:::${BucketName}, arn:aws:s3:::${BucketName}/${ObjectName}), so it matches no resource; write arn:aws:s3:::bucket/*',
    );
  });

  it("refuses the leading '/' of a name AWS writes without one", async () => {
    expect(await resourceArnProblem("arn:aws:ssm:us-east-1:111122223333:parameter//app/db")).toBe(
      '"arn:aws:ssm:us-east-1:111122223333:parameter//app/db" writes the name after "parameter/" with its leading \'/\', but AWS writes these ARNs without it (parameter/${ParameterNameWithoutLeadingSlash}), so it matches nothing; write arn:aws:ssm:us-east-1:111122223333:parameter/app/db',
    );
  });

  it.each([
    "arn:aws:iam::111122223333:role/app",
    "arn:aws:s3:::bucket/key",
    // S3 access points and Storage Lens do have a region and an account.
    "arn:aws:s3:us-east-1:111122223333:accesspoint/ap",
    "arn:aws:sqs:us-east-1:111122223333:jobs",
    // Public parameters are written without an account (Karpenter's policy does so).
    "arn:aws:ssm:us-east-1::parameter/aws/service/*",
    "arn:aws:iam:*:111122223333:role/app",
    "arn:aws:unknownservice:us-east-1:111122223333:thing",
    "*",
  ])("accepts %s", async (r) => {
    expect(await resourceArnProblem(r)).toBeUndefined();
  });
});
