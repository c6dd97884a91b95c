import { allows, policyOf } from "../policy-eval";

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
});
