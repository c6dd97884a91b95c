/**
 * Real `terraform validate` and `terraform plan` of every example's AWS part, with the AWS
 * provider of the local plugin mirror and EKS answered by a stand-in on 127.0.0.1. The plan's
 * creates must be exactly the resources written out below, and every trust and inline policy,
 * as the provider renders it for IAM, must equal the policy written out below.
 *
 * Each provider configuration costs seconds of CPU, twice per plan (the AWS provider is a 700 MB
 * binary: every configuration starts its own process for plan's validate walk and again for its
 * plan walk, and each builds the provider's whole schema), so all stacks go into one root module,
 * one child module per stack, stacks with equal provider settings sharing one provider
 * configuration: one `plan` and one `show` for the whole suite. The plan's own validate walk
 * stands in for a separate `terraform validate`, which would start the provider again.
 *
 * The stacks planned are the golden files (__tests__/golden/<input>/<stack>.json), which
 * golden.test.ts proves byte-identical to what the app command writes for the same inputs: the
 * app is not run a second time here.
 *
 * Every stack is planned a second time, synthesized with `defaults.policyDocuments: inline`, in
 * a module `inline__<input>__<stack>`: every role's and policy's document must be byte-identical
 * between the two, both as the resource's argument (a `terraform_data` probe beside each
 * resource takes the same expression, so the plan shows it as the provider received it) and as
 * the provider plans it for IAM.
 *
 * The same plan renders every controller's managed policy documents (data
 * "aws_iam_policy_document" needs no AWS call, and is read at plan time), in the root module
 * under the us-east-1 provider the examples already start, so that they cost no provider process
 * of their own: the provider accepts every statement and condition, each managed policy is
 * within the 6,144 characters IAM allows, and the size this project computes never
 * underestimates it.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { awsPart, type AwsPart, type Json } from "./aws-part";
import { startEksStandIn, STAND_IN, type EksStandIn } from "./eks-stand-in";
import { ROOT } from "./run";
import { CONTROLLER_NAMES, controllerSchema } from "../lib/schema/controller-schema";
import { managedPolicySize } from "../lib/policy/controllers/pack";
import { controllerPolicy } from "../lib/policy/controllers/registry";
import { FULL } from "./controller-options";
import { dataSources } from "./helpers";
import { synthController } from "./policy-eval";
import { pluginMirror, requiredTerraformTest, terraform, terraformAvailable, type TerraformRun } from "./terraform";
import { parse as parseYaml } from "yaml";
import { runApp } from "./run";

const SUITE = "terraform validate and plan of each stack's AWS part";
const PROVIDER_VERSION = "5.100.0";

const inputs = [
  "tenants.yaml",
  ...readdirSync(join(ROOT, "examples"))
    .filter((f) => [".yaml", ".yml", ".json"].includes(extname(f)))
    .map((f) => `examples/${f}`),
];

// ---- What the plans must hold, written out by hand ----

const ACCOUNT = STAND_IN.account;
const clusterArn = (region: string, name: string) => `arn:aws:eks:${region}:${ACCOUNT}:cluster/${name}`;

/**
 * The trust policy of a tenant's role: only pods.eks.amazonaws.com, only for sessions tagged
 * with this namespace, service account and cluster (EKS user guide, pod-id-role: the session
 * tags EKS Pod Identity sets).
 */
function tenantTrust(sid: string, namespace: string | string[], serviceAccount: string, arn: string): Json {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: sid,
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:RequestTag/kubernetes-namespace": namespace,
            "aws:RequestTag/kubernetes-service-account": serviceAccount,
            "aws:RequestTag/eks-cluster-arn": arn,
          },
        },
      },
    ],
  };
}
const podTrust = (namespace: string, serviceAccount: string, arn: string) => tenantTrust("AllowEksAuthToAssumeRoleForPodIdentity", namespace, serviceAccount, arn);

