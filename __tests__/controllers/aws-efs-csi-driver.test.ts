import { synthController } from "../policy-eval";
import { resources } from "../helpers";

describe("aws-efs-csi-driver (AmazonEFSCSIDriverPolicy)", () => {
  it("attaches only the AWS-managed policy, in the cluster's partition", () => {
    const s = synthController({ name: "aws-efs-csi-driver" }, { region: "cn-northwest-1" });
    expect(Object.values(resources(s, "aws_iam_role_policy_attachment")).map((a) => a.policy_arn)).toEqual(["arn:aws-cn:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy"]);
    expect(resources(s, "aws_iam_policy")).toEqual({});
  });
});
