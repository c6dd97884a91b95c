import { allows, policyOf } from "../policy-eval";

describe("aws-mountpoint-s3-csi-driver (Mountpoint's IAM permissions)", () => {
  const p = policyOf({ name: "aws-mountpoint-s3-csi-driver", bucketArns: ["arn:aws:s3:::datasets"], bucketPathArns: ["arn:aws:s3:::datasets/train/*"] });

  it("lists the listed buckets and reads and writes the listed paths only", () => {
    expect(allows(p, "s3:ListBucket", "arn:aws:s3:::datasets")).toBe(true);
    expect(allows(p, "s3:ListBucket", "arn:aws:s3:::secrets")).toBe(false);
    expect(allows(p, "s3:GetObject", "arn:aws:s3:::datasets/train/part-0001.parquet")).toBe(true);
    expect(allows(p, "s3:GetObject", "arn:aws:s3:::datasets/test/part-0001.parquet")).toBe(false);
    expect(allows(p, "s3:DeleteObject", "arn:aws:s3:::datasets/train/part-0001.parquet")).toBe(true);
    expect(allows(p, "s3:DeleteBucket", "arn:aws:s3:::datasets")).toBe(false);
  });
});
