/**
 * Amazon EFS CSI driver, installed with its Helm chart (the EKS add-on is clusters[].addons).
 *
 * Source: the AWS-managed AmazonEFSCSIDriverPolicy, in the cluster's partition, which the EKS
 * user guide's EFS CSI procedure attaches for Pod Identity
 * (https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html, as of 2026-11). AWS keeps it
 * in step with the driver, so this project adds no statements of its own.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import type { ControllerDefinition } from "./types";

export const awsEfsCsiDriver: ControllerDefinition<"aws-efs-csi-driver"> = {
  name: "aws-efs-csi-driver",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-efs-csi-driver"],
  chart: "aws-efs-csi-driver/aws-efs-csi-driver (kubernetes-sigs.github.io/aws-efs-csi-driver): controller.serviceAccount.name efs-csi-controller-sa, in kube-system",
  source: { document: "EKS user guide, Amazon EFS CSI driver (AmazonEFSCSIDriverPolicy)", version: "AWS-managed, as of 2026-11", url: "https://docs.aws.amazon.com/eks/latest/userguide/efs-csi.html" },
  arnOptions: {},
  policy(_o, { partition }) {
    return { managedPolicyArns: [`arn:${partition}:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy`], statements: [] };
  },
};
