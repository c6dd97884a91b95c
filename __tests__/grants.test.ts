import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import type { Grant } from "../lib/schema/schema";
import { grantSchema } from "../lib/schema/schema";
import { SESSION_TAG_VARIABLES } from "../lib/policy/abac";
import { grantProblems, grantStatements } from "../lib/policy/grants";
import { renderStatement } from "../lib/policy/render-statement";
import type { ArnEnvironment } from "../lib/aws/arn-environment";
import { dataSources, synthYaml } from "./helpers";

const ENV: ArnEnvironment = { partition: "aws", accountId: "111122223333", region: "us-east-1" };
const VALUES = { namespace: "web", serviceAccount: "web-sa", cluster: "demo" };

/** The grant as the tenants file would give it (defaults applied). */
function grant(input: unknown): Grant {
  return grantSchema.parse(input);
}

/** The statements of a grant, rendered with literal partition, account and region, sids masked. */
function statementsOf(input: unknown, values = VALUES) {
  return grantStatements(grant(input), values).map((s) => {
    const r = renderStatement(s, ENV);
    return { ...r, sid: r.sid!.replace(/[0-9a-f]{8}$/, "#") };
  });
}

describe("S3 grant", () => {
  it("read: ListBucket on the bucket only under the prefix, object reads under the prefix", () => {
    expect(statementsOf({ s3: { bucket: "acme-reports", prefix: "daily/", access: "read" } })).toEqual([
      {
        sid: "S3List#",
        effect: "Allow",
        actions: ["s3:ListBucket"],
        resources: ["arn:aws:s3:::acme-reports"],
        condition: [{ test: "StringLike", variable: "s3:prefix", values: ["daily/*"] }],
      },
      { sid: "S3Read#", effect: "Allow", actions: ["s3:GetObject", "s3:GetObjectVersion"], resources: ["arn:aws:s3:::acme-reports/daily/*"], condition: undefined },
    ]);
  });

  it("write: put, abort and list multipart parts, delete; no listing of the bucket", () => {
    expect(statementsOf({ s3: { bucket: "acme-reports", prefix: "out/", access: "write" } })).toEqual([
      {
        sid: "S3Write#",
        effect: "Allow",
        actions: ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:DeleteObject"],
        resources: ["arn:aws:s3:::acme-reports/out/*"],
        condition: undefined,
      },
    ]);
  });

  it("readwrite: list, read and write statements; read is the default access", () => {
    expect(statementsOf({ s3: { bucket: "b-1", prefix: "p/", access: "readwrite" } }).map((s) => s.sid)).toEqual(["S3List#", "S3Read#", "S3Write#"]);
    expect(statementsOf({ s3: { bucket: "b-1", prefix: "p/" } }).map((s) => s.sid)).toEqual(["S3List#", "S3Read#"]);
  });

  it("without a prefix covers the whole bucket, and a bucket ARN is taken as it is", () => {
    expect(statementsOf({ s3: { bucket: "arn:aws-cn:s3:::acme", access: "read" } })).toEqual([
      { sid: "S3List#", effect: "Allow", actions: ["s3:ListBucket"], resources: ["arn:aws-cn:s3:::acme"], condition: undefined },
      { sid: "S3Read#", effect: "Allow", actions: ["s3:GetObject", "s3:GetObjectVersion"], resources: ["arn:aws-cn:s3:::acme/*"], condition: undefined },
    ]);
  });

  it("in a shared role, ${namespace} becomes the session tag, escaped for Terraform", () => {
    const [list, read] = statementsOf({ s3: { bucket: "acme-teams", prefix: "${namespace}/", access: "read" } }, SESSION_TAG_VARIABLES);
    expect(list!.condition).toEqual([{ test: "StringLike", variable: "s3:prefix", values: ["$${aws:PrincipalTag/kubernetes-namespace}/*"] }]);
    expect(read!.resources).toEqual(["arn:aws:s3:::acme-teams/$${aws:PrincipalTag/kubernetes-namespace}/*"]);
  });

  it("in a tenant's own role, ${namespace} becomes the tenant's namespace", () => {
    expect(statementsOf({ s3: { bucket: "acme-teams", prefix: "${namespace}/${serviceAccount}/", access: "write" } })[0]!.resources).toEqual(["arn:aws:s3:::acme-teams/web/web-sa/*"]);
  });
});

