/**
 * EKS add-ons whose service account and managed policies are documented, so that a tenants file
 * can name them alone. Each entry cites where its defaults come from.
 *
 * Check a default against the add-on version you run with
 * `aws eks describe-addon-configuration --addon-name <name> --addon-version <v> --query podIdentityConfiguration`,
 * which returns the service account and the recommended managed policies
 * (https://docs.aws.amazon.com/eks/latest/APIReference/API_AddonPodIdentityConfiguration.html).
 */

export interface KnownAddon {
  /** The service account the add-on's pods run as. */
  readonly serviceAccount: string;
  /** Where the add-on runs; EKS implies it, this tool uses it for conflict and drift checks. */
  readonly namespace: string;
  /**
   * AWS managed policies the add-on's role needs, by path and name (`service-role/X`): every
   * partition has them, under its own ARN (`knownAddonPolicyArns`).
   */
  readonly managedPolicies: ReadonlyArray<string>;
  /** The first add-on version that supports Pod Identity. */
  readonly minVersion: string;
}

/**
 * Service account, namespace and policy: EKS user guide, "AWS add-ons"
 * (https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html).
 * Minimum versions: EKS user guide, "Pod Identity support reference"
 * (https://docs.aws.amazon.com/eks/latest/userguide/retreive-iam-info.html#pod-id-add-on-versions).
 */
export const KNOWN_ADDONS: Readonly<Record<string, KnownAddon>> = {
  // "Amazon EBS CSI driver": ebs-csi-controller-sa, AmazonEBSCSIDriverPolicy; Pod Identity from v1.26.0-eksbuild.1.
  "aws-ebs-csi-driver": {
    serviceAccount: "ebs-csi-controller-sa",
    namespace: "kube-system",
    managedPolicies: ["service-role/AmazonEBSCSIDriverPolicy"],
    minVersion: "v1.26.0-eksbuild.1",
  },
  // "Amazon EFS CSI driver": efs-csi-controller-sa, AmazonEFSCSIDriverPolicy (also the Pod Identity
  // procedure of https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html); from v2.0.5-eksbuild.1.
  "aws-efs-csi-driver": {
    serviceAccount: "efs-csi-controller-sa",
    namespace: "kube-system",
    managedPolicies: ["service-role/AmazonEFSCSIDriverPolicy"],
    minVersion: "v2.0.5-eksbuild.1",
  },
  // "Amazon VPC CNI plugin for Kubernetes": aws-node, AmazonEKS_CNI_Policy, which covers IPv4
  // clusters only; IPv6 clusters need a custom policy (list it in managedPolicyArns). From v1.15.5-eksbuild.1.
  "vpc-cni": {
    serviceAccount: "aws-node",
    namespace: "kube-system",
    managedPolicies: ["AmazonEKS_CNI_Policy"],
    minVersion: "v1.15.5-eksbuild.1",
  },
  // "Amazon CloudWatch Observability agent": cloudwatch-agent in amazon-cloudwatch, with
  // CloudWatchAgentServerPolicy and AWSXrayWriteOnlyAccess; from v3.1.0-eksbuild.1.
  "amazon-cloudwatch-observability": {
    serviceAccount: "cloudwatch-agent",
    namespace: "amazon-cloudwatch",
    managedPolicies: ["CloudWatchAgentServerPolicy", "AWSXrayWriteOnlyAccess"],
    minVersion: "v3.1.0-eksbuild.1",
  },
};

export function knownAddon(name: string): KnownAddon | undefined {
  return Object.prototype.hasOwnProperty.call(KNOWN_ADDONS, name) ? KNOWN_ADDONS[name] : undefined;
}

/**
 * The add-on's AWS managed policies as ARNs of `partition`: AWS managed policies carry their
 * partition like every ARN, `arn:aws-us-gov:iam::aws:policy/…` in GovCloud
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
 */
export function knownAddonPolicyArns(known: KnownAddon, partition: string): string[] {
  return known.managedPolicies.map((p) => `arn:${partition}:iam::aws:policy/${p}`);
}

/** Compares two add-on versions (v1.2.3-eksbuild.4) numerically, part by part. */
export function compareAddonVersions(a: string, b: string): number {
  const parts = (v: string) => (v.match(/\d+/g) ?? []).map(Number);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
