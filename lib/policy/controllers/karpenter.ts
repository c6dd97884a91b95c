/**
 * Karpenter.
 *
 * Source: aws/karpenter-provider-aws v1.14.1, the getting-started CloudFormation template
 * (website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml,
 * https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml):
 * its NodeLifecycle, IAMIntegration, EKSIntegration, Interruption, ZonalShift and
 * ResourceDiscovery policies, statement for statement, with ${ClusterName}, ${AWS::Region},
 * ${AWS::Partition} and ${AWS::AccountId} filled in for this cluster. Two resources that the
 * template creates itself become options: the node role to pass (nodeRoleArns, where the
 * template has its KarpenterNodeRole) and the interruption queue (interruptionQueueArn; left
 * out, no SQS permissions, as when Karpenter runs without settings.interruptionQueue).
 * The `*` resources are upstream's: Describe* and pricing:GetProducts have no resource-level
 * permissions (the template pins them to the region with aws:RequestedRegion), nor has
 * iam:ListInstanceProfiles; arc-zonal-shift:GetManagedResource is pinned to this cluster by its
 * condition.
 */
import { eksClusterArn } from "../../aws/arn";
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { ACCOUNT } from "../../aws/arn-environment";
import type { PolicyCondition } from "../statement";
import { INTERRUPTION_QUEUE, NODE_ROLE } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

/** ResourceDiscoveryPolicy's regional reads: no resource-level permissions, so on `*` in the cluster's region. */
const REGIONAL_READ_ACTIONS = [
  "ec2:DescribeCapacityReservations",
  "ec2:DescribeImages",
  "ec2:DescribeInstances",
  "ec2:DescribeInstanceStatus",
  "ec2:DescribeInstanceTypeOfferings",
  "ec2:DescribeInstanceTypes",
  "ec2:DescribeLaunchTemplates",
  "ec2:DescribePlacementGroups",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeSpotPriceHistory",
  "ec2:DescribeSubnets",
];

