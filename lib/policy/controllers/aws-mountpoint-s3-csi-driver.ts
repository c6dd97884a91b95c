/**
 * Mountpoint for Amazon S3 CSI driver.
 *
 * Source: the driver's docs (awslabs/mountpoint-s3-csi-driver v2.7.0, docs/CONFIGURATION.md)
 * point to Mountpoint's own least-privilege policy: awslabs/mountpoint-s3 mountpoint-s3-1.23.0,
 * doc/CONFIGURATION.md, "IAM permissions"
 * (https://github.com/awslabs/mountpoint-s3/blob/mountpoint-s3-1.23.0/doc/CONFIGURATION.md#iam-permissions),
 * with its example bucket replaced by the given buckets and object paths.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { S3_BUCKET, S3_OBJECTS } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

export const awsMountpointS3CsiDriver: ControllerDefinition<"aws-mountpoint-s3-csi-driver"> = {
  name: "aws-mountpoint-s3-csi-driver",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-mountpoint-s3-csi-driver"],
  chart: "aws-mountpoint-s3-csi-driver (awslabs.github.io/mountpoint-s3-csi-driver) v2.7.0: node.serviceAccount.name s3-csi-driver-sa, installed in kube-system as docs/INSTALL.md does",
  source: { document: "awslabs/mountpoint-s3 doc/CONFIGURATION.md (via mountpoint-s3-csi-driver v2.7.0 docs/CONFIGURATION.md)", version: "mountpoint-s3-1.23.0", url: "https://github.com/awslabs/mountpoint-s3/blob/mountpoint-s3-1.23.0/doc/CONFIGURATION.md#iam-permissions" },
  arnOptions: { bucketArns: S3_BUCKET, bucketPathArns: S3_OBJECTS },
  policy(o) {
    return {
      managedPolicyArns: [],
      statements: [
        allow("MountpointFullBucketAccess", ["s3:ListBucket"], o.bucketArns),
        allow("MountpointFullObjectAccess", ["s3:GetObject", "s3:PutObject", "s3:AbortMultipartUpload", "s3:DeleteObject"], o.bucketPathArns),
      ],
    };
  },
};
