/**
 * The resources controller options name, as ARNs. Formats: Service Authorization Reference,
 * each service's "Resource types" table (https://docs.aws.amazon.com/service-authorization/latest/reference/).
 */
import type { ArnKind } from "./types";

export const HOSTED_ZONE: ArnKind = { service: "route53", resource: /^hostedzone\/[A-Z0-9]+$/, shape: "hostedzone/<zone id>", region: "none", account: "none" };
export const S3_BUCKET: ArnKind = { service: "s3", resource: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, shape: "<bucket>", region: "none", account: "none" };
/** Object ARNs: a bucket, '/', and a key or key prefix that may end with '*'. */
export const S3_OBJECTS: ArnKind = { service: "s3", resource: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[^*?]*\*?$/, shape: "<bucket>/<key prefix>*", region: "none", account: "none" };
export const KMS_KEY: ArnKind = { service: "kms", resource: /^key\/[A-Za-z0-9-]+$/, shape: "key/<key id>", hint: "alias ARNs do not work in IAM policies", region: "required", account: "required" };
export const SQS_QUEUE: ArnKind = { service: "sqs", resource: /^[\w-]{1,80}(\.fifo)?$/, shape: "<queue name>", region: "required", account: "required" };
/**
 * The load balancer controller reaches target groups of other accounts only by assuming a role
 * there (its installation guide, "also in other accounts, assuming roles"), which the
 * TargetGroupBinding policy does not grant: so they must be in the cluster's account.
 */
export const TARGET_GROUP: ArnKind = { service: "elasticloadbalancing", resource: /^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]+$/, shape: "targetgroup/<name>/<id>", region: "required", account: "required", sameAccount: true };
/** Roles passed to EC2 must be in the account the instances run in. */
export const NODE_ROLE: ArnKind = { service: "iam", resource: /^role\/([\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/, shape: "role/<path/>name", region: "none", account: "required", sameAccount: true };
/** A trailing '*' matches the random 6-character suffix, or a name prefix. */
export const SECRET: ArnKind = { service: "secretsmanager", resource: /^secret:[\w/+=.@-]+\*?$/, shape: "secret:<name>-<suffix>, or secret:<name prefix>*", region: "required", account: "required" };
export const SSM_PARAMETER: ArnKind = { service: "ssm", resource: /^parameter\/[\w/.-]*\*?$/, shape: "parameter/<name>, or parameter/<prefix>*", region: "required", account: "required" };
export const PRIVATE_CA: ArnKind = { service: "acm-pca", resource: /^certificate-authority\/[0-9a-f-]+$/, shape: "certificate-authority/<id>", region: "required", account: "required" };
export const AMP_WORKSPACE: ArnKind = { service: "aps", resource: /^workspace\/ws-[0-9a-f-]+$/, shape: "workspace/ws-<id>", region: "required", account: "required" };
export const LOG_GROUP: ArnKind = { service: "logs", resource: /^log-group:[\w\-/.#]+\*?$/, shape: "log-group:<name>, or log-group:<name prefix>*", region: "required", account: "required" };
/** Roles to assume may be in any account: cross-account scaling is what they are for. */
export const ASSUMABLE_ROLE: ArnKind = { service: "iam", resource: NODE_ROLE.resource, shape: "role/<path/>name", region: "none", account: "required" };
