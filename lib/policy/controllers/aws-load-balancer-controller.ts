/**
 * AWS Load Balancer Controller.
 *
 * Source: kubernetes-sigs/aws-load-balancer-controller v3.5.0, docs/install/iam_policy.json
 * (https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v3.5.0/docs/install/iam_policy.json),
 * statement for statement, with the ARNs in the cluster's partition (upstream ships one file
 * per partition that differ only in it). The unconditioned `*` resources are upstream's: Describe*
 * and Get* actions have no resource-level permissions, and the controller creates security
 * groups, listeners and rules whose ARNs it cannot know before it creates them. Everything it
 * changes afterwards is scoped, as upstream does, to the `elbv2.k8s.aws/cluster` tag it puts on
 * what it creates.
 *
 * With targetGroupArns, the "TargetGroupBinding only" subset of the same version's
 * docs/deploy/installation.md ("You only want the LBC to add and remove IPs to already existing
 * target groups"), with its four target-group actions narrowed from `*` to those target groups.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import type { PolicyCondition, PolicyStatement } from "../statement";
import { TARGET_GROUP } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

const TAG = "elbv2.k8s.aws/cluster";
const requestTagPresent: PolicyCondition = { test: "Null", variable: `aws:RequestTag/${TAG}`, values: ["false"] };
const requestTagAbsent: PolicyCondition = { test: "Null", variable: `aws:RequestTag/${TAG}`, values: ["true"] };
const resourceTagPresent: PolicyCondition = { test: "Null", variable: `aws:ResourceTag/${TAG}`, values: ["false"] };

/** Describe* and Get*: no resource-level permissions, so on `*` (upstream's Describe statement). */
const DESCRIBE_ACTIONS = [
  "ec2:DescribeAccountAttributes",
  "ec2:DescribeAddresses",
  "ec2:DescribeAvailabilityZones",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeVpcs",
  "ec2:DescribeVpcPeeringConnections",
  "ec2:DescribeSubnets",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeInstances",
  "ec2:DescribeNetworkInterfaces",
  "ec2:DescribeTags",
  "ec2:GetCoipPoolUsage",
  "ec2:DescribeCoipPools",
  "ec2:GetSecurityGroupsForVpc",
  "ec2:DescribeIpamPools",
  "ec2:DescribeRouteTables",
  "elasticloadbalancing:DescribeLoadBalancers",
  "elasticloadbalancing:DescribeLoadBalancerAttributes",
  "elasticloadbalancing:DescribeListeners",
  "elasticloadbalancing:DescribeListenerCertificates",
  "elasticloadbalancing:DescribeSSLPolicies",
  "elasticloadbalancing:DescribeRules",
  "elasticloadbalancing:DescribeTargetGroups",
  "elasticloadbalancing:DescribeTargetGroupAttributes",
  "elasticloadbalancing:DescribeTargetHealth",
  "elasticloadbalancing:DescribeTags",
  "elasticloadbalancing:DescribeTrustStores",
  "elasticloadbalancing:DescribeListenerAttributes",
  "elasticloadbalancing:DescribeCapacityReservation",
];

/** Certificates, WAF and Shield for the load balancers' listeners, as upstream grants them. */
const CERTIFICATES_WAF_SHIELD_ACTIONS = [
  "cognito-idp:DescribeUserPoolClient",
  "acm:ListCertificates",
  "acm:DescribeCertificate",
  "iam:ListServerCertificates",
  "iam:GetServerCertificate",
  "waf-regional:GetWebACL",
  "waf-regional:GetWebACLForResource",
  "waf-regional:AssociateWebACL",
  "waf-regional:DisassociateWebACL",
  "wafv2:GetWebACL",
  "wafv2:GetWebACLForResource",
  "wafv2:AssociateWebACL",
  "wafv2:DisassociateWebACL",
  "shield:GetSubscriptionState",
  "shield:DescribeProtection",
  "shield:CreateProtection",
  "shield:DeleteProtection",
];

/** What the controller changes on load balancers and target groups it tagged. */
const MANAGE_OWN_LOAD_BALANCER_ACTIONS = [
  "elasticloadbalancing:ModifyLoadBalancerAttributes",
  "elasticloadbalancing:SetIpAddressType",
  "elasticloadbalancing:SetSecurityGroups",
  "elasticloadbalancing:SetSubnets",
  "elasticloadbalancing:DeleteLoadBalancer",
  "elasticloadbalancing:ModifyTargetGroup",
  "elasticloadbalancing:ModifyTargetGroupAttributes",
  "elasticloadbalancing:DeleteTargetGroup",
  "elasticloadbalancing:ModifyListenerAttributes",
  "elasticloadbalancing:ModifyCapacityReservation",
  "elasticloadbalancing:ModifyIpPools",
];

