/**
 * Amazon EBS CSI driver, installed with its Helm chart (the EKS add-on is clusters[].addons).
 *
 * Source: kubernetes-sigs/aws-ebs-csi-driver v1.64.0, docs/install.md, "Set up driver
 * permissions" (https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/v1.64.0/docs/install.md#set-up-driver-permissions):
 * the AWS-managed AmazonEBSCSIDriverPolicyV2, which AWS maintains as the managed version of the
 * driver's example policy, in the cluster's partition; and, with kmsKeyArns, the page's
 * "Encrypted EBS Volumes via KMS" statement, narrowed from every key to the given ones as the
 * page advises.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../config/controller-service-accounts";
import { KMS_KEY } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

export const awsEbsCsiDriver: ControllerDefinition<"aws-ebs-csi-driver"> = {
  name: "aws-ebs-csi-driver",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-ebs-csi-driver"],
  chart: "aws-ebs-csi-driver/aws-ebs-csi-driver (kubernetes-sigs.github.io/aws-ebs-csi-driver): controller.serviceAccount.name ebs-csi-controller-sa, in kube-system as docs/install.md installs it",
  source: { document: "kubernetes-sigs/aws-ebs-csi-driver docs/install.md (AmazonEBSCSIDriverPolicyV2)", version: "v1.64.0", url: "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/v1.64.0/docs/install.md#set-up-driver-permissions" },
  arnOptions: { kmsKeyArns: KMS_KEY },
  policy(o, { partition }) {
    return {
      managedPolicyArns: [`arn:${partition}:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicyV2`],
      statements: o.kmsKeyArns ? [allow("EncryptedVolumesViaKms", ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext", "kms:CreateGrant"], o.kmsKeyArns)] : [],
    };
  },
};
