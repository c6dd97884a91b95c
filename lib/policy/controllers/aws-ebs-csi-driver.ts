/**
 * Amazon EBS CSI driver, installed with its Helm chart (the EKS add-on is clusters[].addons).
 *
 * Source: kubernetes-sigs/aws-ebs-csi-driver v1.64.0, docs/install.md, "Set up driver
 * permissions" (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/v1.64.0/docs/install.md#set-up-driver-permissions):
 * the AWS-managed AmazonEBSCSIDriverPolicyV2, which AWS maintains as the managed version of the
 * driver's example policy, in the cluster's partition. AWS publishes it with no path, unlike
 * the older service-role/AmazonEBSCSIDriverPolicy: arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2
 * (AWS managed policy reference, https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonEBSCSIDriverPolicyV2.html;
 * a test checks it against the generated managed-policy table). The driver's install.md at
 * v1.64.0 writes it as .../policy/service-role/AmazonEBSCSIDriverPolicyV2 beside a link to
 * that very reference; IAM has no policy there (NoSuchEntity), so AWS's own reference wins.
 *
 * With kmsKeyArns, the page's "Encrypted EBS Volumes via KMS" statement, narrowed from every key
 * to the given ones as the page advises, with kms:CreateGrant in a statement of its own that
 * allows it only when the grant is for an AWS resource (Bool kms:GrantIsForAWSResource true),
 * as the EKS user guide's KMS policy for the driver has it (kms-key-for-encryption-on-ebs.json,
 * https://docs.aws.amazon.com/eks/latest/userguide/ebs-csi.html, "Step 1: Create an IAM role") and the EBS user
 * guide advises (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption-requirements.html):
 * EC2 creates the grant on the driver's behalf when it attaches an encrypted volume, so the
 * driver itself never needs to hand a grant to any other principal.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { KMS_KEY } from "./arn-kinds";
import { allow, GRANT_FOR_AWS_RESOURCE, type ControllerDefinition } from "./types";

export const awsEbsCsiDriver: ControllerDefinition<"aws-ebs-csi-driver"> = {
  name: "aws-ebs-csi-driver",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-ebs-csi-driver"],
  chart: "aws-ebs-csi-driver/aws-ebs-csi-driver (kubernetes-sigs.github.io/aws-ebs-csi-driver): controller.serviceAccount.name ebs-csi-controller-sa, in kube-system as docs/install.md installs it",
  source: { document: "kubernetes-sigs/aws-ebs-csi-driver docs/install.md (AmazonEBSCSIDriverPolicyV2)", version: "v1.64.0", url: "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/v1.64.0/docs/install.md#set-up-driver-permissions" },
  arnOptions: { kmsKeyArns: KMS_KEY },
  policy(o, { partition }) {
    return {
      managedPolicyArns: [`arn:${partition}:iam::aws:policy/AmazonEBSCSIDriverPolicyV2`],
      statements: o.kmsKeyArns
        ? [
            allow("EncryptedVolumesViaKms", ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext"], o.kmsKeyArns),
            allow("GrantsForEncryptedVolumes", ["kms:CreateGrant"], o.kmsKeyArns, [GRANT_FOR_AWS_RESOURCE]),
          ]
        : [],
    };
  },
};