describe("DynamoDB grant", () => {
  it("read: item reads on the table, Query and Scan also on its indexes", () => {
    expect(statementsOf({ dynamodb: { table: "orders", access: "read" } })).toEqual([
      {
        sid: "DynamoDBRead#",
        effect: "Allow",
        actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"],
        resources: ["arn:aws:dynamodb:us-east-1:111122223333:table/orders"],
        condition: undefined,
      },
      { sid: "DynamoDBReadIndexes#", effect: "Allow", actions: ["dynamodb:Query", "dynamodb:Scan"], resources: ["arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*"], condition: undefined },
    ]);
  });

  it("write: item writes on the table only", () => {
    expect(statementsOf({ dynamodb: { table: "arn:aws:dynamodb:eu-west-1:444455556666:table/x-y", access: "write" } })).toEqual([
      {
        sid: "DynamoDBWrite#",
        effect: "Allow",
        actions: ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"],
        resources: ["arn:aws:dynamodb:eu-west-1:444455556666:table/x-y"],
        condition: undefined,
      },
    ]);
    expect(statementsOf({ dynamodb: { table: "orders", access: "readwrite" } }).map((s) => s.sid)).toEqual(["DynamoDBRead#", "DynamoDBReadIndexes#", "DynamoDBWrite#"]);
  });
});

describe("SQS, SNS, Secrets Manager, SSM and KMS grants", () => {
  it("sqs send", () => {
    expect(statementsOf({ sqs: { queue: "jobs", access: "send" } })).toEqual([
      { sid: "SQSSend#", effect: "Allow", actions: ["sqs:SendMessage", "sqs:GetQueueUrl"], resources: ["arn:aws:sqs:us-east-1:111122223333:jobs"], condition: undefined },
    ]);
  });

  it("sqs consume", () => {
    expect(statementsOf({ sqs: { queue: "jobs.fifo", access: "consume" } })).toEqual([
      {
        sid: "SQSConsume#",
        effect: "Allow",
        actions: ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
        resources: ["arn:aws:sqs:us-east-1:111122223333:jobs.fifo"],
        condition: undefined,
      },
    ]);
  });

  it("sns publish", () => {
    expect(statementsOf({ sns: { topic: "alerts" } })).toEqual([
      { sid: "SNSPublish#", effect: "Allow", actions: ["sns:Publish"], resources: ["arn:aws:sns:us-east-1:111122223333:alerts"], condition: undefined },
    ]);
  });

  it("secrets manager read matches the six-character suffix, not any suffix", () => {
    expect(statementsOf({ secretsManager: { secret: "reports/db", access: "read" } })).toEqual([
      {
        sid: "SecretsManagerRead#",
        effect: "Allow",
        actions: ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"],
        resources: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:reports/db-??????"],
        condition: undefined,
      },
    ]);
    const arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:reports/db-AbC123";
    expect(statementsOf({ secretsManager: { secret: arn } })[0]!.resources).toEqual([arn]);
  });

  it("ssm read covers the path itself (GetParametersByPath) and below it, without a doubled slash", () => {
    const expected = [
      {
        sid: "SSMRead#",
        effect: "Allow",
        actions: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
        resources: ["arn:aws:ssm:us-east-1:111122223333:parameter/reports", "arn:aws:ssm:us-east-1:111122223333:parameter/reports/*"],
        condition: undefined,
      },
    ];
    expect(statementsOf({ ssm: { path: "/reports/" } })).toEqual(expected);
    expect(statementsOf({ ssm: { path: "reports" } })).toEqual(expected);
  });

  it("kms decrypt and encrypt", () => {
    const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(statementsOf({ kms: { keyArn: key } })).toEqual([{ sid: "KMSDecrypt#", effect: "Allow", actions: ["kms:Decrypt"], resources: [key], condition: undefined }]);
    expect(statementsOf({ kms: { keyArn: key, access: "encrypt" } })).toEqual([{ sid: "KMSEncrypt#", effect: "Allow", actions: ["kms:Encrypt", "kms:GenerateDataKey"], resources: [key], condition: undefined }]);
  });
});

describe("every grant", () => {
  const all: unknown[] = [
    { s3: { bucket: "acme", prefix: "p/", access: "readwrite" } },
    { dynamodb: { table: "orders", access: "readwrite" } },
    { sqs: { queue: "jobs", access: "send" } },
    { sqs: { queue: "jobs", access: "consume" } },
    { sns: { topic: "alerts" } },
    { secretsManager: { secret: "s" } },
    { ssm: { path: "/p/" } },
    { kms: { keyArn: "arn:aws:kms:us-east-1:111122223333:key/k", access: "encrypt" } },
  ];

  it("never yields a whole-service action or a * resource", () => {
    for (const g of all) {
      for (const s of statementsOf(g)) {
        for (const a of s.actions!) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
        for (const r of s.resources!) expect(r).not.toBe("*");
      }
    }
  });

  it("derives sids from content: the same grant keeps its sid wherever it stands, another grant gets another", () => {
    const sid = (g: unknown) => grantStatements(grant(g), VALUES)[0]!.sid;
    expect(sid({ sqs: { queue: "jobs", access: "send" } })).toBe(sid({ sqs: { access: "send", queue: "jobs" } }));
    expect(sid({ sqs: { queue: "jobs", access: "send" } })).toMatch(/^SQSSend[0-9a-f]{8}$/);
    expect(sid({ sqs: { queue: "jobs", access: "send" } })).not.toBe(sid({ sqs: { queue: "jobs2", access: "send" } }));
  });
});

