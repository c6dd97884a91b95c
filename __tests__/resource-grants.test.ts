/**
 * Identities as grant principals: a cluster, identities, grants on resource constructs and
 * statements added after construction, composed with the constructs alone.
 */
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Testing, TerraformStack } from "cdktf";
import { EksCluster } from "../lib/constructs/eks-cluster";
import { SharedRole } from "../lib/constructs/shared-role";
import { TenantIdentity } from "../lib/constructs/tenant-identity";
import { dataSources, resources } from "./helpers";
import { allows, type Statement } from "./policy-eval";

/** One stack: a cluster, two tenants, a bucket each may use a part of, and a statement added later. */
function composed(): { synth: string } {
  const stack = new TerraformStack(Testing.app(), "shop");
  const cluster = new EksCluster(stack, "eks_cluster", { clusterName: "prod", region: "eu-west-1", accountId: "111122223333" });
  const reports = new S3Bucket(stack, "reports", { bucket: "shop-reports" });
  const web = new TenantIdentity(stack, "web", { cluster, namespace: "web", serviceAccount: "web" });
  const batch = new TenantIdentity(stack, "batch", { cluster, namespace: "batch", serviceAccount: "batch", grants: [{ sqs: { queue: "jobs", access: "consume" } }] });
  web.grantRead(reports, { prefix: "web/" });
  batch.grantReadWrite(reports, { prefix: "batch/" });
  batch.addToPolicy({ actions: ["cloudwatch:PutMetricData"], resources: ["*"], conditions: { StringEquals: { "cloudwatch:namespace": "${namespace}" } } });
  return { synth: Testing.synth(stack) };
}

/** The statements of `tenant`'s inline policy document, as synthesized. */
function statementsOf(synth: string, tenant: string): Statement[] {
  const [, doc] = Object.entries(dataSources(synth, "aws_iam_policy_document")).find(([id]) => id.startsWith(`${tenant}_permissions_document_`))!;
  return doc.statement as Statement[];
}

describe("constructs composed alone: cluster, identities, a bucket grant and an added statement", () => {
  const { synth } = composed();

  it("gives each tenant one inline policy over the one cluster", () => {
    expect(Object.keys(dataSources(synth, "aws_eks_cluster"))).toEqual(["eks_cluster"]);
    expect(dataSources(synth, "aws_caller_identity")).toEqual({});
    const webRole = Object.keys(resources(synth, "aws_iam_role")).find((id) => id.startsWith("web_role_"))!;
    expect(synth).toHaveResourceWithProperties(IamRolePolicy, { name: "least-privilege", role: `\${aws_iam_role.${webRole}.name}` });
    expect(synth).toHaveResourceWithProperties(EksPodIdentityAssociation, { cluster_name: "prod", namespace: "batch", service_account: "batch" });
    expect(synth).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, { statement: [expect.objectContaining({ actions: ["s3:ListBucket"], resources: ["${aws_s3_bucket.reports.arn}"] }), expect.anything()] });
  });

  it("writes the bucket grant from the bucket's ARN, with the tenants file's actions", () => {
    const web = statementsOf(synth, "web");
    expect(web.map(({ sid, ...rest }) => [sid!.replace(/[0-9a-f]{8}$/, ""), rest])).toEqual([
      ["S3List", { effect: "Allow", actions: ["s3:ListBucket"], resources: ["${aws_s3_bucket.reports.arn}"], condition: [{ test: "StringLike", variable: "s3:prefix", values: ["web/*"] }] }],
      ["S3Read", { effect: "Allow", actions: ["s3:GetObject", "s3:GetObjectVersion"], resources: ["${aws_s3_bucket.reports.arn}/web/*"] }],
    ]);
  });

  it("adds statements after construction to the same document, after the props' own, placeholders filled in", () => {
    const batch = statementsOf(synth, "batch");
    expect(batch.map((s) => s.sid!.replace(/[0-9a-f]{8}$/, ""))).toEqual(["SQSConsume", "S3List", "S3Read", "S3Write", "Statement"]);
    expect(batch[4]).toEqual({ sid: batch[4]!.sid, effect: "Allow", actions: ["cloudwatch:PutMetricData"], resources: ["*"], condition: [{ test: "StringEquals", variable: "cloudwatch:namespace", values: ["batch"] }] });
  });

  it("lets each tenant reach only its own prefix (policy evaluation)", () => {
    const bucket = "${aws_s3_bucket.reports.arn}";
    const web = statementsOf(synth, "web");
    const batch = statementsOf(synth, "batch");
    expect(allows(web, "s3:GetObject", `${bucket}/web/report.csv`)).toBe(true);
    expect(allows(web, "s3:GetObject", `${bucket}/batch/report.csv`)).toBe(false);
    expect(allows(web, "s3:PutObject", `${bucket}/web/report.csv`)).toBe(false);
    expect(allows(web, "s3:ListBucket", bucket, { "s3:prefix": "batch/" })).toBe(false);
    expect(allows(batch, "s3:PutObject", `${bucket}/batch/out.csv`)).toBe(true);
    expect(allows(batch, "s3:DeleteObjectVersion", `${bucket}/batch/out.csv`)).toBe(false);
  });
});

