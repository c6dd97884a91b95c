/**
 * Grants on resource constructs of @cdktf/provider-aws, in the way of AWS CDK's
 * `bucket.grantRead(role)`: the resource's ARN is its `arn` attribute (a Terraform reference), and
 * the actions are the tenants file's grants' (lib/policy/grants.ts, arnGrantStatements), so a
 * construct grant and a file grant give the same statements, apart from the sid's digest, which
 * follows the resource's construct path.
 *
 * The provider classes are imported as types only: a grant method costs nothing at start-up.
 */
import type { DynamodbTable } from "@cdktf/provider-aws/lib/dynamodb-table";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import type { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import type { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import type { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { ACCOUNT, PARTITION, REGION } from "../aws/arn-environment";
import { arnGrantStatements, type ArnGrant } from "../policy/grants";
import { contentHash } from "../policy/sids";
import type { SizedStatement } from "./role-permissions";

/** Resources whose contents can be read. */
export type ReadableResource = S3Bucket | DynamodbTable | SecretsmanagerSecret | SsmParameter;
/** Resources whose contents can be written. */
export type WritableResource = S3Bucket | DynamodbTable;
/** Any resource a grant method takes. */
export type GrantableResource = ReadableResource | SqsQueue | SnsTopic | KmsKey;

export interface GrantOptions {
  /**
   * S3 only: the key prefix the grant covers, ending with '/'; listing is limited to it.
   * @default "" (the whole bucket)
   */
  readonly prefix?: string;
}

const REGIONAL = `arn:${PARTITION}:%s:${REGION}:${ACCOUNT}:`;
const regional = (service: string, resource: string) => REGIONAL.replace("%s", service) + resource;

/**
 * The longest ARN each resource type can have, for the size check while the ARN is a Terraform
 * reference: names at their documented maximum, the partition, region and account at their
 * longest (arn-environment.ts).
 */
const LONGEST_ARN: Readonly<Record<ArnGrant["kind"], string>> = {
  // S3 user guide, bucketnamingrules: at most 63 characters.
  s3: `arn:${PARTITION}:s3:::${"b".repeat(63)}`,
  // DynamoDB developer guide, HowItWorks.NamingRulesDataTypes: table names up to 255.
  dynamodb: regional("dynamodb", `table/${"t".repeat(255)}`),
  // SQS CreateQueue: up to 80 characters.
  sqs: regional("sqs", "q".repeat(80)),
  // SNS CreateTopic: up to 256 characters.
  sns: regional("sns", "t".repeat(256)),
  // Secrets Manager CreateSecret: names up to 512, then '-' and six random characters.
  secretsManager: regional("secretsmanager", `secret:${"s".repeat(512)}-123456`),
  // SSM PutParameter: a name of at most 1011 characters, the ARN's own prefix included.
  ssm: "p".repeat(1011),
  // KMS key IDs are 36 characters: a UUID, or mrk- and 32 hex digits (multi-Region keys).
  kms: regional("kms", `key/${"k".repeat(36)}`),
};

/** The provider's resource type of each grant kind. */
const KIND_OF: Readonly<Record<string, ArnGrant["kind"]>> = {
  aws_s3_bucket: "s3",
  aws_dynamodb_table: "dynamodb",
  aws_sqs_queue: "sqs",
  aws_sns_topic: "sns",
  aws_secretsmanager_secret: "secretsManager",
  aws_ssm_parameter: "ssm",
  aws_kms_key: "kms",
};

/** The accesses of each kind, as the tenants file's grants take them. */
const ACCESS: Readonly<Record<ArnGrant["kind"], ReadonlyArray<string>>> = {
  s3: ["read", "write", "readwrite"],
  dynamodb: ["read", "write", "readwrite"],
  sqs: ["send", "consume"],
  sns: ["publish"],
  secretsManager: ["read"],
  ssm: ["read"],
  kms: ["decrypt", "encrypt"],
};

/** The grant kind of `resource`; refuses resources the grant methods do not know. */
export function grantKindOf(resource: GrantableResource, method: string): ArnGrant["kind"] {
  const kind = KIND_OF[resource.terraformResourceType];
  if (kind === undefined) throw new Error(`${method}: ${resource.node.path} is a ${resource.terraformResourceType}; grants take ${Object.keys(KIND_OF).join(", ")}`);
  return kind;
}

/**
 * The statements of `access` on `resource`, each with its worst case for the size check. The
 * sid digest is the resource's construct path with the access and prefix, so it follows the
 * resource, never the order of the grants.
 */
export function resourceGrantStatements(resource: GrantableResource, access: string, options: GrantOptions = {}): SizedStatement[] {
  const kind = grantKindOf(resource, `grant ${access}`);
  if (!ACCESS[kind].includes(access)) throw new Error(`grant ${access}: ${resource.node.path} is a ${resource.terraformResourceType}, which takes ${ACCESS[kind].join(", ")}`);
  const prefix = options.prefix ?? "";
  if (kind !== "s3" && options.prefix !== undefined) throw new Error(`grant ${access} on ${resource.node.path}: prefix applies to S3 buckets only`);
  if (/[*?]/.test(prefix)) throw new Error(`grant ${access} on ${resource.node.path}: prefix ${JSON.stringify(prefix)} has a wildcard; a prefix is literal text, and the grant adds the '*' itself`);
  const digest = contentHash({ resource: resource.node.path, kind, access, prefix });
  const spec = (arn: string) => ({ kind, arn, access, prefix }) as ArnGrant;
  const real = arnGrantStatements(spec(resource.arn), digest);
  const worst = arnGrantStatements(spec(LONGEST_ARN[kind]), digest);
  return real.map((statement, i) => ({ statement, worstCase: worst[i] }));
}
