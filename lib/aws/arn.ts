/**
 * The one ARN grammar of the project: every caller that needs a field of an ARN takes it from
 * here, never from its own `split(":")`.
 *
 * `arn:partition:service:region:account-id:resource`, where the resource part may itself hold
 * ':' (`log-group:name`, `secret:name`), and region and account are empty for the resources of
 * some services (IAM user guide, reference-arns:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
 */

export interface Arn {
  readonly partition: string;
  readonly service: string;
  /** Empty for resources that have none, such as IAM roles and S3 buckets. */
  readonly region: string;
  /** Empty for resources that have none, such as S3 buckets; `aws` for AWS managed policies. */
  readonly account: string;
  /** Everything after the fifth ':', colons included. */
  readonly resource: string;
}

/** The fields of `s`, or undefined when it is not `arn:` followed by at least five fields. */
export function parseArn(s: string): Arn | undefined {
  if (!s.startsWith("arn:")) return undefined;
  const parts = s.split(":");
  if (parts.length < 6) return undefined;
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, account: parts[4]!, resource: parts.slice(5).join(":") };
}

/** Whether an ARN field holds an IAM wildcard (`*` or `?`; IAM user guide, reference_policies_elements_resource). */
export function hasWildcard(field: string): boolean {
  return field.includes("*") || field.includes("?");
}

/** Whether `field`, which may hold IAM wildcards, matches `value`. */
export function wildcardMatches(field: string, value: string): boolean {
  if (field === value) return true;
  const glob = new RegExp(`^${field.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`);
  return glob.test(value);
}

/** A role ARN's account, path and name. */
export interface RoleRef {
  readonly account: string;
  readonly path: string;
  readonly name: string;
}

/** `arn:<partition>:iam::<account>:role/<path/>name`, or undefined for anything else. */
export function parseRoleArn(arn: string | undefined): RoleRef | undefined {
  const m = arn === undefined ? null : /^arn:[^:]+:iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/.exec(arn);
  return m ? { account: m[1]!, path: m[2]!, name: m[3]! } : undefined;
}

/** What an EKS cluster's ARN is built from. */
export interface EksClusterArnParts {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  readonly clusterName: string;
}

/**
 * `arn:<partition>:eks:<region>:<account>:cluster/<name>`, the one place the project builds it
 * (Service Authorization Reference, Amazon EKS, resource type `cluster`:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelastickubernetesservice.html#amazonelastickubernetesservice-resources-for-iam-policies).
 */
export function eksClusterArn(p: EksClusterArnParts): string {
  return `arn:${p.partition}:eks:${p.region}:${p.accountId}:cluster/${p.clusterName}`;
}
