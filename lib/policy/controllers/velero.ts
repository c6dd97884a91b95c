/**
 * Velero with the AWS plugin.
 *
 * Source: vmware-tanzu/velero-plugin-for-aws v1.13.2, README.md, "Set permissions for Velero"
 * (https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/v1.13.2/README.md#set-permissions-for-velero),
 * with ${BUCKET} replaced by the given buckets and object paths. The EC2 statement stays on `*`
 * as upstream has it: Velero snapshots whichever EBS volumes back the volumes it backs up, and
 * DescribeVolumes and DescribeSnapshots have no resource-level permissions.
 * kmsKeyArns: SSE-KMS buckets need kms:Decrypt and kms:GenerateDataKey for Velero's reads and
 * writes (S3 user guide, UsingKMSEncryption; https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html),
 * and snapshots of encrypted volumes need the volume's key (EC2 user guide, EBS encryption:
 * https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption-requirements.html).
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../config/controller-service-accounts";
import { KMS_KEY, S3_BUCKET, S3_OBJECTS } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

export const velero: ControllerDefinition<"velero"> = {
  name: "velero",
  ...CONTROLLER_SERVICE_ACCOUNTS["velero"],
  chart: "vmware-tanzu/velero (vmware-tanzu.github.io/helm-charts): the server's service account is <fullname>-server, velero-server for a release velero; namespace velero as Velero's docs install it",
  source: { document: "vmware-tanzu/velero-plugin-for-aws README.md", version: "v1.13.2", url: "https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/v1.13.2/README.md#set-permissions-for-velero" },
  arnOptions: { bucketArns: S3_BUCKET, bucketPathArns: S3_OBJECTS, kmsKeyArns: KMS_KEY },
  policy(o) {
    return {
      managedPolicyArns: [],
      statements: [
        allow("VolumeSnapshots", ["ec2:DescribeVolumes", "ec2:DescribeSnapshots", "ec2:CreateTags", "ec2:CreateVolume", "ec2:CreateSnapshot", "ec2:DeleteSnapshot"], ["*"]),
        allow("BackupObjects", ["s3:GetObject", "s3:DeleteObject", "s3:PutObject", "s3:PutObjectTagging", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"], o.bucketPathArns),
        allow("ListBackupBuckets", ["s3:ListBucket"], o.bucketArns),
        ...(o.kmsKeyArns ? [allow("UseKmsKeys", ["kms:Decrypt", "kms:GenerateDataKey"], o.kmsKeyArns)] : []),
      ],
    };
  },
};
