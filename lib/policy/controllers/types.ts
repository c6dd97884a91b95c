/**
 * What a well-known controller is: where it runs by default, where its IAM policy comes from,
 * what its options name, and the policy itself, built from the options and the cluster.
 */
import type { ControllerName, ControllerOf } from "./controller-types";
import type { PolicyStatement } from "../statement";

/** The cluster a controller's policy is written for. Partition and region are literal. */
export interface ControllerContext {
  readonly clusterName: string;
  readonly region: string;
  /** `partitionOf(region)`: aws, aws-cn, aws-us-gov, ... */
  readonly partition: string;
}

/** The role's permissions: statements for customer-managed policies, and AWS-managed policies. */
export interface ControllerPolicy {
  readonly statements: ReadonlyArray<PolicyStatement>;
  /** AWS-managed policy ARNs, in the cluster's partition. */
  readonly managedPolicyArns: ReadonlyArray<string>;
}

/** What an ARN option must name. */
export interface ArnKind {
  /** What one resource is called, for messages: `parameter`, `hosted zone`. */
  readonly noun: string;
  /** The ARN's service, such as `route53`. */
  readonly service: string;
  /** The resource part, such as `hostedzone/<id>`, without a trailing wildcard; matched after `arn:<p>:<service>:<region>:<account>:`. */
  readonly resource: RegExp;
  /** How the resource part looks, for messages: `hostedzone/<id>`. */
  readonly shape: string;
  /** Said when the resource part is wrong, such as why an alias does not do. */
  readonly hint?: string;
  /** Whether the ARN has a region: none for global services (Route 53, S3, IAM). */
  readonly region: "none" | "required";
  /** Whether the ARN has an account: none for S3 buckets and Route 53 zones. */
  readonly account: "none" | "required";
  /** The resource must be in the cluster's account (when accountId pins it), such as roles to pass. */
  readonly sameAccount?: boolean;
  /** The resource must be in the cluster's region, such as a queue the controller finds by name. */
  readonly sameRegion?: boolean;
  /** Why sameAccount or sameRegion holds, for the message. */
  readonly placeReason?: string;
  /**
   * `prefix`: the resource part may end with one `*` after the name's first characters (a name
   * prefix). Left out: no wildcard at all. A wildcard anywhere else is refused.
   */
  readonly wildcard?: "prefix";
  /** A problem of the resource part that its pattern cannot say well, such as a leading '/'. */
  readonly refine?: (resource: string) => string | undefined;
}

/** Where a policy comes from: the project's own published policy at a pinned version. */
export interface PolicySource {
  /** `kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json`. */
  readonly document: string;
  readonly version: string;
  readonly url: string;
}

export interface ControllerDefinition<N extends ControllerName = ControllerName> {
  readonly name: N;
  /** The namespace its install guide uses. */
  readonly namespace: string;
  /** The service account of its official Helm chart, for a release named after the controller. */
  readonly serviceAccount: string;
  /** Where the namespace and service account come from. */
  readonly chart: string;
  readonly source: PolicySource;
  /** The ARN options, by option name. */
  readonly arnOptions: Readonly<Record<string, ArnKind>>;
  policy(options: ControllerOf<N>, ctx: ControllerContext): ControllerPolicy;
}

/** An Allow statement: the shape every controller policy is made of. */
export function allow(sid: string, actions: ReadonlyArray<string>, resources: ReadonlyArray<string>, conditions?: PolicyStatement["conditions"]): PolicyStatement {
  return { sid, effect: "Allow", actions: [...actions], resources: [...resources], ...(conditions && conditions.length > 0 ? { conditions } : {}) };
}

/**
 * kms:CreateGrant only for a grant an AWS service creates on the caller's behalf, such as EC2
 * for an encrypted EBS volume (AWS KMS developer guide, conditions-kms-grant-is-for-aws-resource:
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-grant-is-for-aws-resource).
 */
export const GRANT_FOR_AWS_RESOURCE = { test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] } as const;