describe("grantProblems", () => {
  const messages = (g: unknown) => grantProblems(grant(g)).map((p) => `${p.severity} ${p.field.join(".")}: ${p.message}`);

  it("accepts names, ARNs and placeholders", () => {
    expect(messages({ s3: { bucket: "team-${namespace}", prefix: "${serviceAccount}/" } })).toEqual([]);
    expect(messages({ dynamodb: { table: "arn:aws-us-gov:dynamodb:us-gov-west-1:111122223333:table/orders" } })).toEqual([]);
  });

  it("refuses ARNs that would never match: an SSM path with a leading '/', a secret without its suffix", () => {
    expect(messages({ ssm: { path: "arn:aws:ssm:us-east-1:111122223333:parameter//reports/" } })).toHaveLength(1);
    expect(messages({ ssm: { path: "arn:aws:ssm:us-east-1:111122223333:parameter/reports/" } })).toEqual([]);
    expect(messages({ secretsManager: { secret: "arn:aws:secretsmanager:us-east-1:111122223333:secret:reports/db" } })).toHaveLength(1);
    expect(messages({ secretsManager: { secret: "arn:aws:secretsmanager:us-east-1:111122223333:secret:reports/db-AbC123" } })).toEqual([]);
  });

  it("wants exactly one service per grant", () => {
    expect(messages({})).toEqual(["error : a grant names exactly one of s3, dynamodb, sqs, sns, secretsManager, ssm, kms; this one names none"]);
    expect(messages({ sns: { topic: "a" }, sqs: { queue: "b", access: "send" } })).toEqual([
      "error : a grant names exactly one of s3, dynamodb, sqs, sns, secretsManager, ssm, kms; this one names sqs and sns; split it into 2 grants",
    ]);
  });

  it("refuses wildcards, bad names, alias ARNs, unknown placeholders and the whole parameter store", () => {
    expect(messages({ s3: { bucket: "acme", prefix: "logs/*" } })).toEqual([`error s3.prefix: "logs/*" has a wildcard; a prefix is literal text, and the grant adds the '*' itself`]);
    expect(messages({ sqs: { queue: "jobs*", access: "send" } })).toEqual([`error sqs.queue: "jobs*" has a wildcard; a grant names one queue. Use statements for wildcards`]);
    expect(messages({ s3: { bucket: "Acme_Bucket" } })).toEqual([`error s3.bucket: "Acme_Bucket" is not a bucket name (3 to 63 characters of a-z, 0-9, '.' and '-') or a bucket ARN (arn:<partition>:s3:::<bucket>)`]);
    expect(messages({ kms: { keyArn: "arn:aws:kms:us-east-1:111122223333:alias/app" } })).toEqual([
      `error kms.keyArn: "arn:aws:kms:us-east-1:111122223333:alias/app" is an alias ARN; IAM policies only match key ARNs (arn:<partition>:kms:<region>:<account>:key/<key id>)`,
    ]);
    expect(messages({ secretsManager: { secret: "${team}/db" } })).toEqual([
      `error secretsManager.secret: "\${team}/db" uses \${team}, which is not a placeholder; allowed: \${namespace}, \${serviceAccount}, \${cluster}, or an IAM policy variable such as \${aws:username}`,
    ]);
    expect(messages({ ssm: { path: "/" } })).toEqual([`error ssm.path: "/" would cover every parameter in the account; name a path such as /reports/`]);
  });

  it("applies every S3 bucket naming rule to names, bucket ARNs and names with placeholders", () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    expect(messages({ s3: { bucket: "my..bucket" } })).toEqual([`error s3.bucket: "my..bucket" is not a valid bucket: the bucket name must not contain two adjacent periods`]);
    expect(messages({ s3: { bucket: "10.0.0.1" } })).toEqual([`error s3.bucket: "10.0.0.1" is not a valid bucket: the bucket name must not be formatted as an IP address`]);
    expect(messages({ s3: { bucket: "arn:aws:s3:::xn--data" } })).toEqual([`error s3.bucket: "arn:aws:s3:::xn--data" is not a valid bucket: the bucket name must not start with xn--, which S3 reserves`]);
    expect(messages({ s3: { bucket: "logs-${namespace}-s3alias" } })).toEqual([
      `error s3.bucket: "logs-\${namespace}-s3alias" is not a valid bucket: the bucket name must not end with -s3alias, which S3 reserves for access point aliases`,
    ]);
    expect(messages({ s3: { bucket: "sthree-${namespace}" } })).toEqual([`error s3.bucket: "sthree-\${namespace}" is not a valid bucket: the bucket name must not start with sthree-, which S3 reserves`]);
    expect(messages({ s3: { bucket: "arn:aws:s3:::data--x-s3" } })).toEqual([`error s3.bucket: "arn:aws:s3:::data--x-s3" is not a valid bucket: the bucket name must not end with --x-s3, which S3 reserves for directory buckets`]);
    expect(messages({ s3: { bucket: "team-${namespace}.reports" } })).toEqual([]);
  });

  it("warns about a prefix without a trailing slash", () => {
    expect(messages({ s3: { bucket: "acme", prefix: "team-a" } })).toEqual([
      `warning s3.prefix: prefix "team-a" does not end with '/', so it also covers keys such as "team-a-other/..."; end it with '/' to keep to one folder`,
    ]);
  });
});