describe("grant methods", () => {
  function policyWith(grant: (t: TenantIdentity, stack: TerraformStack) => void): Statement[] {
    const stack = new TerraformStack(Testing.app(), "s");
    const cluster = new EksCluster(stack, "eks_cluster", { clusterName: "prod", region: "eu-west-1", accountId: "111122223333" });
    const t = new TenantIdentity(stack, "app", { cluster, namespace: "app", serviceAccount: "app" });
    grant(t, stack);
    return statementsOf(Testing.synth(stack), "app");
  }
  const shape = (sts: Statement[]) => sts.map((s) => [s.actions, s.resources]);

  it("give each resource construct the actions of the tenants file's grant of its kind", () => {
    expect(shape(policyWith((t, s) => t.grantRead(new DynamodbTable(s, "carts", { name: "carts", hashKey: "id" }))))).toEqual([
      [["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"], ["${aws_dynamodb_table.carts.arn}"]],
      [["dynamodb:Query", "dynamodb:Scan"], ["${aws_dynamodb_table.carts.arn}/index/*"]],
    ]);
    expect(shape(policyWith((t, s) => t.grantConsumeMessages(new SqsQueue(s, "jobs", { name: "jobs" }))))).toEqual([
      [["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"], ["${aws_sqs_queue.jobs.arn}"]],
    ]);
    expect(shape(policyWith((t, s) => t.grantPublish(new SnsTopic(s, "alerts", { name: "alerts" }))))).toEqual([[["sns:Publish"], ["${aws_sns_topic.alerts.arn}"]]]);
    expect(shape(policyWith((t, s) => t.grantRead(new SecretsmanagerSecret(s, "db", { name: "db" }))))).toEqual([
      [["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"], ["${aws_secretsmanager_secret.db.arn}"]],
    ]);
    expect(shape(policyWith((t, s) => t.grantRead(new SsmParameter(s, "cfg", { name: "/app/cfg", type: "String", value: "x" }))))).toEqual([
      [["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"], ["${aws_ssm_parameter.cfg.arn}", "${aws_ssm_parameter.cfg.arn}/*"]],
    ]);
    expect(shape(policyWith((t, s) => t.grantEncrypt(new KmsKey(s, "key", {}))))).toEqual([[["kms:Encrypt", "kms:GenerateDataKey"], ["${aws_kms_key.key.arn}"]]]);
  });

  it("give the same statements as the file's grant of the same resource, apart from the sid's digest", () => {
    const byConstruct = policyWith((t, s) => t.grantWrite(new S3Bucket(s, "b", { bucket: "orders" }), { prefix: "in/" }));
    const stack = new TerraformStack(Testing.app(), "f");
    const cluster = new EksCluster(stack, "eks_cluster", { clusterName: "prod", region: "eu-west-1", accountId: "111122223333" });
    new TenantIdentity(stack, "app", { cluster, namespace: "app", serviceAccount: "app", grants: [{ s3: { bucket: "orders", prefix: "in/", access: "write" } }] });
    const byFile = statementsOf(Testing.synth(stack), "app");
    const plain = (sts: Statement[], arn: string) => JSON.stringify(sts.map(({ sid, ...rest }) => [sid!.slice(0, -8), rest])).split(arn).join("<bucket>");
    expect(plain(byConstruct, "${aws_s3_bucket.b.arn}")).toBe(plain(byFile, "arn:aws:s3:::orders"));
  });

  it("refuse what the file would refuse: a prefix off S3, a wildcard prefix, a resource they do not know", () => {
    expect(() => policyWith((t, s) => t.grantRead(new DynamodbTable(s, "x", { name: "x", hashKey: "id" }), { prefix: "a/" }))).toThrow("grant read on s/x: prefix applies to S3 buckets only");
    expect(() => policyWith((t, s) => t.grantRead(new S3Bucket(s, "b", { bucket: "b" }), { prefix: "a*/" }))).toThrow(`grant read on s/b: prefix "a*/" has a wildcard`);
    expect(() => policyWith((t, s) => t.grantRead(new VpcEndpoint(s, "e", { vpcId: "v", serviceName: "n" }) as never))).toThrow("grant read: s/e is a aws_vpc_endpoint; grants take aws_s3_bucket, ");
  });

  it("count a resource's ARN at its longest for the inline-policy quota", () => {
    // 18 parameters' names may be 1,011 characters each: over 10,240 once referenced, though the tokens are short.
    expect(() =>
      policyWith((t, s) => {
        for (let i = 0; i < 18; i++) t.grantRead(new SsmParameter(s, `p${i}`, { name: `/p${i}`, type: "String", value: "x" }));
      }),
    ).toThrow(/statements: inline policy "least-privilege" would be \d+ characters; IAM allows at most 10240/);
  });

  it("refuse a statement the statements prop would refuse, and a member of a shared role", () => {
    expect(() => policyWith((t) => t.addToPolicy({ actions: ["s3:GetObject"], resources: ["bucket"] }))).toThrow('TenantIdentity "app" addToPolicy: invalid props:\n  - statements[0].resources[0]: "bucket" is not a resource: expected an ARN (arn:<partition>:<service>:...) or *');
    const stack = new TerraformStack(Testing.app(), "m");
    const cluster = new EksCluster(stack, "eks_cluster", { clusterName: "prod", region: "eu-west-1" });
    const shared = new SharedRole(stack, "team", { cluster, members: [{ name: "a", namespace: "a", serviceAccount: "a" }] });
    const member = new TenantIdentity(stack, "a", { cluster, namespace: "a", serviceAccount: "a", sharedRole: shared });
    expect(() => member.grantRead(new S3Bucket(stack, "b", { bucket: "b" }))).toThrow(`TenantIdentity "a": the role is shared role "team"'s; add statements and grants to the shared role`);
  });
});

