/**
 * The resources controller options name, as ARNs. Formats: Service Authorization Reference,
 * each service's "Resource types" table (https://docs.aws.amazon.com/service-authorization/latest/reference/).
 * The same rules as the equivalent grant (lib/policy/grants.ts): no wildcard that stands for a
 * whole name, so no option reaches every resource of its kind.
 */
import { bucketNameProblem } from "../../aws/bucket-name";
import type { ArnKind } from "./types";

/** The S3 bucket naming rules (S3 user guide, bucketnamingrules), as for the s3 grant. */
function bucketProblem(resource: string): string | undefined {
  const bucket = resource.split("/")[0]!;
  const p = bucketNameProblem(bucket);
  return p && `names bucket ${JSON.stringify(bucket)}, which is not a valid bucket name: it ${p}`;
}

export const HOSTED_ZONE: ArnKind = { noun: "hosted zone", service: "route53", resource: /^hostedzone\/[A-Z0-9]+$/, shape: "hostedzone/<zone id>", region: "none", account: "none" };
export const S3_BUCKET: ArnKind = { noun: "bucket", service: "s3", resource: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, shape: "<bucket>", region: "none", account: "none", refine: bucketProblem };
/** Object ARNs: a bucket, '/', and a key or key prefix that may end with '*'. */
export const S3_OBJECTS: ArnKind = {
  noun: "object",
  service: "s3",
  resource: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[^*?]*$/,
  shape: "<bucket>/<key prefix>*",
  region: "none",
  account: "none",
  wildcard: "prefix",
  refine: bucketProblem,
};
export const KMS_KEY: ArnKind = { noun: "key", service: "kms", resource: /^key\/[A-Za-z0-9-]+$/, shape: "key/<key id>", hint: "alias ARNs do not work in IAM policies", region: "required", account: "required" };
/**
 * Queues that controllers take by URL may be anywhere: the node termination handler takes
 * queueURL (its SQS client uses awsRegion, which its chart lets one set; aws/aws-node-termination-handler
 * cmd/node-termination-handler.go), KEDA's aws-sqs-queue scaler takes queueURL and awsRegion.
 * Karpenter's takes a name only: INTERRUPTION_QUEUE below.
 */
export const SQS_QUEUE: ArnKind = { noun: "queue", service: "sqs", resource: /^[\w-]{1,80}(\.fifo)?$/, shape: "<queue name>", region: "required", account: "required" };
/**
 * Karpenter's settings.interruptionQueue is the queue's name only: it calls sqs:GetQueueUrl with
 * QueueName and no QueueOwnerAWSAccountId, on a client of its own region
 * (aws/karpenter-provider-aws pkg/controllers/controllers.go and pkg/providers/sqs/sqs.go), and
 * GetQueueUrl without an owner looks in the caller's account (SQS API reference, GetQueueUrl:
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_GetQueueUrl.html).
 * A queue of another region or account is never found, and interruption handling is silently off.
 */
export const INTERRUPTION_QUEUE: ArnKind = {
  ...SQS_QUEUE,
  sameAccount: true,
  sameRegion: true,
  placeReason: "Karpenter takes only the queue's name (settings.interruptionQueue) and looks it up in its own region and account",
};
/**
 * The load balancer controller reaches target groups of other accounts only by assuming a role
 * there (its installation guide, "also in other accounts, assuming roles"), which the
 * TargetGroupBinding policy does not grant: so they must be in the cluster's account.
 */
export const TARGET_GROUP: ArnKind = { noun: "target group", service: "elasticloadbalancing", resource: /^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/, shape: "targetgroup/<name>/<id>", region: "required", account: "required", sameAccount: true };
/** Roles passed to EC2 must be in the account the instances run in. */
export const NODE_ROLE: ArnKind = { noun: "role", service: "iam", resource: /^role\/([\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/, shape: "role/<path/>name", region: "none", account: "required", sameAccount: true };
/** A trailing '*' matches the random 6-character suffix, or a name prefix. */
export const SECRET: ArnKind = { noun: "secret", service: "secretsmanager", resource: /^secret:[\w/+=.@-]+$/, shape: "secret:<name>-<suffix>, or secret:<name prefix>*", region: "required", account: "required", wildcard: "prefix" };
/**
 * `parameter/` and the name without its leading '/': AWS writes the ARN of parameter `/a/b` as
 * `arn:aws:ssm:<region>:<account>:parameter/a/b` (Service Authorization Reference, Systems Manager,
 * resource type parameter, `parameter/${ParameterNameWithoutLeadingSlash}`:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssystemsmanager.html#awssystemsmanager-resources-for-iam-policies;
 * Systems Manager user guide, sysman-paramstore-access), so `parameter//a/b` matches nothing.
 */
export const SSM_PARAMETER: ArnKind = {
  noun: "parameter",
  service: "ssm",
  resource: /^parameter\/[\w/.-]+$/,
  shape: "parameter/<name>, or parameter/<prefix>*",
  region: "required",
  account: "required",
  wildcard: "prefix",
  refine: (r) => (r.startsWith("parameter//") ? `writes the parameter name with its leading '/'; AWS writes the ARN of parameter /a/b as …:parameter/a/b, so this ARN matches no parameter` : undefined),
};
export const PRIVATE_CA: ArnKind = { noun: "certificate authority", service: "acm-pca", resource: /^certificate-authority\/[0-9a-f-]+$/, shape: "certificate-authority/<id>", region: "required", account: "required" };
export const AMP_WORKSPACE: ArnKind = { noun: "workspace", service: "aps", resource: /^workspace\/ws-[0-9a-f-]+$/, shape: "workspace/ws-<id>", region: "required", account: "required" };
export const LOG_GROUP: ArnKind = { noun: "log group", service: "logs", resource: /^log-group:[\w\-/.#]+$/, shape: "log-group:<name>, or log-group:<name prefix>*", region: "required", account: "required", wildcard: "prefix" };
/** Roles to assume may be in any account: cross-account scaling is what they are for. */
export const ASSUMABLE_ROLE: ArnKind = { noun: "role", service: "iam", resource: NODE_ROLE.resource, shape: "role/<path/>name", region: "none", account: "required" };
