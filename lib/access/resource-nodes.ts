/**
 * What a resource ARN of a policy stands for in the picture: a bucket (and prefix), a table, a
 * queue, a topic, a secret, a parameter, a key, a role in another account; one node per thing
 * reached, labelled the way a reviewer names it. ARN formats: Service Authorization Reference,
 * the resource types of Amazon S3, DynamoDB, SQS, SNS, Secrets Manager, Systems Manager, KMS and
 * IAM (https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 */
import { parseArn } from "../aws/arn";

export interface ResourceNode {
  /** What makes two ARNs one node: the same thing reached. */
  readonly key: string;
  readonly label: string;
}

/** A table's indexes and streams are the table; an S3 object prefix is the bucket's prefix. */
export function resourceNode(resource: string): ResourceNode {
  if (resource === "*") return { key: "*", label: "every resource (*)" };
  const a = parseArn(resource);
  if (!a) return { key: resource, label: resource };
  const where = a.account ? ` (${a.account})` : "";
  const r = a.resource;
  switch (a.service) {
    case "s3": {
      const slash = r.indexOf("/");
      if (slash < 0) return { key: `s3:${r}`, label: `S3 bucket ${r}` };
      return { key: `s3:${r}`, label: `S3 bucket ${r.slice(0, slash)}, objects ${r.slice(slash + 1)}` };
    }
    case "dynamodb": {
      const m = /^table\/([^/]+)/.exec(r);
      return m ? { key: `dynamodb:${a.account}:${a.region}:${m[1]}`, label: `DynamoDB table ${m[1]}${where}` } : { key: resource, label: `DynamoDB ${r}${where}` };
    }
    case "sqs":
      return { key: resource, label: `SQS queue ${r}${where}` };
    case "sns":
      return { key: resource, label: `SNS topic ${r}${where}` };
    case "secretsmanager":
      return { key: resource, label: `secret ${r.replace(/^secret:/, "")}${where}` };
    case "ssm":
      return { key: resource, label: `SSM ${r}${where}` };
    case "kms":
      return { key: resource, label: `KMS ${r}${where}` };
    case "iam":
      return { key: resource, label: `IAM ${r}${where}` };
    default:
      return { key: resource, label: `${a.service} ${r}${where}` };
  }
}