describe("grants through the tenants file", () => {
  it("become one inline policy from a data.aws_iam_policy_document, in the cluster's partition and account", async () => {
    const synth = (
      await synthYaml(`
clusters: [{ name: demo, region: eu-west-1, accountId: "111122223333" }]
tenants:
  - name: web
    namespace: web
    serviceAccount: web-sa
    grants:
      - sqs: { queue: jobs, access: send }
`)
    ).demo!;
    expect(synth).toHaveResourceWithProperties(IamRolePolicy, {
      name: "least-privilege",
      role: "${aws_iam_role.web_role_F8020469.name}",
      policy: "${data.aws_iam_policy_document.web_permissions_document_9D68ACA5.json}",
    });
    const doc = dataSources(synth, "aws_iam_policy_document").web_permissions_document_9D68ACA5!;
    expect(doc.statement).toEqual([
      { sid: expect.stringMatching(/^SQSSend[0-9a-f]{8}$/), effect: "Allow", actions: ["sqs:SendMessage", "sqs:GetQueueUrl"], resources: ["arn:aws:sqs:eu-west-1:111122223333:jobs"] },
    ]);
    // The partition follows from the region: no look-up.
    expect(dataSources(synth, "aws_partition")).toEqual({});
    expect(dataSources(synth, "aws_caller_identity")).toEqual({});
  });

  it("use data.aws_caller_identity for the account when the cluster pins none", async () => {
    const synth = (await synthYaml(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: sa, grants: [{ sns: { topic: alerts } }] }]
`)).demo!;
    const doc = dataSources(synth, "aws_iam_policy_document").web_permissions_document_9D68ACA5!;
    expect(doc.statement[0].resources).toEqual(["arn:aws:sns:us-east-1:${data.aws_caller_identity.caller_identity.account_id}:alerts"]);
  });

  // China Regions are refused (no Pod Identity there), so the second partition is the
  // European Sovereign Cloud's.
  it("write ARNs in the partition of the cluster's region: aws-us-gov and aws-eusc", async () => {
    const synth = await synthYaml(`
clusters:
  - { name: gov, region: us-gov-west-1, accountId: "111122223333" }
  - { name: sovereign, region: eusc-de-east-1, accountId: "444455556666" }
tenants: [{ name: web, namespace: web, serviceAccount: sa, grants: [{ s3: { bucket: reports } }, { sns: { topic: alerts } }] }]
`);
    const resourcesOf = (stack: string) => dataSources(synth[stack]!, "aws_iam_policy_document").web_permissions_document_9D68ACA5!.statement.flatMap((st: { resources: string[] }) => st.resources);
    expect(resourcesOf("gov")).toEqual(["arn:aws-us-gov:s3:::reports", "arn:aws-us-gov:s3:::reports/*", "arn:aws-us-gov:sns:us-gov-west-1:111122223333:alerts"]);
    expect(resourcesOf("sovereign")).toEqual(["arn:aws-eusc:s3:::reports", "arn:aws-eusc:s3:::reports/*", "arn:aws-eusc:sns:eusc-de-east-1:444455556666:alerts"]);
    expect(dataSources(synth.gov!, "aws_partition")).toEqual({});
  });

  it("add no policy and no data sources to a tenant without grants", async () => {
    const synth = (await synthYaml(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: sa }]
`)).demo!;
    expect(synth).not.toHaveResource(IamRolePolicy);
    expect(dataSources(synth, "aws_partition")).toEqual({});
  });
});

describe("grant keys in the tenants file", () => {
  it("suggest the right service for a misspelled one", async () => {
    const { problemsOf } = await import("./helpers");
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: sa, grants: [{ secretManager: { secret: db } }] }]
`),
    ).toEqual([
      'tenants.yaml:3:71: tenants[0].grants[0].secretManager: unknown key "secretManager"; did you mean "secretsManager"?; allowed keys: s3, dynamodb, sqs, sns, secretsManager, ssm, kms',
    ]);
  });
});
