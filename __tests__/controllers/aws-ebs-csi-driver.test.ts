import { allows, policyOf, synthController } from "../policy-eval";
import { resources } from "../helpers";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

describe("aws-ebs-csi-driver (v1.64.0 docs/install.md)", () => {
  it("attaches the AWS-managed AmazonEBSCSIDriverPolicyV2 in the cluster's partition, and nothing else without keys", () => {
    const s = synthController({ name: "aws-ebs-csi-driver" }, { region: "us-gov-west-1", clusterArn: "arn:aws-us-gov:eks:us-gov-west-1:111122223333:cluster/demo" });
    expect(Object.values(resources(s, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn)).toEqual(["arn:aws-us-gov:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicyV2"]);
    expect(resources(s, "aws_iam_policy")).toEqual({});
  });

  it("uses only the listed KMS keys for encrypted volumes", () => {
    const p = policyOf({ name: "aws-ebs-csi-driver", kmsKeyArns: [KEY] });
    for (const action of ["kms:CreateGrant", "kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext"]) {
      expect(allows(p, action, KEY)).toBe(true);
      expect(allows(p, action, "arn:aws:kms:us-east-1:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab")).toBe(false);
    }
    expect(allows(p, "kms:ScheduleKeyDeletion", KEY)).toBe(false);
  });
});
