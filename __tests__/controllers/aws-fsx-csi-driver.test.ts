import { allows, policyOf } from "../policy-eval";

describe("aws-fsx-csi-driver (v1.9.0 docs/install.md)", () => {
  const p = policyOf({ name: "aws-fsx-csi-driver" });

  it("manages file systems and creates only the FSx service-linked roles", () => {
    expect(allows(p, "fsx:CreateFileSystem", "*")).toBe(true);
    expect(allows(p, "iam:CreateServiceLinkedRole", "*", { "iam:AWSServiceName": "fsx.amazonaws.com" })).toBe(true);
    expect(allows(p, "iam:CreateServiceLinkedRole", "*", { "iam:AWSServiceName": "ec2.amazonaws.com" })).toBe(false);
    expect(allows(p, "iam:PutRolePolicy", "arn:aws:iam::111122223333:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/AWSServiceRoleForFSxS3Access_fs-0123")).toBe(true);
    expect(allows(p, "iam:PutRolePolicy", "arn:aws:iam::111122223333:role/admin")).toBe(false);
  });
});
