/**
 * Velero with the AWS plugin.
 *
 * Source: vmware-tanzu/velero-plugin-for-aws v1.13.2, README.md, "Set permissions for Velero"
 * (https://github.com/vmware-tanzu/velero-plugin-for-aws/blob/v1.13.2/README.md#set-permissions-for-velero),
 * with ${BUCKET} replaced by the given buckets and object paths. The EC2 statement stays on `*`
 * as upstream has it: Velero snapshots whichever EBS volumes back the volumes it backs up, and
 * DescribeVolumes and DescribeSnapshots have no resource-level permissions.
 * kmsKeyArns, the keys of the backup bucket (the plugin's backupstoragelocation.md, kmsKeyId)
 * and of the EBS volumes it snapshots and restores:
 * - SSE-KMS objects need kms:Decrypt to read and kms:GenerateDataKey to write (S3 user guide,
 *   UsingKMSEncryption: https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html);
 * - snapshots of volumes encrypted with a customer managed key, and volumes restored from them,
 *   need the actions the EBS user guide lists for users of EBS encryption: kms:CreateGrant,
 *   kms:Decrypt, kms:DescribeKey, kms:GenerateDataKeyWithoutPlaintext and kms:ReEncrypt
 *   (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption-requirements.html,
 *   "Permissions for users"). The IAM action catalogue has no kms:ReEncrypt: it names the two
 *   actions kms:ReEncryptFrom and kms:ReEncryptTo, written out here (a test keeps them in step).
 *   kms:CreateGrant is allowed only with kms:GrantIsForAWSResource true, as that page advises:
 *   EC2 creates the grants on Velero's behalf.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { KMS_KEY, S3_BUCKET, S3_OBJECTS } from "./arn-kinds";
import { allow, GRANT_FOR_AWS_RESOURCE, type ControllerDefinition } from "./types";

/** What the EBS user guide's kms:ReEncrypt stands for in the IAM action catalogue. */
export const KMS_REENCRYPT = ["kms:ReEncryptFrom", "kms:ReEncryptTo"] as const;

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
        ...(o.kmsKeyArns
          ? [
              allow("UseKmsKeys", ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey", "kms:GenerateDataKeyWithoutPlaintext", ...KMS_REENCRYPT], o.kmsKeyArns),
              allow("GrantsForEncryptedVolumes", ["kms:CreateGrant"], o.kmsKeyArns, [GRANT_FOR_AWS_RESOURCE]),
            ]
          : []),
      ],
    };
  },
};