/** An add-on's role: EKS itself makes the association for the add-on's own service account. */
const ADDON_TRUST: Json = {
  Version: "2012-10-17",
  Statement: [{ Sid: "AllowEksAuthToAssumeRoleForPodIdentity", Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
};

/** A shared role whose members have no session tags (session policies): the same one unscoped statement (lib/policy/trust.ts). */
const UNSCOPED_TRUST: Json = ADDON_TRUST;

const policy = (...statements: Json[]): Json => ({ Version: "2012-10-17", Statement: statements });
const allow = (Sid: string, Action: string | string[], Resource: string | string[], Condition?: Json): Json => ({ Sid, Effect: "Allow", Action, Resource, ...(Condition ? { Condition } : {}) });

interface Expected {
  /** Every planned change, as `<address> <actions>`. */
  readonly changes: string[];
  /** Resources that cannot be planned with the mirror's provider, and why. */
  readonly notCheckable?: Array<{ address: string; arguments: string[] }>;
  /** Rendered policies by `<address>.assume_role_policy` or `<address>.policy`. */
  readonly policies: Record<string, Json>;
}

const EXPECTED: Record<string, Record<string, Expected>> = {
  tenants: {
    "demo-cluster": {
      changes: [
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D create",
        "aws_eks_pod_identity_association.nginx_association_4EC97356 create",
        "aws_iam_role.nginx_role_5C99ED9E create",
        "aws_iam_role_policy_attachment.nginx_policy-aws-AmazonS3FullAccess_45469249 create",
      ],
      policies: {
        "aws_iam_role.nginx_role_5C99ED9E.assume_role_policy": podTrust("nginx", "nginx-sa", clusterArn("us-east-1", "demo-cluster")),
      },
    },
  },
  // Controllers' own policies are customer-managed (aws_iam_policy); the controller policies
  // test at the end of this file renders and checks those. Here: what is created, and each
  // role's trust, scoped to the namespace and service account of the controller's official chart.
  controllers: {
    platform: {
      changes: [
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D create",
        ...["aws-ebs-csi-driver_association_3A66B6CD", "aws-load-balancer-controller_association_E59338AF", "cert-manager_association_B9DB6B76", "external-dns_association_FD534683", "external-secrets_association_4C8CDADA", "karpenter_association_B3883758", "velero_association_F0474EB2"].map((a) => `aws_eks_pod_identity_association.controller_${a} create`),
        ...["aws-ebs-csi-driver_managed-policy-1_1E88178E", "aws-load-balancer-controller_managed-policy-1_07BDA44D", "cert-manager_managed-policy-1_CCB7BC47", "external-dns_managed-policy-1_9B3FE9BE", "external-secrets_managed-policy-1_DD48C441", "karpenter_managed-policy-1_CA64DD97", "velero_managed-policy-1_0A83FD01"].map((a) => `aws_iam_policy.controller_${a} create`),
        ...["aws-ebs-csi-driver_role_55D36811", "aws-load-balancer-controller_role_15B38335", "cert-manager_role_936C741B", "external-dns_role_E0EFF4B0", "external-secrets_role_F2805170", "karpenter_role_AF3DAAAE", "velero_role_3FB55ADB"].map((a) => `aws_iam_role.controller_${a} create`),
        ...[
          "aws-ebs-csi-driver_managed-policy-1-attachment_3AA5E378",
          "aws-ebs-csi-driver_policy-aws-AmazonEBSCSIDriverPolicyV2_685CA0D1",
          "aws-load-balancer-controller_managed-policy-1-attachment_6880BEA7",
          "cert-manager_managed-policy-1-attachment_98D7354E",
          "external-dns_managed-policy-1-attachment_8801393B",
          "external-secrets_managed-policy-1-attachment_FA8AD0E5",
          "karpenter_managed-policy-1-attachment_D5E04B66",
          "velero_managed-policy-1-attachment_C4C5C40B",
        ].map((a) => `aws_iam_role_policy_attachment.controller_${a} create`),
      ],
      policies: {
        "aws_iam_role.controller_aws-ebs-csi-driver_role_55D36811.assume_role_policy": podTrust("kube-system", "ebs-csi-controller-sa", clusterArn("us-east-1", "platform")),
        "aws_iam_role.controller_aws-load-balancer-controller_role_15B38335.assume_role_policy": podTrust("kube-system", "aws-load-balancer-controller", clusterArn("us-east-1", "platform")),
        "aws_iam_role.controller_cert-manager_role_936C741B.assume_role_policy": podTrust("cert-manager", "cert-manager", clusterArn("us-east-1", "platform")),
        "aws_iam_role.controller_external-dns_role_E0EFF4B0.assume_role_policy": podTrust("default", "external-dns", clusterArn("us-east-1", "platform")),
        "aws_iam_role.controller_external-secrets_role_F2805170.assume_role_policy": podTrust("external-secrets", "external-secrets", clusterArn("us-east-1", "platform")),
        "aws_iam_role.controller_karpenter_role_AF3DAAAE.assume_role_policy": podTrust("kube-system", "karpenter", clusterArn("us-east-1", "platform")),
        "aws_iam_role.controller_velero_role_3FB55ADB.assume_role_policy": podTrust("velero", "velero-server", clusterArn("us-east-1", "platform")),
      },
    },
    "gov-platform": {
      changes: [
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D create",
        "aws_eks_pod_identity_association.controller_aws-efs-csi-driver_association_99C46DC0 create",
        "aws_eks_pod_identity_association.controller_aws-load-balancer-controller_association_E59338AF create",
        "aws_eks_pod_identity_association.controller_cluster-autoscaler_association_DF98616D create",
        "aws_iam_policy.controller_aws-load-balancer-controller_managed-policy-1_07BDA44D create",
        "aws_iam_policy.controller_cluster-autoscaler_managed-policy-1_E1B2E9D1 create",
        "aws_iam_role.controller_aws-efs-csi-driver_role_DB2619B9 create",
        "aws_iam_role.controller_aws-load-balancer-controller_role_15B38335 create",
        "aws_iam_role.controller_cluster-autoscaler_role_8EBE2B8B create",
        "aws_iam_role_policy_attachment.controller_aws-efs-csi-driver_policy-aws-service-roleAmazonEFSCSIDriverPolicy_26B1FE56 create",
        "aws_iam_role_policy_attachment.controller_aws-load-balancer-controller_managed-policy-1-attachment_6880BEA7 create",
        "aws_iam_role_policy_attachment.controller_cluster-autoscaler_managed-policy-1-attachment_9281B224 create",
      ],
      policies: {
        "aws_iam_role.controller_aws-efs-csi-driver_role_DB2619B9.assume_role_policy": podTrust("kube-system", "efs-csi-controller-sa", clusterArn("us-gov-west-1", "gov-platform")),
        "aws_iam_role.controller_aws-load-balancer-controller_role_15B38335.assume_role_policy": podTrust("kube-system", "aws-load-balancer-controller", clusterArn("us-gov-west-1", "gov-platform")),
        "aws_iam_role.controller_cluster-autoscaler_role_8EBE2B8B.assume_role_policy": podTrust("kube-system", "cluster-autoscaler-aws-cluster-autoscaler", clusterArn("us-gov-west-1", "gov-platform")),
      },
    },
  },
  // The base stacks keep the agent, the shared role and its member; each group stack holds its
  // own tenants only (staging runs EKS Auto Mode: no agent add-on).
  "stack-groups": (() => {
    const base = (agent: boolean) => [
      ...(agent ? ["aws_eks_addon.pod_identity_agent_addon_642A3B0D create"] : []),
      "aws_eks_pod_identity_association.nightly_association_473F965C create",
      "aws_eks_pod_identity_association.web_association_B350E0D8 create",
      "aws_iam_role.shared_roles_batch_role_244F1928 create",
      "aws_iam_role.web_role_F8020469 create",
      "aws_iam_role_policy.shared_roles_batch_permissions_policy_CEA102E1 create",
    ];
    const basePolicies = (arn: string): Record<string, Json> => ({
      "aws_iam_role.shared_roles_batch_role_244F1928.assume_role_policy": tenantTrust("ServiceAccountNightly", "batch", "nightly", arn),
      "aws_iam_role.web_role_F8020469.assume_role_policy": podTrust("web", "web", arn),
      "aws_iam_role_policy.shared_roles_batch_permissions_policy_CEA102E1.policy": policy(
        allow("S3List2d7e5e09", "s3:ListBucket", "arn:aws:s3:::acme-batch", { StringLike: { "s3:prefix": "${aws:PrincipalTag/kubernetes-namespace}/*" } }),
        allow("S3Read2d7e5e09", ["s3:GetObject", "s3:GetObjectVersion"], "arn:aws:s3:::acme-batch/${aws:PrincipalTag/kubernetes-namespace}/*"),
        allow("S3Write2d7e5e09", ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:ListMultipartUploadParts", "s3:PutObject"], "arn:aws:s3:::acme-batch/${aws:PrincipalTag/kubernetes-namespace}/*"),
      ),
    });
    const payments = {
      changes: [
        "aws_eks_pod_identity_association.checkout_association_261A698C create",
        "aws_eks_pod_identity_association.ledger_association_65491C0B create",
        "aws_iam_role.checkout_role_8EFC0C70 create",
        "aws_iam_role.ledger_role_F488B40C create",
        "aws_iam_role_policy.checkout_permissions_policy_D0950BEE create",
        "aws_iam_role_policy_attachment.ledger_policy-aws-AmazonSQSReadOnlyAccess_1C4ED0F0 create",
      ],
    };
    const paymentsPolicies = (arn: string, region: string, account: string): Record<string, Json> => ({
      "aws_iam_role.checkout_role_8EFC0C70.assume_role_policy": podTrust("payments", "checkout", arn),
      "aws_iam_role.ledger_role_F488B40C.assume_role_policy": podTrust("payments", "ledger", arn),
      "aws_iam_role_policy.checkout_permissions_policy_D0950BEE.policy": policy(
        allow("DynamoDBReade15b502e", ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"], `arn:aws:dynamodb:${region}:${account}:table/orders`),
        allow("DynamoDBReadIndexese15b502e", ["dynamodb:Query", "dynamodb:Scan"], `arn:aws:dynamodb:${region}:${account}:table/orders/index/*`),
        allow("DynamoDBWritee15b502e", ["dynamodb:BatchWriteItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], `arn:aws:dynamodb:${region}:${account}:table/orders`),
      ),
    });
    const prodUs = clusterArn("us-east-1", "prod-us");
    const staging = clusterArn("us-west-2", "staging");
    return {
      "prod-us": { changes: base(true), policies: basePolicies(prodUs) },
      "prod-us-payments": { ...payments, policies: paymentsPolicies(prodUs, "us-east-1", "111122223333") },
      "prod-us-search": {
        changes: ["aws_eks_pod_identity_association.indexer_association_FAF34BB1 create", "aws_iam_role.indexer_role_3BA737A1 create", "aws_iam_role_policy.indexer_permissions_policy_77CCF8ED create"],
        policies: {
          "aws_iam_role.indexer_role_3BA737A1.assume_role_policy": podTrust("search", "indexer", prodUs),
          "aws_iam_role_policy.indexer_permissions_policy_77CCF8ED.policy": policy(
            allow("S3List9f3f4008", "s3:ListBucket", "arn:aws:s3:::acme-search-index", { StringLike: { "s3:prefix": "shards/*" } }),
            allow("S3Read9f3f4008", ["s3:GetObject", "s3:GetObjectVersion"], "arn:aws:s3:::acme-search-index/shards/*"),
          ),
        },
      },
      staging: { changes: base(false), policies: basePolicies(staging) },
      "staging-payments": { ...payments, policies: paymentsPolicies(staging, "us-west-2", "444455556666") },
    };
  })(),
  "agent-modes-and-addons": {
    "auto-mode": {
      changes: [
        "aws_eks_pod_identity_association.reports_association_1735F9B3 create",
        "aws_eks_pod_identity_association.web_association_B350E0D8 create",
        "aws_iam_role.reports_role_9AA83EB6 create",
        "aws_iam_role.web_role_F8020469 create",
        "aws_iam_role_policy_attachment.web_policy-aws-AmazonS3ReadOnlyAccess_5867B320 create",
      ],
      policies: {
        "aws_iam_role.reports_role_9AA83EB6.assume_role_policy": podTrust("reports", "reports-sa", clusterArn("us-west-2", "auto-mode")),
        "aws_iam_role.web_role_F8020469.assume_role_policy": podTrust("web", "web-sa", clusterArn("us-west-2", "auto-mode")),
      },
    },
    "eu-selfmanaged": {
      changes: [
        "aws_eks_addon.addon_aws-efs-csi-driver_addon_8F14586A create",
        "aws_eks_pod_identity_association.web_association_B350E0D8 create",
        "aws_iam_role.addon_aws-efs-csi-driver_role_8BC178EC create",
        "aws_iam_role.web_role_F8020469 create",
        "aws_iam_role_policy_attachment.addon_aws-efs-csi-driver_policy-aws-service-roleAmazonEFSCSIDriverPolicy_2807B5CE create",
        "aws_iam_role_policy_attachment.web_policy-aws-AmazonS3ReadOnlyAccess_5867B320 create",
      ],
      policies: {
        "aws_iam_role.addon_aws-efs-csi-driver_role_8BC178EC.assume_role_policy": ADDON_TRUST,
        "aws_iam_role.web_role_F8020469.assume_role_policy": podTrust("web", "web-sa", clusterArn("eu-west-1", "eu-selfmanaged")),
      },
    },
    "prod-managed": {
      changes: [
        "aws_eks_addon.addon_amazon-cloudwatch-observability_addon_9970B77D create",
        "aws_eks_addon.addon_aws-ebs-csi-driver_addon_7FD21FCA create",
        "aws_eks_addon.addon_vpc-cni_addon_68C74B86 create",
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D create",
        "aws_eks_pod_identity_association.reports_association_1735F9B3 create",
        "aws_eks_pod_identity_association.web_association_B350E0D8 create",
        "aws_iam_role.addon_amazon-cloudwatch-observability_role_4772993B create",
        "aws_iam_role.addon_aws-ebs-csi-driver_role_06728B27 create",
        "aws_iam_role.addon_vpc-cni_role_76CFC4C1 create",
        "aws_iam_role.reports_role_9AA83EB6 create",
        "aws_iam_role.web_role_F8020469 create",
        "aws_iam_role_policy_attachment.addon_amazon-cloudwatch-observability_policy-aws-AWSXrayWriteOnlyAccess_FF4C0677 create",
        "aws_iam_role_policy_attachment.addon_amazon-cloudwatch-observability_policy-aws-CloudWatchAgentServerPolicy_A96A259C create",
        "aws_iam_role_policy_attachment.addon_aws-ebs-csi-driver_policy-aws-service-roleAmazonEBSCSIDriverPolicy_51F084BE create",
        "aws_iam_role_policy_attachment.addon_vpc-cni_policy-aws-AmazonEKS_CNI_Policy_9DF7DDB4 create",
        "aws_iam_role_policy_attachment.web_policy-aws-AmazonS3ReadOnlyAccess_5867B320 create",
      ],
      policies: {
        "aws_iam_role.addon_amazon-cloudwatch-observability_role_4772993B.assume_role_policy": ADDON_TRUST,
        "aws_iam_role.addon_aws-ebs-csi-driver_role_06728B27.assume_role_policy": ADDON_TRUST,
        "aws_iam_role.addon_vpc-cni_role_76CFC4C1.assume_role_policy": ADDON_TRUST,
        "aws_iam_role.reports_role_9AA83EB6.assume_role_policy": podTrust("reports", "reports-sa", clusterArn("us-east-1", "prod-managed")),
        "aws_iam_role.web_role_F8020469.assume_role_policy": podTrust("web", "web-sa", clusterArn("us-east-1", "prod-managed")),
      },
    },
  },
  "least-privilege": {
    "prod-east": {
      changes: [
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D create",
        "aws_eks_pod_identity_association.reports_association_1735F9B3 create",
        "aws_eks_pod_identity_association.team-a_association_E86E817E create",
        "aws_eks_pod_identity_association.team-b_association_A8D81CD3 create",
        "aws_iam_role.billing_role_CCCC86C1 create",
        "aws_iam_role.reports_role_9AA83EB6 create",
        "aws_iam_role.shared_roles_team-buckets_role_ADA6D1BA create",
        "aws_iam_role_policy.billing_permissions_policy_6EE5B27C create",
        "aws_iam_role_policy.reports_permissions_policy_547E8AF3 create",
        "aws_iam_role_policy.shared_roles_team-buckets_permissions_policy_CDE08161 create",
      ],
      // target_role_arn arrived in provider 6.2.0: the billing association cannot be planned
      // with 5.100, so it is left out of the plan and reported; its role and policy are planned.
      notCheckable: [{ address: "aws_eks_pod_identity_association.billing_association_F75C5D4D", arguments: ["target_role_arn"] }],
      policies: {
        "aws_iam_role.billing_role_CCCC86C1.assume_role_policy": podTrust("billing", "billing-sa", clusterArn("us-east-1", "prod-east")),
        "aws_iam_role.reports_role_9AA83EB6.assume_role_policy": podTrust("reports", "reporter", clusterArn("us-east-1", "prod-east")),
        "aws_iam_role.shared_roles_team-buckets_role_ADA6D1BA.assume_role_policy": tenantTrust("ServiceAccountApp", ["team-a", "team-b"], "app", clusterArn("us-east-1", "prod-east")),
        // Cross-account: the first role may only assume (and tag a session of) the target role.
        "aws_iam_role_policy.billing_permissions_policy_6EE5B27C.policy": policy(allow("AssumeCrossAccountTargetRole", ["sts:AssumeRole", "sts:TagSession"], "arn:aws:iam::444455556666:role/invoices-reader")),
        "aws_iam_role_policy.reports_permissions_policy_547E8AF3.policy": policy(
          allow("S3Liste3faef41", "s3:ListBucket", "arn:aws:s3:::acme-reports", { StringLike: { "s3:prefix": "daily/*" } }),
          allow("S3Reade3faef41", ["s3:GetObject", "s3:GetObjectVersion"], "arn:aws:s3:::acme-reports/daily/*"),
          allow("DynamoDBRead63df5d08", ["dynamodb:BatchGetItem", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable", "dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan"], "arn:aws:dynamodb:us-east-1:111122223333:table/orders"),
          allow("DynamoDBReadIndexes63df5d08", ["dynamodb:Query", "dynamodb:Scan"], "arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*"),
          allow("SQSConsumef89b084b", ["sqs:ChangeMessageVisibility", "sqs:DeleteMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ReceiveMessage"], "arn:aws:sqs:us-east-1:111122223333:jobs"),
          allow("SNSPublish445733ee", "sns:Publish", "arn:aws:sns:us-east-1:111122223333:alerts"),
          // Secrets Manager appends six random characters to a secret's ARN.
          allow("SecretsManagerRead25923ec2", ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"], "arn:aws:secretsmanager:us-east-1:111122223333:secret:reports/db-??????"),
          allow("SSMReadedb769e3", ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"], ["arn:aws:ssm:us-east-1:111122223333:parameter/reports", "arn:aws:ssm:us-east-1:111122223333:parameter/reports/*"]),
          allow("KMSDecrypt2e3e5b33", "kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
          allow("ReadReportTemplates", "s3:GetObject", "arn:aws:s3:::acme-templates/reports/*", { Bool: { "aws:SecureTransport": "true" } }),
        ),
        // ABAC: the policy variable reaches IAM unexpanded, so each session sees its own namespace's prefix.
        "aws_iam_role_policy.shared_roles_team-buckets_permissions_policy_CDE08161.policy": policy(
          allow("S3List3f1d60c8", "s3:ListBucket", "arn:aws:s3:::acme-teams", { StringLike: { "s3:prefix": "${aws:PrincipalTag/kubernetes-namespace}/*" } }),
          allow("S3Read3f1d60c8", ["s3:GetObject", "s3:GetObjectVersion"], "arn:aws:s3:::acme-teams/${aws:PrincipalTag/kubernetes-namespace}/*"),
          allow("S3Write3f1d60c8", ["s3:AbortMultipartUpload", "s3:DeleteObject", "s3:ListMultipartUploadParts", "s3:PutObject"], "arn:aws:s3:::acme-teams/${aws:PrincipalTag/kubernetes-namespace}/*"),
        ),
      },
    },
  },
  // One role shared by two tenants, each association narrowed by its own session policy. Session
  // tags are off for both, so the trust cannot be scoped (docs/session-policies.md). The
  // associations set `policy` and `disable_session_tags`, which provider 5.100 lacks: they are
  // left out of the plan; the role, its trust and its policy are planned.
  "session-policies": {
    "prod-east": {
      changes: [
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D create",
        "aws_iam_role.shared_roles_report-readers_role_D98DBCD5 create",
        "aws_iam_role_policy.shared_roles_report-readers_permissions_policy_991B3830 create",
      ],
      notCheckable: [
        { address: "aws_eks_pod_identity_association.hr_association_82364005", arguments: ["disable_session_tags", "policy"] },
        { address: "aws_eks_pod_identity_association.sales_association_00B4B39F", arguments: ["disable_session_tags", "policy"] },
      ],
      policies: {
        "aws_iam_role.shared_roles_report-readers_role_D98DBCD5.assume_role_policy": UNSCOPED_TRUST,
        "aws_iam_role_policy.shared_roles_report-readers_permissions_policy_991B3830.policy": policy(
          allow("S3List62380616", "s3:ListBucket", "arn:aws:s3:::acme-sales"),
          allow("S3Read62380616", ["s3:GetObject", "s3:GetObjectVersion"], "arn:aws:s3:::acme-sales/*"),
          allow("S3List36771594", "s3:ListBucket", "arn:aws:s3:::acme-hr"),
          allow("S3Read36771594", ["s3:GetObject", "s3:GetObjectVersion"], "arn:aws:s3:::acme-hr/*"),
        ),
      },
    },
  },
  "multi-cluster": {
    "prod-eu": {
      changes: [
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D create",
        "aws_eks_pod_identity_association.checkout_association_261A698C create",
        "aws_eks_pod_identity_association.payments_association_2A3D634E create",
        "aws_iam_role.checkout_role_8EFC0C70 create",
        "aws_iam_role.payments_role_0028C2E5 create",
        "aws_iam_role_policy_attachment.checkout_policy-aws-AmazonDynamoDBReadOnlyAccess_2CEEB1A2 create",
        "aws_iam_role_policy_attachment.payments_policy-111122223333-payments-queue-access_EC6D3A40 create",
      ],
      policies: {
        "aws_iam_role.checkout_role_8EFC0C70.assume_role_policy": podTrust("shop", "checkout", clusterArn("eu-central-1", "prod-eu")),
        "aws_iam_role.payments_role_0028C2E5.assume_role_policy": podTrust("shop", "payments", clusterArn("eu-central-1", "prod-eu")),
      },
    },
    "prod-us": {
      changes: [
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D create",
        "aws_eks_pod_identity_association.checkout_association_261A698C create",
        "aws_eks_pod_identity_association.payments_association_2A3D634E create",
        "aws_iam_role.checkout_role_8EFC0C70 create",
        "aws_iam_role.payments_role_0028C2E5 create",
        "aws_iam_role_policy_attachment.checkout_policy-aws-AmazonDynamoDBReadOnlyAccess_2CEEB1A2 create",
        "aws_iam_role_policy_attachment.payments_policy-111122223333-payments-queue-access_EC6D3A40 create",
      ],
      policies: {
        "aws_iam_role.checkout_role_8EFC0C70.assume_role_policy": podTrust("shop", "checkout", clusterArn("us-east-1", "prod-us")),
        "aws_iam_role.payments_role_0028C2E5.assume_role_policy": podTrust("shop", "payments", clusterArn("us-east-1", "prod-us")),
      },
    },
    staging: {
      changes: [
        "aws_eks_addon.pod_identity_agent_addon_642A3B0D create",
        "aws_eks_pod_identity_association.checkout_association_261A698C create",
        "aws_eks_pod_identity_association.reports_association_1735F9B3 create",
        "aws_iam_role.checkout_role_8EFC0C70 create",
        "aws_iam_role.reports_role_9AA83EB6 create",
        "aws_iam_role_policy_attachment.checkout_policy-aws-AmazonDynamoDBReadOnlyAccess_2CEEB1A2 create",
        "aws_iam_role_policy_attachment.reports_policy-aws-AmazonAthenaFullAccess_5360A597 create",
      ],
      policies: {
        "aws_iam_role.checkout_role_8EFC0C70.assume_role_policy": podTrust("shop", "checkout", clusterArn("us-west-2", "staging")),
        "aws_iam_role.reports_role_9AA83EB6.assume_role_policy": podTrust("analytics", "reporter", clusterArn("us-west-2", "staging")),
      },
    },
  },
};

/** EKS reads the plan makes: DescribeCluster per stack; DescribeAddonVersions where the agent add-on is not pinned. */
const EXPECTED_EKS_CALLS = [
  "GET /clusters/auto-mode",
  "GET /clusters/demo-cluster",
  "GET /clusters/eu-selfmanaged",
  "GET /clusters/gov-platform",
  "GET /clusters/platform",
  "GET /clusters/prod-east",
  // examples/session-policies.yaml
  "GET /clusters/prod-east",
  "GET /clusters/prod-eu",
  "GET /clusters/prod-managed",
  "GET /clusters/prod-us",
  // examples/stack-groups.yaml: each of its five stacks reads its own cluster.
  "GET /clusters/prod-us",
  "GET /clusters/prod-us",
  "GET /clusters/prod-us",
  "GET /clusters/staging",
  "GET /clusters/staging",
  "GET /clusters/staging",
  // demo-cluster, gov-platform, platform, prod-east (twice), prod-eu, staging and stack-groups'
  // prod-us leave the agent's version out.
  ...Array(8).fill("GET /addons/supported-versions?addonName=eks-pod-identity-agent&kubernetesVersion=1.31"),
];

/**
 * IAM compares these as sets: the order of actions, resources and condition values carries no
 * meaning, and one value may be written as a string or a one-element list (IAM JSON policy
 * reference, grammar). Both sides are brought to sorted lists before comparing.
 */
function normalize(p: Json): Json {
  const list = (v: unknown) => (Array.isArray(v) ? [...(v as string[])].sort() : [v]);
  return {
    ...p,
    Statement: (p.Statement as Json[]).map((s) => ({
      ...s,
      ...(s.Action !== undefined ? { Action: list(s.Action) } : {}),
      ...(s.Resource !== undefined ? { Resource: list(s.Resource) } : {}),
      ...(s.Condition !== undefined
        ? { Condition: Object.fromEntries(Object.entries(s.Condition as Json).map(([op, kv]) => [op, Object.fromEntries(Object.entries(kv as Json).map(([k, v]) => [k, list(v)]))])) }
        : {}),
    })),
  };
}


/** The resources whose documents IAM receives, and the argument that holds each. */
const POLICY_ARGUMENTS: Readonly<Record<string, string>> = { aws_iam_role: "assume_role_policy", aws_iam_role_policy: "policy", aws_iam_policy: "policy" };

/**
 * A `terraform_data` beside each role and policy whose `input` is the same expression as the
 * resource's document argument: `terraform_data` plans its input as given, where the AWS
 * provider plans the document normalized, so the probe shows the bytes the provider receives.
 */
function withDocumentProbes(json: Json): Json {
  const probes: Json = {};
  for (const [type, arg] of Object.entries(POLICY_ARGUMENTS)) {
    for (const [name, body] of Object.entries((json.resource?.[type] ?? {}) as Json)) probes[`${type}__${name}`] = { input: (body as Json)[arg] };
  }
  return { ...json, resource: { ...json.resource, terraform_data: { ...(json.resource?.terraform_data ?? {}), ...probes } } };
}

/** `input` synthesized with `defaults.policyDocuments: inline`, through the app; its stacks' JSON by stack name. */
function synthInline(input: string, work: string): Map<string, string> {
  const text = readFileSync(join(ROOT, input), "utf8");
  const config = (extname(input) === ".json" ? JSON.parse(text) : parseYaml(text)) as Json;
  config.defaults = { ...(config.defaults ?? {}), policyDocuments: "inline" };
  const name = basename(input, extname(input));
  const file = join(work, `${name}.inline.json`);
  writeFileSync(file, JSON.stringify(config));
  const out = join(work, `${name}.inline.out`);
  const run = runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: out });
  if (run.status !== 0) throw new Error(`synth of ${input} with inline policies failed:\n${run.stderr}`);
  return new Map(readdirSync(join(out, "stacks")).map((s) => [s, readFileSync(join(out, "stacks", s, "cdk.tf.json"), "utf8")]));
}

const INLINE = "inline__";

function ok(run: TerraformRun, what: string): void {
  if (run.code !== 0) throw new Error(`terraform ${what} failed (exit ${run.code}):\n${run.stderr}\n${run.stdout}`);
}

/** One module per stack: `<input>__<stack>`. */
const moduleName = (input: string, stack: string) => `${basename(input, extname(input))}__${stack}`;

if (terraformAvailable("terraform and the AWS provider mirror", SUITE)) {
  describe(SUITE, () => {
    let eks: EksStandIn;
    let work: string;
    const parts = new Map<string, AwsPart>();
    /** The same stacks synthesized with inline policy documents, by the same module name. */
    const inlineParts = new Map<string, AwsPart>();
    let planDiagnostics: Json[];
    let plan: Json;
    const controllerDocuments: Record<string, Json> = {};
    const controllerOwners: Record<string, string> = {};
    const seconds: Record<string, number> = {};
    const changesIn = (module: string): Json[] => (plan.resource_changes as Json[]).filter((c) => c.module_address === `module.${module}`);
    // STS and IAM too: the plan should call neither, and if it did, the call must reach the
    // stand-in (and fail the test as unexpected), never AWS.
    const standInEndpoints = () => ({ eks: eks.url, sts: eks.url, iam: eks.url });

    beforeAll(async () => {
      const time = async <T>(what: string, f: () => Promise<T> | T): Promise<T> => {
        const t = Date.now();
        const r = await f();
        seconds[what] = (Date.now() - t) / 1000;
        return r;
      };
      eks = await startEksStandIn();
      work = mkdtempSync(join(tmpdir(), "terraform-plan-"));
      const root = join(work, "root");
      mkdirSync(root);
      const modules: Json = {};
      for (const input of inputs) {
        const golden = join(__dirname, "golden", basename(input, extname(input)));
        for (const file of readdirSync(golden).sort()) {
          const part = awsPart(readFileSync(join(golden, file), "utf8"), { providerVersion: PROVIDER_VERSION, endpoints: standInEndpoints() });
          parts.set(moduleName(input, basename(file, ".json")), part);
        }
        for (const [stack, text] of synthInline(input, work)) inlineParts.set(moduleName(input, stack), awsPart(text, { providerVersion: PROVIDER_VERSION, endpoints: standInEndpoints() }));
      }
      // Stacks with the same provider settings (region, default tags) share one provider
      // configuration in the root, passed in with `providers`; a stack with more than one AWS
      // provider keeps its own blocks. Every stack is planned under its own settings, exactly as
      // written: sharing by region alone would save four provider configurations (about 20 s of
      // CPU), but would plan other default tags than the stack's.
      const rootProviders: Json[] = [];
      const aliasOf = new Map<string, string>();
      const planned = [...[...parts].map(([m, p]) => [m, p] as const), ...[...inlineParts].map(([m, p]) => [`${INLINE}${m}`, p] as const)];
      for (const [m, part] of planned) {
        mkdirSync(join(root, m));
        const own = part.json.provider.aws as Json[];
        const json = withDocumentProbes(part.json);
        if (own.length !== 1 || own[0]!.alias !== undefined) {
          writeFileSync(join(root, m, "main.tf.json"), JSON.stringify(json, null, 2));
          modules[m] = { source: `./${m}` };
          continue;
        }
        const key = JSON.stringify(own[0]);
        if (!aliasOf.has(key)) {
          aliasOf.set(key, `stack${aliasOf.size}`);
          rootProviders.push({ ...own[0], alias: aliasOf.get(key) });
        }
        const { provider: _provider, ...rest } = json;
        writeFileSync(join(root, m, "main.tf.json"), JSON.stringify(rest, null, 2));
        modules[m] = { source: `./${m}`, providers: { aws: `aws.${aliasOf.get(key)}` } };
      }
      // Every controller's managed policy documents, each read by the provider into an output.
      for (const name of CONTROLLER_NAMES) {
        for (const [id, doc] of Object.entries(dataSources(synthController(FULL[name]), "aws_iam_policy_document"))) {
          if (!id.includes("managed-policy")) continue;
          const { ["//"]: _meta, ...rest } = doc;
          controllerDocuments[`${name}_${id}`] = rest;
          controllerOwners[`${name}_${id}`] = name;
        }
      }
      const usEast1 = rootProviders.find((p) => p.region === "us-east-1");
      if (!usEast1) throw new Error("no stack in us-east-1 to lend its provider to the controller policies");
      writeFileSync(
        join(root, "main.tf.json"),
        JSON.stringify(
          {
            module: modules,
            provider: { aws: rootProviders },
            terraform: { required_providers: { aws: { source: "hashicorp/aws", version: PROVIDER_VERSION } } },
            data: { aws_iam_policy_document: Object.fromEntries(Object.entries(controllerDocuments).map(([k, doc]) => [k, { ...doc, provider: `aws.${usEast1.alias}` }])) },
            output: Object.fromEntries(Object.keys(controllerDocuments).map((k) => [`controller_${k}`, { value: `\${data.aws_iam_policy_document.${k}.minified_json}` }])),
          },
          null,
          2,
        ),
      );
      seconds["provider configurations"] = rootProviders.length;
      await time("init", async () => ok(await terraform(["init", "-backend=false", "-input=false", `-plugin-dir=${pluginMirror()}`], root), "init"));
      // `plan` validates the whole configuration first (the same walk as `terraform validate`,
      // provider settings included) and reports its errors and warnings as diagnostics, which
      // `-json` makes machine-readable, one JSON object per line.
      await time("plan", async () => {
        const run = await terraform(["plan", "-json", "-input=false", "-lock=false", "-out=plan.out"], root);
        ok(run, "plan");
        planDiagnostics = run.stdout
          .split("\n")
          .filter((line) => line.trim() !== "")
          .map((line) => JSON.parse(line) as Json)
          .filter((message) => message.type === "diagnostic")
          .map((message) => message.diagnostic as Json);
      });
      plan = await time("show", async () => {
        const show = await terraform(["show", "-json", "plan.out"], root);
        ok(show, "show");
        return JSON.parse(show.stdout) as Json;
      });
    }, 600_000);

    afterAll(async () => {
      await eks?.close();
      if (work) rmSync(work, { recursive: true, force: true });
      process.stdout.write(`${SUITE}: ${Object.entries(seconds).map(([k, v]) => (k === "provider configurations" ? `${v} ${k}` : `${k} ${v.toFixed(1)} s`)).join(", ")}\n`);
      const skipped = [...parts].flatMap(([m, p]) => p.notCheckable.map((n) => `${m}: ${n.address} (${n.arguments.join(", ")})`));
      if (skipped.length > 0) process.stdout.write(`${SUITE}: not checkable with provider ${PROVIDER_VERSION}, left out of the plan: ${skipped.join("; ")}\n`);
    });

    it("validates, with no error or warning", () => {
      expect(planDiagnostics).toEqual([]);
    });

    it("makes only the EKS calls the data sources need", () => {
      expect(eks.unexpected).toEqual([]);
      // Each stack is planned twice: with data sources and with inline documents.
      expect([...eks.calls].sort()).toEqual([...EXPECTED_EKS_CALLS, ...EXPECTED_EKS_CALLS].sort());
    });

    it("lists what provider 5.100 cannot plan, by name and why, and nothing else", () => {
      // target_role_arn (cross-account) is newer than the mirror's provider: the billing
      // association is left out of the plan; billing's role and inline policy are planned.
      expect([...parts].flatMap(([m, p]) => p.notCheckable.map((n) => `${m}: ${n.address} (${n.arguments.join(", ")})`))).toEqual([
        "least-privilege__prod-east: aws_eks_pod_identity_association.billing_association_F75C5D4D (target_role_arn)",
        "session-policies__prod-east: aws_eks_pod_identity_association.hr_association_82364005 (disable_session_tags, policy)",
        "session-policies__prod-east: aws_eks_pod_identity_association.sales_association_00B4B39F (disable_session_tags, policy)",
      ]);
    });

    it("plans every stack of every input", () => {
      expect([...parts.keys()].sort()).toEqual(Object.entries(EXPECTED).flatMap(([input, stacks]) => Object.keys(stacks).map((s) => `${input}__${s}`)).sort());
    });

    describe.each(Object.entries(EXPECTED).flatMap(([input, stacks]) => Object.entries(stacks).map(([stack, expected]) => ({ input, stack, expected }))))("$input: $stack", ({ input, stack, expected }) => {
      const m = `${input}__${stack}`;
      const changes = () => changesIn(m).filter((c) => c.type !== "terraform_data");

      it("creates exactly the expected resources and deletes nothing", () => {
        expect(changes().map((c) => `${c.address.slice(`module.${m}.`.length)} ${c.change.actions.join(",")}`).sort()).toEqual([...expected.changes].sort());
      });

      it("leaves out only other providers' blocks, what refers to them, and what provider 5.100 cannot plan", () => {
        const part = parts.get(m)!;
        expect(part.notCheckable).toEqual(expected.notCheckable ?? []);
        // Nothing of the AWS provider is dropped silently: only kubernetes/helm blocks and outputs that name them.
        expect(part.dropped.filter((a) => a.startsWith("aws_") || a.startsWith("data.aws_"))).toEqual([]);
      });

      it("renders every trust and inline policy as expected", () => {
        const rendered: Record<string, Json> = {};
        for (const c of changes()) {
          const local = c.address.slice(`module.${m}.`.length);
          if (c.type === "aws_iam_role") rendered[`${local}.assume_role_policy`] = normalize(JSON.parse(c.change.after.assume_role_policy));
          if (c.type === "aws_iam_role_policy") rendered[`${local}.policy`] = normalize(JSON.parse(c.change.after.policy));
        }
        expect(rendered).toEqual(Object.fromEntries(Object.entries(expected.policies).map(([k, v]) => [k, normalize(v)])));
      });
    });

    describe.each([...Object.entries(EXPECTED).flatMap(([input, stacks]) => Object.keys(stacks).map((stack) => `${input}__${stack}`))])("%s with defaults.policyDocuments: inline", (m) => {
      /** Each document by `<address>`: the argument as the provider received it (the probe), and as planned for IAM. */
      const documents = (module: string) => {
        const received: Record<string, string> = {};
        const forIam: Record<string, string> = {};
        for (const c of changesIn(module)) {
          const local = c.address.slice(`module.${module}.`.length);
          if (c.type === "terraform_data") received[local.slice("terraform_data.".length).replace("__", ".")] = c.change.after.input;
          else if (POLICY_ARGUMENTS[c.type]) forIam[local] = c.change.after[POLICY_ARGUMENTS[c.type]!];
        }
        return { received, forIam };
      };

      it("has no policy document data source left", () => {
        expect(Object.keys(inlineParts.get(m)!.json.data?.aws_iam_policy_document ?? {})).toEqual([]);
        expect(Object.keys(parts.get(m)!.json.data?.aws_iam_policy_document ?? {}).length).toBeGreaterThan(0);
      });

      it("gives every role and policy byte-identical documents, as received and as planned for IAM", () => {
        const withData = documents(m);
        const inline = documents(`${INLINE}${m}`);
        expect(Object.keys(withData.forIam).length).toBeGreaterThan(0);
        expect(Object.keys(withData.received).sort()).toEqual(Object.keys(withData.forIam).sort());
        for (const v of [...Object.values(withData.received), ...Object.values(withData.forIam)]) expect(typeof v).toBe("string");
        expect(inline.received).toEqual(withData.received);
        expect(inline.forIam).toEqual(withData.forIam);
      });

      it("plans the same resources at the same addresses", () => {
        const addresses = (module: string) => changesIn(module).map((c) => `${c.address.slice(`module.${module}.`.length)} ${c.change.actions.join(",")}`).sort();
        expect(addresses(`${INLINE}${m}`)).toEqual(addresses(m));
      });
    });

    describe("controller policies rendered by the AWS provider", () => {
      it("accepts every document, each within 6,144 characters and within the computed size", () => {
        const outputs = plan.planned_values.outputs as Record<string, { value: string }>;
        const rendered = Object.fromEntries(Object.entries(outputs).filter(([k]) => k.startsWith("controller_")).map(([k, v]) => [k.slice("controller_".length), v.value]));
        expect(Object.keys(controllerDocuments).length).toBeGreaterThan(0);
        expect(Object.keys(rendered).sort()).toEqual(Object.keys(controllerDocuments).sort());
        const ctx = { clusterName: "demo", region: "us-east-1", partition: "aws" };
        for (const [key, value] of Object.entries(rendered)) {
          const name = controllerOwners[key]!;
          expect(typeof value).toBe("string");
          const computed = managedPolicySize(controllerPolicy(controllerSchema().parse(FULL[name as (typeof CONTROLLER_NAMES)[number]]), ctx).statements, ctx);
          expect([key, value.length <= 6144, value.length <= computed]).toEqual([key, true, true]);
        }
      });
    });
  });
} else {
  requiredTerraformTest(SUITE);
}
