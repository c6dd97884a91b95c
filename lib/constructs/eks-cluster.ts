/**
 * An existing EKS cluster, made once per stack and given to every construct that needs it, in the
 * way of AWS CDK's `ICluster` (`Cluster.fromClusterAttributes`): its name, region, partition,
 * account, ARN, endpoint and CA. Without it each construct would look the cluster (and, for
 * grants, the account) up on its own: N tenants, N `data.aws_eks_cluster`.
 */
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import type { Construct } from "constructs";
import { eksClusterArn } from "../aws/arn";
import { regionPartition } from "../aws/region-rules";
import * as rules from "../aws/rules";
import type { ArnEnvironment } from "../aws/arn-environment";
import { terraformLiteral } from "../terraform/terraform-literal";
import type { PolicyDocuments } from "./policy-document";
import { PropChecker } from "./validate-props";

export interface EksClusterProps {
  /** Name of the existing EKS cluster. */
  readonly clusterName: string;
  /** The cluster's region, such as `eu-west-1`. */
  readonly region: string;
  /**
   * The cluster's 12-digit account. Pin it when known: nothing is looked up then.
   * @default `data.aws_caller_identity.caller_identity` beside this construct, made on first use
   */
  readonly accountId?: string;
  /**
   * The ARN partition: `aws`, `aws-cn`, `aws-us-gov`, ...
   * @default the region's partition
   */
  readonly partition?: string;
}

/** Beside the cluster, so that the stack's account look-up keeps one address whatever the cluster's ID. */
const CALLER_IDENTITY_ID = "caller_identity";

/**
 * `new EksCluster(stack, "eks_cluster", props)`: the cluster's `data.aws_eks_cluster` itself (so
 * its address is the construct's ID, `data.aws_eks_cluster.eks_cluster`), with the names it was
 * built from, and a `data.aws_caller_identity` named `caller_identity` beside it the first time
 * something needs an account that was not pinned. Its data source attributes (`arn`, `endpoint`,
 * `version`, ...) are Terraform references; `clusterName`, `region` and `partition` are literals.
 */
export class EksCluster extends DataAwsEksCluster {
  readonly clusterName: string;
  /** `aws`, `aws-cn` or `aws-us-gov`: given, or the region's. */
  readonly partition: string;
  private readonly clusterRegion: string;
  private readonly pinnedAccount?: string;
  private lookedUpAccount?: string;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    new PropChecker(`EksCluster ${JSON.stringify(id)}`)
      .rule("clusterName", rules.CLUSTER_NAME, props.clusterName)
      .rule("region", rules.REGION, props.region)
      .rule("accountId", rules.ACCOUNT_ID, props.accountId, true)
      .that("partition", props.partition === undefined || /^aws(-[a-z]+)*$/.test(props.partition), `${JSON.stringify(props.partition)} is not an ARN partition: aws, or aws- and lower-case letters, such as aws-cn`)
      .done();
    // The provider's region (the stack's) is the cluster's: the data source takes no region of its own.
    super(scope, id, { name: terraformLiteral(props.clusterName) });
    this.clusterName = props.clusterName;
    this.clusterRegion = props.region;
    this.partition = props.partition ?? regionPartition(props.region);
    this.pinnedAccount = props.accountId;
  }

  /** The cluster's region, as given (a literal, where the data source's attribute would be a reference to the same value). */
  override get region(): string {
    return this.clusterRegion;
  }

  override set region(value: string) {
    super.region = value;
  }

  /** The cluster's ARN as EKS reports it (the data source's `arn`), a Terraform reference. */
  get clusterArn(): string {
    return this.arn;
  }

  /** The cluster's ARN built from its names (lib/aws/arn.ts); a literal when the account is pinned. */
  get arnFromNames(): string {
    return eksClusterArn({ partition: this.partition, region: this.region, accountId: this.accountId, clusterName: this.clusterName });
  }

  /** The cluster's CA certificate, base64-encoded as EKS returns it. */
  get certificateAuthorityData(): string {
    return this.certificateAuthority.get(0).data;
  }

  /** Whether `accountId` is a literal (pinned) rather than a Terraform reference. */
  get accountPinned(): boolean {
    return this.pinnedAccount !== undefined;
  }

  /** The pinned account, or `data.aws_caller_identity.caller_identity`'s, looked up once per scope. */
  get accountId(): string {
    if (this.pinnedAccount !== undefined) return this.pinnedAccount;
    this.lookedUpAccount ??= callerIdentity(this.node.scope!).accountId;
    return this.lookedUpAccount;
  }

  /** Where names in grants resolve to ARNs: this cluster's partition, account and region. */
  get arnEnvironment(): ArnEnvironment {
    return { partition: this.partition, accountId: this.accountId, region: this.region };
  }

  /** The partition and region alone (the account only when pinned), for checks that must not look the account up. */
  get checkEnvironment(): ArnEnvironment {
    return { partition: this.partition, region: this.region, accountId: this.pinnedAccount ?? "" };
  }
}

/** The scope's one caller identity: two clusters of one provider share an account. */
function callerIdentity(scope: Construct): DataAwsCallerIdentity {
  const existing = scope.node.tryFindChild(CALLER_IDENTITY_ID);
  return existing instanceof DataAwsCallerIdentity ? existing : new DataAwsCallerIdentity(scope, CALLER_IDENTITY_ID);
}

/** What every construct that writes policy documents takes besides the cluster. */
export interface PolicyDocumentsProps {
  /**
   * How the construct's policy documents are written: `data-source`, one
   * `data.aws_iam_policy_document` each; `inline`, the literal JSON that data source would
   * produce, byte for byte, which spares `terraform plan` the data sources.
   * @default the stack's `defaults.policyDocuments`, else "data-source"
   */
  readonly policyDocuments?: PolicyDocuments;
}

/** The cluster prop every identity takes. */
export interface ClusterProps extends PolicyDocumentsProps {
  /** The cluster, made once per stack (`new EksCluster(stack, "eks_cluster", ...)`). */
  readonly cluster: EksCluster;
}
