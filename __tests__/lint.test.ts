import { statementSchema } from "../lib/schema/schema";
import { formatPath } from "../lib/diagnostics/problems";
import { isEveryResource, lintManagedPolicy, lintStatementActions } from "../lib/policy/lint";

const show = (fs: ReadonlyArray<{ path: ReadonlyArray<string | number>; message: string; severity: string }>) => fs.map((f) => `${f.severity} ${formatPath(f.path)}: ${f.message}`);

describe("lintManagedPolicy", () => {
  const lint = (arn: string) => show(lintManagedPolicy(arn, ["p"], 'tenant "web"'));

  it("warns about what a policy's document grants, naming the tenant, the policy and its version", () => {
    expect(lint("arn:aws:iam::aws:policy/AdministratorAccess")).toEqual([
      'warning p: tenant "web": AWS-managed policy "AdministratorAccess" (arn:aws:iam::aws:policy/AdministratorAccess), by what its default version v1 allows: statement 1: action "*" allows every action of every service; statement 1: allows every action on every resource ("*"); prefer grants or statements scoped to the resources the tenant uses',
    ]);
    // Its name says nothing; its NotAction says all but IAM, Organizations and Account.
    expect(lint("arn:aws:iam::aws:policy/PowerUserAccess")[0]).toContain('statement 1: NotAction ["iam:*","organizations:*","account:*"] allows every action of every service but those');
    expect(lint("arn:aws:iam::aws:policy/IAMFullAccess")[0]).toContain('action "iam:*" matches iam:PassRole');
    expect(lint("arn:aws-cn:iam::aws:policy/AmazonDynamoDBFullAccess")[0]).toMatch(/^warning p: tenant "web": AWS-managed policy "AmazonDynamoDBFullAccess" \(arn:aws-cn:iam::aws:policy\/AmazonDynamoDBFullAccess\), by what the aws partition's default version v\d+ of it allows: statement 1: action "dynamodb:\*" allows every action of service "dynamodb"; .* \(\d+ findings in all\); prefer/);
    expect(lint("arn:aws:iam::aws:policy/job-function/SystemAdministrator")[0]).toContain("by what its default version");
  });

  it("takes no policy named like an Object.prototype member for an admin policy", () => {
    for (const name of Object.getOwnPropertyNames(Object.prototype)) expect(lint(`arn:aws:iam::aws:policy/${name}`)).toEqual([]);
  });

  it("leaves read-only and customer-managed policies alone", () => {
    expect(lint("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")).toEqual([]);
    expect(lint("arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess")).toEqual([]);
    expect(lint("arn:aws:iam::111122223333:policy/AdministratorAccess")).toEqual([]);
  });
});

describe("lintStatementActions", () => {
  const lint = async (input: unknown) => show(await lintStatementActions(statementSchema.parse(input), ["s"], 'tenant "web": inline policy "least-privilege", statement "X"'));

  it("warns about * and svc:* actions", async () => {
    expect(await lint({ actions: ["*"], resources: ["arn:aws:s3:::b"] })).toEqual([
      'warning s.actions[0]: tenant "web": inline policy "least-privilege", statement "X": action "*" allows every action of every service; name the actions the tenant needs',
    ]);
    expect(await lint({ actions: ["S3:*"], resources: ["arn:aws:s3:::b"] })).toEqual([
      'warning s.actions[0]: tenant "web": inline policy "least-privilege", statement "X": action "S3:*" allows every action of service "s3"; name the actions the tenant needs',
      // s3:* includes s3:PutBucketPolicy and the other permissions-management actions.
      expect.stringMatching(/^warning s\.actions\[0\]: .*action "S3:\*" matches s3:\S+, s3:\S+, s3:\S+ \(\d+ such actions in all\), which lets the pod change IAM permissions/),
    ]);
  });

  it("warns about write actions on a * resource, and not about reads or denies", async () => {
    expect(await lint({ actions: ["sns:Publish", "sns:GetTopicAttributes"], resources: ["*"] })).toEqual([
      'warning s.resources[0]: tenant "web": inline policy "least-privilege", statement "X": allows write actions such as sns:Publish on every resource ("*"); name the resources by ARN',
    ]);
    expect(await lint({ actions: ["s3:PutObject", "s3:PutObjectTagging"], resources: ["arn:aws:s3:::b/*", "*"] })).toEqual([
      'warning s.resources[1]: tenant "web": inline policy "least-privilege", statement "X": allows write actions such as s3:PutObject, s3:PutObjectTagging on every resource ("*"); name the resources by ARN',
    ]);
    expect(await lint({ actions: ["s3:ListAllMyBuckets", "ec2:Describe*"], resources: ["*"] })).toEqual([]);
    expect(await lint({ effect: "Deny", actions: ["s3:DeleteObject"], resources: ["*"] })).toEqual([]);
  });

  it("treats an ARN whose resource part is all wildcards as every resource", async () => {
    expect(await lint({ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::*"] })).toEqual([
      'warning s.resources[0]: tenant "web": inline policy "least-privilege", statement "X": allows write actions such as s3:PutObject on every resource of its kind ("arn:aws:s3:::*": a wildcard stands for its whole region, account or resource name); name the resources by ARN',
    ]);
    expect(isEveryResource("arn:*:sqs:*:*:*")).toBe(true);
    expect(isEveryResource("arn:aws:sqs:us-east-1:111122223333:*")).toBe(true);
    expect(isEveryResource("arn:aws:s3:::*/*")).toBe(true);
    expect(isEveryResource("arn:aws:iam::*:role/x")).toBe(true);
    expect(isEveryResource("arn:aws:s3:::bucket/*")).toBe(false);
    expect(isEveryResource("arn:aws:sqs:us-east-1:111122223333:jobs")).toBe(false);
  });

  it("judges the ARN: a wildcard account, region or name reaches every resource of the kind, one warning per such resource", async () => {
    const found = await lint({
      actions: ["s3:PutObject", "sqs:SendMessage", "dynamodb:PutItem"],
      resources: [
        "arn:aws:s3:::*/*",
        "arn:aws:s3:::logs/*",
        "arn:aws:s3:::logs-*/x",
        "arn:aws:sqs:*:*:*",
        "arn:aws:sqs:us-east-1:*:jobs",
        "arn:aws:sqs:eu-west-1:111122223333:jobs-*",
        "arn:aws:dynamodb:us-east-1:111122223333:table/*",
        "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*",
      ],
    });
    expect(found.map((f) => /^warning (s\.resources\[\d\])/.exec(f)?.[1])).toEqual(["s.resources[0]", "s.resources[3]", "s.resources[4]", "s.resources[6]"]);
  });
});

describe("escalation", () => {
  const lint = async (input: unknown) => show(await lintStatementActions(statementSchema.parse(input), ["s"], 'tenant "web": inline policy "least-privilege", statement "X"'));
  const own = "arn:aws:iam::111122223333:role/web-demo";

  it("warns about iam:PassRole and every sts:Assume* action, on any resource", async () => {
    expect(await lint({ actions: ["iam:PassRole"], resources: ["arn:aws:iam::111122223333:role/app"] })).toEqual([
      `warning s.actions[0]: tenant "web": inline policy "least-privilege", statement "X": action "iam:PassRole" lets the pod change IAM permissions or take another identity: it passes a role to an AWS service, which then acts with that role's permissions; a pod should not hold it, on any resource (its own role included)`,
    ]);
    for (const a of ["sts:AssumeRole", "sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML", "sts:AssumeRoot"]) {
      expect(await lint({ actions: [a], resources: ["arn:aws:iam::444455556666:role/x"] })).toEqual([expect.stringContaining(`action "${a}" lets the pod change IAM permissions or take another identity: it takes another identity's credentials`)]);
    }
    expect(await lint({ actions: ["sts:Assume*"], resources: ["arn:aws:iam::444455556666:role/x"] })).toEqual([expect.stringContaining('action "sts:Assume*" matches sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity (4 such actions in all)')]);
  });

  it("takes Permissions management from the catalogue, through wildcards, even on the tenant's own role", async () => {
    expect(await lint({ actions: ["iam:Put*"], resources: [own] })).toEqual([
      `warning s.actions[0]: tenant "web": inline policy "least-privilege", statement "X": action "iam:Put*" matches iam:PutGroupPolicy, iam:PutRolePermissionsBoundary, iam:PutRolePolicy (5 such actions in all), which lets the pod change IAM permissions or take another identity: it changes permissions (access level "Permissions management"); a pod should not hold it, on any resource (its own role included)`,
    ]);
    // Not IAM alone: a bucket policy or a KMS grant changes who may do what just as well.
    expect(await lint({ actions: ["s3:PutBucketPolicy", "kms:CreateGrant"], resources: ["arn:aws:s3:::b"] })).toEqual([
      expect.stringContaining('action "s3:PutBucketPolicy" lets the pod change IAM permissions'),
      expect.stringContaining('action "kms:CreateGrant" lets the pod change IAM permissions'),
    ]);
  });

  it("leaves reads, plain writes and denies alone", async () => {
    expect(await lint({ actions: ["iam:GetRole", "iam:List*", "sts:GetCallerIdentity", "s3:PutObject"], resources: [own] })).toEqual([]);
    expect(await lint({ effect: "Deny", actions: ["iam:PassRole", "iam:Put*"], resources: ["*"] })).toEqual([]);
  });

  it("reports unknown actions as errors", async () => {
    expect(await lint({ actions: ["sqs:SendMessageBatch"], resources: ["*"] })).toEqual(['error s.actions[0]: "sqs:SendMessageBatch" is not an IAM action; did you mean "sqs:SendMessage"?']);
  });
});

describe("checkStatementActions", () => {
  it("lists the unknown actions of statements for TypeScript users", async () => {
    const { checkStatementActions } = await import("../lib/policy/lint");
    expect(await checkStatementActions([{ actions: ["s3:GetObject"] }, { actions: ["sns:Publish", "s3:GetObjects"] }])).toEqual([
      'statements[1].actions[1]: "s3:GetObjects" is not an IAM action; did you mean "s3:GetObject"?',
    ]);
  });
});
