/**
 * Amazon FSx for Lustre CSI driver.
 *
 * Source: kubernetes-sigs/aws-fsx-csi-driver v1.9.0, docs/install.md, "Set up driver permissions"
 * (https://github.com/kubernetes-sigs/aws-fsx-csi-driver/blob/v1.9.0/docs/install.md#set-up-driver-permissions).
 * The page offers AmazonFSxFullAccess, or the driver's own policy of exactly what it calls; the
 * latter is used, as the smaller of the two, with its ARNs in the cluster's partition (the page
 * says to change arn:aws: for other partitions). Its `*` resources are upstream's: the driver
 * creates file systems whose IDs it cannot know in advance, and deletes and updates the ones it
 * created; s3:ListBucket checks a data repository bucket that the StorageClass names.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { allow, type ControllerDefinition } from "./types";

export const awsFsxCsiDriver: ControllerDefinition<"aws-fsx-csi-driver"> = {
  name: "aws-fsx-csi-driver",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-fsx-csi-driver"],
  chart: "aws-fsx-csi-driver/aws-fsx-csi-driver (kubernetes-sigs.github.io/aws-fsx-csi-driver): fsx-csi-controller-sa, in kube-system as docs/install.md installs it",
  source: { document: "kubernetes-sigs/aws-fsx-csi-driver docs/install.md", version: "v1.9.0", url: "https://github.com/kubernetes-sigs/aws-fsx-csi-driver/blob/v1.9.0/docs/install.md#set-up-driver-permissions" },
  arnOptions: {},
  policy(_o, { partition }) {
    return {
      managedPolicyArns: [],
      statements: [
        allow("LustreS3DataSourceRole", ["iam:CreateServiceLinkedRole", "iam:AttachRolePolicy", "iam:PutRolePolicy"], [`arn:${partition}:iam::*:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/*`]),
        allow("FsxServiceLinkedRole", ["iam:CreateServiceLinkedRole"], ["*"], [{ test: "StringLike", variable: "iam:AWSServiceName", values: ["fsx.amazonaws.com"] }]),
        allow("ManageFileSystems", ["s3:ListBucket", "fsx:CreateFileSystem", "fsx:DeleteFileSystem", "fsx:DescribeFileSystems", "fsx:TagResource", "fsx:UpdateFileSystem"], ["*"]),
      ],
    };
  },
};