export const karpenter: ControllerDefinition<"karpenter"> = {
  name: "karpenter",
  ...CONTROLLER_SERVICE_ACCOUNTS["karpenter"],
  chart: "oci://public.ecr.aws/karpenter/karpenter, release karpenter in kube-system (KARPENTER_NAMESPACE of the getting-started guide)",
  source: {
    document: "aws/karpenter-provider-aws getting-started cloudformation.yaml",
    version: "v1.14.1",
    url: "https://github.com/aws/karpenter-provider-aws/blob/v1.14.1/website/content/en/docs/getting-started/getting-started-with-karpenter/cloudformation.yaml",
  },
  arnOptions: { nodeRoleArns: NODE_ROLE, interruptionQueueArn: INTERRUPTION_QUEUE },
  policy(o, { clusterName: cluster, region, partition }) {
    const ec2 = (r: string, account = "*") => `arn:${partition}:ec2:${region}:${account}:${r}`;
    const eq = (variable: string, ...values: string[]): PolicyCondition => ({ test: "StringEquals", variable, values });
    const like = (variable: string, ...values: string[]): PolicyCondition => ({ test: "StringLike", variable, values });
    const owned = (k: "Request" | "Resource") => eq(`aws:${k}Tag/kubernetes.io/cluster/${cluster}`, "owned");
    const nodepool = (k: "Request" | "Resource") => like(`aws:${k}Tag/karpenter.sh/nodepool`, "*");
    const tagged = [ec2("fleet/*"), ec2("instance/*"), ec2("volume/*"), ec2("network-interface/*"), ec2("launch-template/*"), ec2("spot-instances-request/*")];
    const instanceProfiles = `arn:${partition}:iam::${ACCOUNT}:instance-profile/*`;
    const regionTag = (k: "Request" | "Resource") => eq(`aws:${k}Tag/topology.kubernetes.io/region`, region);
    const nodeClass = (k: "Request" | "Resource") => like(`aws:${k}Tag/karpenter.k8s.aws/ec2nodeclass`, "*");
    const clusterArn = eksClusterArn({ partition, region, accountId: ACCOUNT, clusterName: cluster });

    return {
      managedPolicyArns: [],
      statements: [
        // NodeLifecyclePolicy
        allow(
          "AllowScopedEC2InstanceAccessActions",
          ["ec2:RunInstances", "ec2:CreateFleet"],
          [`arn:${partition}:ec2:${region}::image/*`, `arn:${partition}:ec2:${region}::snapshot/*`, ec2("security-group/*"), ec2("subnet/*"), ec2("capacity-reservation/*"), ec2("placement-group/*")],
        ),
        allow("AllowScopedEC2LaunchTemplateAccessActions", ["ec2:RunInstances", "ec2:CreateFleet"], [ec2("launch-template/*")], [owned("Resource"), nodepool("Resource")]),
        allow("AllowScopedEC2InstanceActionsWithTags", ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"], tagged, [
          owned("Request"),
          eq("aws:RequestTag/eks:eks-cluster-name", cluster),
          nodepool("Request"),
        ]),
        allow("AllowScopedResourceCreationTagging", ["ec2:CreateTags"], tagged, [
          owned("Request"),
          eq("aws:RequestTag/eks:eks-cluster-name", cluster),
          eq("ec2:CreateAction", "RunInstances", "CreateFleet", "CreateLaunchTemplate"),
          nodepool("Request"),
        ]),
        allow("AllowScopedResourceTagging", ["ec2:CreateTags"], [ec2("instance/*")], [
          owned("Resource"),
          nodepool("Resource"),
          { test: "StringEqualsIfExists", variable: "aws:RequestTag/eks:eks-cluster-name", values: [cluster] },
          { test: "ForAllValues:StringEquals", variable: "aws:TagKeys", values: ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"] },
        ]),
        allow("AllowScopedDeletion", ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"], [ec2("instance/*"), ec2("launch-template/*")], [owned("Resource"), nodepool("Resource")]),
        // IAMIntegrationPolicy
        allow("AllowPassingInstanceRole", ["iam:PassRole"], o.nodeRoleArns, [eq("iam:PassedToService", "ec2.amazonaws.com", "ec2.amazonaws.com.cn")]),
        allow("AllowScopedInstanceProfileCreationActions", ["iam:CreateInstanceProfile"], [instanceProfiles], [
          owned("Request"),
          eq("aws:RequestTag/eks:eks-cluster-name", cluster),
          regionTag("Request"),
          nodeClass("Request"),
        ]),
        allow("AllowScopedInstanceProfileTagActions", ["iam:TagInstanceProfile"], [instanceProfiles], [
          owned("Resource"),
          regionTag("Resource"),
          owned("Request"),
          eq("aws:RequestTag/eks:eks-cluster-name", cluster),
          regionTag("Request"),
          nodeClass("Resource"),
          nodeClass("Request"),
        ]),
        allow("AllowScopedInstanceProfileActions", ["iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"], [instanceProfiles], [
          owned("Resource"),
          regionTag("Resource"),
          nodeClass("Resource"),
        ]),
        // EKSIntegrationPolicy
        allow("AllowAPIServerEndpointDiscovery", ["eks:DescribeCluster"], [clusterArn]),
        // InterruptionPolicy
        ...(o.interruptionQueueArn ? [allow("AllowInterruptionQueueActions", ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"], [o.interruptionQueueArn])] : []),
        // ZonalShiftPolicy
        allow("AllowZonalShiftStatusReadOnly", ["arc-zonal-shift:GetManagedResource"], ["*"], [eq("arc-zonal-shift:ResourceIdentifier", clusterArn)]),
        // ResourceDiscoveryPolicy
        allow("AllowRegionalReadActions", REGIONAL_READ_ACTIONS, ["*"], [eq("aws:RequestedRegion", region)]),
        allow("AllowSSMReadActions", ["ssm:GetParameter"], [`arn:${partition}:ssm:${region}::parameter/aws/service/*`]),
        allow("AllowPricingReadActions", ["pricing:GetProducts"], ["*"]),
        allow("AllowUnscopedInstanceProfileListAction", ["iam:ListInstanceProfiles"], ["*"]),
        allow("AllowInstanceProfileReadActions", ["iam:GetInstanceProfile"], [instanceProfiles]),
      ],
    };
  },
};
