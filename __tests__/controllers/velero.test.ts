import { allows, policyOf } from "../policy-eval";
import { simulate } from "../simulate";

const opts = { name: "velero" as const, bucketArns: ["arn:aws:s3:::backups"], bucketPathArns: ["arn:aws:s3:::backups/demo/*"] };

describe("velero (velero-plugin-for-aws v1.13.2 README)", () => {
  const p = policyOf(opts);

  it("reads and writes backups only under the listed paths", () => {
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) {
      expect(allows(p, action, "arn:aws:s3:::backups/demo/backups/daily/velero-backup.json")).toBe(true);
      expect(allows(p, action, "arn:aws:s3:::backups/other/backups/daily/velero-backup.json")).toBe(false);
      expect(allows(p, action, "arn:aws:s3:::finance/demo/x")).toBe(false);
    }
  });

  it("lists only the listed buckets", () => {
    expect(allows(p, "s3:ListBucket", "arn:aws:s3:::backups")).toBe(true);
    expect(allows(p, "s3:ListBucket", "arn:aws:s3:::finance")).toBe(false);
  });

  it("snapshots volumes, and uses KMS keys only when they are listed", () => {
    expect(allows(p, "ec2:CreateSnapshot", "*")).toBe(true);
    const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(allows(p, "kms:Decrypt", key)).toBe(false);
    expect(allows(policyOf({ ...opts, kmsKeyArns: [key] }), "kms:Decrypt", key)).toBe(true);
  });

  it("with kmsKeyArns, has what the EBS user guide lists for encrypted volumes and S3 for SSE-KMS, on the listed keys only, and creates grants only for AWS resources", async () => {
    const key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const other = "arn:aws:kms:us-east-1:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab";
    const k = policyOf({ ...opts, kmsKeyArns: [key] });
    for (const action of ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey", "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo"]) {
      expect([action, await simulate(k, action, key)]).toEqual([action, "Allowed"]);
      expect([action, await simulate(k, action, other)]).toEqual([action, "ImplicitlyDenied"]);
    }
    expect(await simulate(k, "kms:CreateGrant", key, { "kms:GrantIsForAWSResource": "true" })).toBe("Allowed");
    expect(await simulate(k, "kms:CreateGrant", key, { "kms:GrantIsForAWSResource": "false" })).toBe("ImplicitlyDenied");
    expect(await simulate(k, "kms:CreateGrant", key)).toBe("ImplicitlyDenied");
    for (const action of ["kms:Encrypt", "kms:RetireGrant", "kms:RevokeGrant", "kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"]) {
      expect([action, await simulate(k, action, key)]).toEqual([action, "ImplicitlyDenied"]);
    }
  });
});
