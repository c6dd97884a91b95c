import { allows, policyOf, synthController } from "../policy-eval";
import { simulate } from "../simulate";
import { resources } from "../helpers";
import { awsManagedPolicyTable } from "../../lib/aws/managed-policy-names";

const KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const OTHER_KEY = "arn:aws:kms:us-east-1:111122223333:key/ffffffff-12ab-34cd-56ef-1234567890ab";

describe("aws-ebs-csi-driver (v1.64.0 docs/install.md)", () => {
  it("attaches the AWS-managed AmazonEBSCSIDriverPolicyV2, which AWS publishes with no path, in the cluster's partition, and nothing else without keys", () => {
    expect(awsManagedPolicyTable().policies["AmazonEBSCSIDriverPolicyV2"]?.path).toBe("");
    const s = synthController({ name: "aws-ebs-csi-driver" }, { region: "us-gov-west-1" });
    expect(Object.values(resources(s, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn)).toEqual(["arn:aws-us-gov:iam::aws:policy/AmazonEBSCSIDriverPolicyV2"]);
    expect(resources(s, "aws_iam_policy")).toEqual({});
  });

  it("uses only the listed KMS keys for encrypted volumes", () => {
    const p = policyOf({ name: "aws-ebs-csi-driver", kmsKeyArns: [KEY] });
    for (const action of ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext"]) {
      expect(allows(p, action, KEY)).toBe(true);
      expect(allows(p, action, OTHER_KEY)).toBe(false);
    }
    expect(allows(p, "kms:ScheduleKeyDeletion", KEY)).toBe(false);
  });

  it("creates grants on the listed keys only for AWS resources, as the EKS user guide's KMS policy for the driver has it", async () => {
    const p = policyOf({ name: "aws-ebs-csi-driver", kmsKeyArns: [KEY] });
    expect(p.find((s) => s.actions.includes("kms:CreateGrant"))).toEqual({
      sid: "GrantsForEncryptedVolumes",
      effect: "Allow",
      actions: ["kms:CreateGrant"],
      resources: [KEY],
      condition: [{ test: "Bool", variable: "kms:GrantIsForAWSResource", values: ["true"] }],
    });
    expect(await simulate(p, "kms:CreateGrant", KEY, { "kms:GrantIsForAWSResource": "true" })).toBe("Allowed");
    expect(await simulate(p, "kms:CreateGrant", KEY, { "kms:GrantIsForAWSResource": "false" })).toBe("ImplicitlyDenied");
    expect(await simulate(p, "kms:CreateGrant", KEY)).toBe("ImplicitlyDenied");
    expect(await simulate(p, "kms:CreateGrant", OTHER_KEY, { "kms:GrantIsForAWSResource": "true" })).toBe("ImplicitlyDenied");
  });
});
