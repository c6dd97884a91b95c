/** Each controller with every option set, so that every statement it can write is there. */
import type { CONTROLLER_NAMES, ControllerInput } from "../lib/schema/controller-schema";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
export const FULL: Record<(typeof CONTROLLER_NAMES)[number], ControllerInput> = {
  "aws-load-balancer-controller": { name: "aws-load-balancer-controller" },
  "external-dns": { name: "external-dns", hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABC"] },
  "cert-manager": { name: "cert-manager", hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABC"] },
  "cluster-autoscaler": { name: "cluster-autoscaler" },
  karpenter: { name: "karpenter", nodeRoleArns: ["arn:aws:iam::111122223333:role/KarpenterNodeRole-demo"], interruptionQueueArn: "arn:aws:sqs:us-east-1:111122223333:demo" },
  "external-secrets": {
    name: "external-secrets",
    secretsManagerArns: ["arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/*"],
    ssmParameterArns: ["arn:aws:ssm:us-east-1:111122223333:parameter/prod/*"],
    kmsKeyArns: [KEY],
    createSecrets: true,
    findParameters: true,
  },
  velero: { name: "velero", bucketArns: ["arn:aws:s3:::backups"], bucketPathArns: ["arn:aws:s3:::backups/*"], kmsKeyArns: [KEY] },
  "aws-mountpoint-s3-csi-driver": { name: "aws-mountpoint-s3-csi-driver", bucketArns: ["arn:aws:s3:::data"], bucketPathArns: ["arn:aws:s3:::data/*"] },
  "aws-node-termination-handler": { name: "aws-node-termination-handler", sqsQueueArns: ["arn:aws:sqs:us-east-1:111122223333:nth"] },
  "aws-privateca-issuer": { name: "aws-privateca-issuer", certificateAuthorityArns: ["arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555"] },
  "amazon-managed-prometheus": { name: "amazon-managed-prometheus", workspaceArns: ["arn:aws:aps:us-east-1:111122223333:workspace/ws-12345678-abcd-1234-abcd-123456789012"] },
  "aws-ebs-csi-driver": { name: "aws-ebs-csi-driver", kmsKeyArns: [KEY] },
  "aws-efs-csi-driver": { name: "aws-efs-csi-driver" },
  "aws-fsx-csi-driver": { name: "aws-fsx-csi-driver" },
  "aws-gateway-api-controller": { name: "aws-gateway-api-controller" },
  "aws-for-fluent-bit": { name: "aws-for-fluent-bit", logGroupArns: ["arn:aws:logs:us-east-1:111122223333:log-group:/aws/eks/demo/*"], putRetentionPolicy: true },
  keda: { name: "keda", sqsQueueArns: ["arn:aws:sqs:us-east-1:111122223333:jobs"], assumeRoleArns: ["arn:aws:iam::444455556666:role/keda-workload"] },
};