describe("a shared role as grant principal", () => {
  it("takes grants and statements after construction, its placeholders as the members' session tags", () => {
    const stack = new TerraformStack(Testing.app(), "shared");
    const cluster = new EksCluster(stack, "eks_cluster", { clusterName: "prod", region: "eu-west-1", accountId: "111122223333" });
    const team = new SharedRole(stack, "team", { cluster, members: [{ name: "a", namespace: "a", serviceAccount: "app" }, { name: "b", namespace: "b", serviceAccount: "app" }] });
    const bucket = new S3Bucket(stack, "data", { bucket: "team-data" });
    team.grantRead(bucket, { prefix: "shared/" });
    team.addToPolicy({ actions: ["s3:PutObject"], resources: [`${bucket.arn}/\${namespace}/*`] });
    const statements = statementsOf(Testing.synth(stack), "team");
    expect(statements.map((s) => [s.actions, s.resources])).toEqual([
      [["s3:ListBucket"], ["${aws_s3_bucket.data.arn}"]],
      [["s3:GetObject", "s3:GetObjectVersion"], ["${aws_s3_bucket.data.arn}/shared/*"]],
      [["s3:PutObject"], ["${aws_s3_bucket.data.arn}/$${aws:PrincipalTag/kubernetes-namespace}/*"]],
    ]);
  });
});
