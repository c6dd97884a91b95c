/**
 * AWS Gateway API Controller for Amazon VPC Lattice.
 *
 * Source: aws/aws-application-networking-k8s v2.1.3,
 * files/controller-installation/recommended-inline-policy.json
 * (https://github.com/aws/aws-application-networking-k8s/blob/v2.1.3/files/controller-installation/recommended-inline-policy.json),
 * statement for statement, with the service-linked role ARNs in the cluster's partition.
 * Upstream grants vpc-lattice:* on `*`: the controller creates and deletes services, service
 * networks, listeners, rules and target groups named after Kubernetes objects, so no option
 * could narrow it; this project keeps upstream's policy rather than guess a subset.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { allow, type ControllerDefinition } from "./types";

export const awsGatewayApiController: ControllerDefinition<"aws-gateway-api-controller"> = {
  name: "aws-gateway-api-controller",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-gateway-api-controller"],
  chart: "oci://public.ecr.aws/aws-application-networking-k8s/aws-gateway-controller-chart: namespace aws-application-networking-system and service account gateway-api-controller, as docs/guides/deploy.md sets them up",
  source: { document: "aws/aws-application-networking-k8s files/controller-installation/recommended-inline-policy.json", version: "v2.1.3", url: "https://github.com/aws/aws-application-networking-k8s/blob/v2.1.3/files/controller-installation/recommended-inline-policy.json" },
  arnOptions: {},
  policy(_o, { partition }) {
    return {
      managedPolicyArns: [],
      statements: [
        allow(
          "LatticeAndDiscovery",
          [
            "vpc-lattice:*",
            "ec2:DescribeVpcs",
            "ec2:DescribeSubnets",
            "ec2:DescribeTags",
            "ec2:DescribeSecurityGroups",
            "logs:CreateLogDelivery",
            "logs:GetLogDelivery",
            "logs:DescribeLogGroups",
            "logs:PutResourcePolicy",
            "logs:DescribeResourcePolicies",
            "logs:UpdateLogDelivery",
            "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries",
            "tag:GetResources",
            "firehose:TagDeliveryStream",
            "s3:GetBucketPolicy",
            "s3:PutBucketPolicy",
            "tag:TagResources",
            "tag:UntagResources",
            "acm:ListCertificates",
          ],
          ["*"],
        ),
        allow("LatticeServiceLinkedRole", ["iam:CreateServiceLinkedRole"], [`arn:${partition}:iam::*:role/aws-service-role/vpc-lattice.amazonaws.com/AWSServiceRoleForVpcLattice`], [
          { test: "StringLike", variable: "iam:AWSServiceName", values: ["vpc-lattice.amazonaws.com"] },
        ]),
        allow("LogDeliveryServiceLinkedRole", ["iam:CreateServiceLinkedRole"], [`arn:${partition}:iam::*:role/aws-service-role/delivery.logs.amazonaws.com/AWSServiceRoleForLogDelivery`], [
          { test: "StringLike", variable: "iam:AWSServiceName", values: ["delivery.logs.amazonaws.com"] },
        ]),
      ],
    };
  },
};