/** Listener and rule changes, on `*` as upstream grants them. */
const MODIFY_LISTENERS_AND_RULES_ACTIONS = [
  "elasticloadbalancing:SetWebAcl",
  "elasticloadbalancing:ModifyListener",
  "elasticloadbalancing:AddListenerCertificates",
  "elasticloadbalancing:RemoveListenerCertificates",
  "elasticloadbalancing:ModifyRule",
  "elasticloadbalancing:SetRulePriorities",
];

export const awsLoadBalancerController: ControllerDefinition<"aws-load-balancer-controller"> = {
  name: "aws-load-balancer-controller",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-load-balancer-controller"],
  chart: "eks/aws-load-balancer-controller (eks-charts), installed in kube-system as the controller's installation guide does",
  source: {
    document: "kubernetes-sigs/aws-load-balancer-controller docs/install/iam_policy.json",
    version: "v3.5.0",
    url: "https://github.com/kubernetes-sigs/aws-load-balancer-controller/blob/v3.5.0/docs/install/iam_policy.json",
  },
  arnOptions: { targetGroupArns: TARGET_GROUP },
  policy(o, { partition }) {
    return { managedPolicyArns: [], statements: o.targetGroupArns ? targetGroupBindingStatements(o.targetGroupArns) : fullStatements(partition) };
  },
};

/** The "TargetGroupBinding only" policy: existing target groups, no load balancers or security groups. */
function targetGroupBindingStatements(targetGroupArns: ReadonlyArray<string>): PolicyStatement[] {
  return [
    // Describe* have no resource-level permissions.
    allow("DescribeForTargetGroupBinding", ["ec2:DescribeVpcs", "ec2:DescribeSecurityGroups", "ec2:DescribeInstances", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetHealth"], ["*"]),
    allow(
      "ManageTargetGroupBindingTargets",
      ["elasticloadbalancing:ModifyTargetGroup", "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"],
      targetGroupArns,
    ),
  ];
}

/** Upstream's iam_policy.json, statement for statement, in the cluster's partition. */
function fullStatements(partition: string): PolicyStatement[] {
  const elb = (r: string) => `arn:${partition}:elasticloadbalancing:*:*:${r}`;
  const targetGroups = elb("targetgroup/*/*");
  const loadBalancers = [elb("loadbalancer/net/*/*"), elb("loadbalancer/app/*/*")];
  const securityGroups = `arn:${partition}:ec2:*:*:security-group/*`;
  return [
    allow("CreateElbServiceLinkedRole", ["iam:CreateServiceLinkedRole"], ["*"], [{ test: "StringEquals", variable: "iam:AWSServiceName", values: ["elasticloadbalancing.amazonaws.com"] }]),
    allow(
      "Describe",
      DESCRIBE_ACTIONS,
      ["*"],
    ),
    allow(
      "CertificatesWafShield",
      CERTIFICATES_WAF_SHIELD_ACTIONS,
      ["*"],
    ),
    allow("SecurityGroupIngress", ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"], ["*"]),
    allow("CreateSecurityGroup", ["ec2:CreateSecurityGroup"], ["*"]),
    allow("TagNewSecurityGroup", ["ec2:CreateTags"], [securityGroups], [{ test: "StringEquals", variable: "ec2:CreateAction", values: ["CreateSecurityGroup"] }, requestTagPresent]),
    allow("TagOwnSecurityGroup", ["ec2:CreateTags", "ec2:DeleteTags"], [securityGroups], [requestTagAbsent, resourceTagPresent]),
    allow("ManageOwnSecurityGroup", ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"], ["*"], [resourceTagPresent]),
    allow("CreateTaggedLoadBalancer", ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"], ["*"], [requestTagPresent]),
    allow("ManageListenersAndRules", ["elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener", "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule"], ["*"]),
    allow("TagOwnLoadBalancer", ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"], [targetGroups, ...loadBalancers], [requestTagAbsent, resourceTagPresent]),
    allow(
      "TagListenersAndRules",
      ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"],
      [elb("listener/net/*/*/*"), elb("listener/app/*/*/*"), elb("listener-rule/net/*/*/*"), elb("listener-rule/app/*/*/*")],
    ),
    allow(
      "ManageOwnLoadBalancer",
      MANAGE_OWN_LOAD_BALANCER_ACTIONS,
      ["*"],
      [resourceTagPresent],
    ),
    allow(
      "TagOnCreate",
      ["elasticloadbalancing:AddTags"],
      [targetGroups, ...loadBalancers],
      [{ test: "StringEquals", variable: "elasticloadbalancing:CreateAction", values: ["CreateTargetGroup", "CreateLoadBalancer"] }, requestTagPresent],
    ),
    allow("RegisterTargets", ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"], [targetGroups]),
    allow(
      "ModifyListenersAndRules",
      MODIFY_LISTENERS_AND_RULES_ACTIONS,
      ["*"],
    ),
  ];
}
