/**
 * Cluster Autoscaler on AWS.
 *
 * Source: kubernetes/autoscaler cluster-autoscaler-1.36.1, cluster-autoscaler/cloudprovider/aws/README.md,
 * "Full Cluster Autoscaler Features Policy (Recommended)"
 * (https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-1.36.1/cluster-autoscaler/cloudprovider/aws/README.md#full-cluster-autoscaler-features-policy-recommended).
 * The README recommends restricting the two scaling actions "using tag based conditionals"; here
 * each is allowed only on Auto Scaling groups that carry the auto-discovery tag
 * `k8s.io/cluster-autoscaler/<cluster name>` of a listed cluster (any value: the README lets the
 * discovery flag match one). Tag keys in one Null block are ANDed, so one statement per cluster.
 * The Describe* and Get* actions have no resource-level permissions, except eks:DescribeNodegroup,
 * which is narrowed to the node groups of those clusters in the cluster's region and account.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { ACCOUNT } from "../../aws/arn-environment";
import { contentHash, pascal } from "../sids";
import { allow, type ControllerDefinition } from "./types";

export const clusterAutoscaler: ControllerDefinition<"cluster-autoscaler"> = {
  name: "cluster-autoscaler",
  ...CONTROLLER_SERVICE_ACCOUNTS["cluster-autoscaler"],
  chart: "autoscaler/cluster-autoscaler 9.59.0 (kubernetes.github.io/autoscaler): with cloudProvider aws its fullname, and so its service account, is <release>-aws-cluster-autoscaler; kube-system as the README's examples",
  source: {
    document: "kubernetes/autoscaler cluster-autoscaler/cloudprovider/aws/README.md",
    version: "cluster-autoscaler-1.36.1",
    url: "https://github.com/kubernetes/autoscaler/blob/cluster-autoscaler-1.36.1/cluster-autoscaler/cloudprovider/aws/README.md#iam-policy",
  },
  arnOptions: {},
  policy(o, { clusterName, partition, region }) {
    const clusters = [...new Set(o.clusterNames ?? [clusterName])].sort();
    return {
      managedPolicyArns: [],
      statements: [
        allow(
          "Describe",
          [
            "autoscaling:DescribeAutoScalingGroups",
            "autoscaling:DescribeAutoScalingInstances",
            "autoscaling:DescribeLaunchConfigurations",
            "autoscaling:DescribeScalingActivities",
            "ec2:DescribeImages",
            "ec2:DescribeInstanceTypes",
            "ec2:DescribeLaunchTemplateVersions",
            "ec2:GetInstanceTypesFromInstanceRequirements",
          ],
          ["*"],
        ),
        // The only one of them with a resource type (nodegroup): narrowed to the listed clusters.
        allow(
          "DescribeNodegroups",
          ["eks:DescribeNodegroup"],
          clusters.map((c) => `arn:${partition}:eks:${region}:${ACCOUNT}:nodegroup/${c}/*/*`),
        ),
        ...clusters.map((c) =>
          // Cluster names allow '-' and '_', which sids do not; the hash keeps a-b and a_b apart.
          allow(`ScaleGroupsOf${pascal(c)}${contentHash(c, 6)}`, ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"], ["*"], [
            { test: "Null", variable: `aws:ResourceTag/k8s.io/cluster-autoscaler/${c}`, values: ["false"] },
          ]),
        ),
      ],
    };
  },
};
