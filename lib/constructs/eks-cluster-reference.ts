/**
 * One reference to an existing EKS cluster, made once per stack and given to every construct
 * that needs the cluster's name, ARN, region, partition or account, like AWS CDK's
 * `Cluster.fromClusterAttributes`. Without it each construct looks the cluster (and, for grants,
 * the partition, account and region) up on its own: N tenants, N `data.aws_eks_cluster`.
 */
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import type { Construct } from "constructs";
import { regionPartition } from "../aws/region-rules";
import * as rules from "../aws/rules";
import type { ArnEnvironment } from "../policy/arn-environment";
import { terraformLiteral } from "../terraform/terraform-literal";
import { PropChecker } from "./validate-props";
import type { PolicyDocuments } from "./policy-document";

export interface EksClusterReferenceProps {
  /** Name of the existing EKS cluster. */
  readonly clusterName: string;
  /** The cluster's region, such as `eu-west-1`; the partition follows from it. */
  readonly region: string;
  /**
   * The cluster's 12-digit account. Pin it when known: nothing is looked up then.
   * @default `data.aws_caller_identity`, made on first use
   */
  readonly accountId?: string;
}

/**
 * Made with `EksClusterReference.lookUp(stack, props)`: a `data.aws_eks_cluster` named
 * `eks_cluster` in that scope, and a `data.aws_caller_identity` named `caller_identity` the first
 * time something needs an account that was not pinned. A second look-up in the same scope is
 * refused (the IDs are taken), so a stack cannot end up with two.
 */
export class EksClusterReference {
  /** The cluster's data source: `arn`, `version`, `endpoint` and the rest. */
  readonly eks: DataAwsEksCluster;
  readonly clusterName: string;
  readonly region: string;
  /** `aws`, `aws-cn` or `aws-us-gov`, from the region. */
  readonly partition: string;
  private readonly scope: Construct;
  private readonly pinnedAccount?: string;
  private lookedUpAccount?: string;

  static lookUp(scope: Construct, props: EksClusterReferenceProps): EksClusterReference {
    new PropChecker("EksClusterReference")
      .rule("clusterName", rules.CLUSTER_NAME, props.clusterName)
      .rule("region", rules.REGION, props.region)
      .rule("accountId", rules.ACCOUNT_ID, props.accountId, true)
      .done();
    return new EksClusterReference(scope, props);
  }

  private constructor(scope: Construct, props: EksClusterReferenceProps) {
    this.scope = scope;
    this.clusterName = props.clusterName;
    this.region = props.region;
    this.partition = regionPartition(props.region);
    this.pinnedAccount = props.accountId;
    this.eks = new DataAwsEksCluster(scope, "eks_cluster", { name: terraformLiteral(props.clusterName) });
  }

  /** The cluster's ARN, a Terraform reference. */
  get clusterArn(): string {
    return this.eks.arn;
  }

  /** Whether `accountId` is a literal (pinned) rather than a Terraform reference. */
  get accountPinned(): boolean {
    return this.pinnedAccount !== undefined;
  }

  /** The pinned account, or `data.aws_caller_identity.caller_identity`'s, looked up once. */
  get accountId(): string {
    if (this.pinnedAccount !== undefined) return this.pinnedAccount;
    this.lookedUpAccount ??= new DataAwsCallerIdentity(this.scope, "caller_identity").accountId;
    return this.lookedUpAccount;
  }

  /** Where names in grants resolve to ARNs: this cluster's partition, account and region. */
  get arnEnvironment(): ArnEnvironment {
    return { partition: this.partition, accountId: this.accountId, region: this.region };
  }
}

/**
 * A construct's `cluster` and `clusterName` props as one name: the reference's, or the name
 * given; both may be set only when they agree.
 */
export function clusterNameFrom(check: PropChecker, props: { readonly cluster?: EksClusterReference; readonly clusterName?: string }): string {
  const { cluster, clusterName } = props;
  check.that("clusterName", cluster !== undefined || clusterName !== undefined, "set clusterName, or cluster (an EksClusterReference)");
  check.that("clusterName", cluster === undefined || clusterName === undefined || cluster.clusterName === clusterName, `is ${JSON.stringify(clusterName)} but cluster refers to ${JSON.stringify(cluster?.clusterName)}; leave clusterName out with cluster`);
  return cluster?.clusterName ?? clusterName ?? "";
}

/** Props that take the cluster either way: a reference, or a name (the constructs' first form). */
export interface ClusterProps {
  /**
   * The cluster, looked up once per stack (`EksClusterReference.lookUp`), so that this construct
   * looks nothing up again.
   * @default the construct's own look-ups, from clusterName
   */
  readonly cluster?: EksClusterReference;
  /** Name of the existing EKS cluster. Leave out with `cluster`. */
  readonly clusterName?: string;
  /**
   * How the construct's policy documents are written: `data-source`, one
   * `data.aws_iam_policy_document` each; `inline`, the literal JSON that data source would
   * produce, byte for byte, which spares `terraform plan` the data sources.
   * @default the stack's `defaults.policyDocuments`, else "data-source"
   */
  readonly policyDocuments?: PolicyDocuments;
}

/** The props with the cluster's name filled in; refuses props that name no cluster, or two. */
export function withClusterName<P extends ClusterProps>(owner: string, props: P): P & { readonly clusterName: string } {
  const check = new PropChecker(owner);
  const clusterName = clusterNameFrom(check, props);
  check.done();
  return { ...props, clusterName };
}
