import { ACCOUNT, PARTITION, REGION } from "../lib/aws/arn-environment";
import { escapeForTerraform, renderStatement } from "../lib/policy/render-statement";
import type { PolicyStatement } from "../lib/policy/statement";

const ST: PolicyStatement = {
  sid: "A",
  effect: "Allow",
  actions: ["s3:GetObject"],
  resources: [`arn:${PARTITION}:s3:::b/\${aws:PrincipalTag/kubernetes-namespace}/*`, `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:q`],
  conditions: [{ test: "StringLike", variable: "s3:prefix", values: ["${aws:username}/*"] }],
};

describe("escapeForTerraform", () => {
  it("doubles the $ of every ${, and only that", () => {
    expect(escapeForTerraform("a/${aws:x}/${aws:y}/$b{")).toBe("a/$${aws:x}/$${aws:y}/$b{");
  });

  it("doubles the % of every %{, which Terraform reads as a template directive", () => {
    expect(escapeForTerraform("a%{b}/%c{")).toBe("a%%{b}/%c{");
  });
});

describe("renderStatement", () => {
  it("escapes IAM variables first, then fills in the environment, so Terraform references stay references", () => {
    expect(renderStatement(ST, { partition: "${data.aws_partition.p.partition}", accountId: "111122223333", region: "us-east-1" })).toEqual({
      sid: "A",
      effect: "Allow",
      actions: ["s3:GetObject"],
      resources: ["arn:${data.aws_partition.p.partition}:s3:::b/$${aws:PrincipalTag/kubernetes-namespace}/*", "arn:${data.aws_partition.p.partition}:sqs:us-east-1:111122223333:q"],
      condition: [{ test: "StringLike", variable: "s3:prefix", values: ["$${aws:username}/*"] }],
    });
  });
});
