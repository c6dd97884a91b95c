import { allows, policyOf } from "../policy-eval";

describe("aws-gateway-api-controller (v2.1.3 recommended-inline-policy.json)", () => {
  const p = policyOf({ name: "aws-gateway-api-controller" });

  it("manages VPC Lattice, and creates only the Lattice and log-delivery service-linked roles", () => {
    expect(allows(p, "vpc-lattice:CreateService", "*")).toBe(true);
    const lattice = "arn:aws:iam::111122223333:role/aws-service-role/vpc-lattice.amazonaws.com/AWSServiceRoleForVpcLattice";
    expect(allows(p, "iam:CreateServiceLinkedRole", lattice, { "iam:AWSServiceName": "vpc-lattice.amazonaws.com" })).toBe(true);
    expect(allows(p, "iam:CreateServiceLinkedRole", "arn:aws:iam::111122223333:role/aws-service-role/ec2.amazonaws.com/AWSServiceRoleForEC2", { "iam:AWSServiceName": "ec2.amazonaws.com" })).toBe(false);
    expect(allows(p, "iam:PassRole", "arn:aws:iam::111122223333:role/admin")).toBe(false);
  });
});
