/**
 * Grants, raw statements and tags as TypeScript types, defined once here, below both the
 * constructs and the tenants file: the file's zod schema (lib/schema/schema.ts) is checked to
 * produce exactly these (__tests__/permission-types.test.ts), so the two cannot drift.
 *
 * Each comes in two forms: the complete one (every default filled in), which the policy code
 * reads, and the input one, which a TypeScript user writes and which may leave defaults out.
 */

/** AWS tags: key to value. */
export type Tags = Record<string, string>;

export type S3Access = "read" | "write" | "readwrite";
export type DynamodbAccess = "read" | "write" | "readwrite";
export type SqsAccess = "send" | "consume";
export type SnsAccess = "publish";
export type ReadAccess = "read";
export type KmsAccess = "decrypt" | "encrypt";

/** One resource-scoped grant, complete: exactly one service is set. */
export interface Grant {
  s3?: { bucket: string; prefix: string; access: S3Access };
  dynamodb?: { table: string; access: DynamodbAccess };
  sqs?: { queue: string; access: SqsAccess };
  sns?: { topic: string; access: SnsAccess };
  secretsManager?: { secret: string; access: ReadAccess };
  ssm?: { path: string; access: ReadAccess };
  kms?: { keyArn: string; access: KmsAccess };
}

/** A grant as written: `prefix` defaults to "" and `access` to the first of its kind (read, publish, decrypt); sqs names its access. */
export interface GrantInput {
  s3?: { bucket: string; prefix?: string; access?: S3Access };
  dynamodb?: { table: string; access?: DynamodbAccess };
  sqs?: { queue: string; access: SqsAccess };
  sns?: { topic: string; access?: SnsAccess };
  secretsManager?: { secret: string; access?: ReadAccess };
  ssm?: { path: string; access?: ReadAccess };
  kms?: { keyArn: string; access?: KmsAccess };
}

export type ConditionValue = string | number | boolean;
/** `{ <operator>: { <condition key>: value or [values] } }`, as in an IAM policy. */
export type StatementConditions = Record<string, Record<string, ConditionValue | ConditionValue[]>>;

/** A raw IAM statement, complete. */
export interface StatementConfig {
  /** ASCII letters and digits. @default derived from the statement's content */
  sid?: string;
  effect: "Allow" | "Deny";
  actions: string[];
  resources: string[];
  conditions?: StatementConditions;
}

/** A raw IAM statement as written: `effect` defaults to Allow. */
export interface StatementInput {
  /** ASCII letters and digits. @default derived from the statement's content */
  sid?: string;
  /** @default "Allow" */
  effect?: "Allow" | "Deny";
  actions: string[];
  resources: string[];
  /** @default none */
  conditions?: StatementConditions;
}
