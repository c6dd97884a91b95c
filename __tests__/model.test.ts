import { ACCOUNT, escapeForTerraform, PARTITION, policyJson, policySize, REGION, renderStatement, type PolicyStatement } from "../lib/policy/model";
import { placeholderProblem, substitutePlaceholders, SESSION_TAG_VARIABLES } from "../lib/policy/abac";

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

describe("policyJson and policySize", () => {
  it("write the document as IAM stores it", () => {
    expect(JSON.parse(policyJson([ST], { partition: "aws", accountId: "111122223333", region: "us-east-1" }))).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "A",
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: ["arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*", "arn:aws:sqs:us-east-1:111122223333:q"],
          Condition: { StringLike: { "s3:prefix": ["${aws:username}/*"] } },
        },
      ],
    });
  });

  it("size with the longest partition, never less than the real document", () => {
    const real = policyJson([ST], { partition: "aws", accountId: "111122223333", region: "us-east-1" }).length;
    expect(policySize([ST], "us-east-1")).toBe(real + 2 * ("aws-us-gov".length - "aws".length));
  });
});

describe("placeholders", () => {
  it("map to session-tag variables in a shared role", () => {
    expect(substitutePlaceholders("${namespace}/${serviceAccount}/${cluster}/${aws:username}", SESSION_TAG_VARIABLES)).toBe(
      "${aws:PrincipalTag/kubernetes-namespace}/${aws:PrincipalTag/kubernetes-service-account}/${aws:PrincipalTag/eks-cluster-name}/${aws:username}",
    );
  });

  it("accept IAM policy variables and special characters, and refuse anything else", () => {
    expect(placeholderProblem("${aws:username}/${*}/${namespace}")).toBeUndefined();
    expect(placeholderProblem("${ns}")).toBe('"${ns}" uses ${ns}, which is not a placeholder; allowed: ${namespace}, ${serviceAccount}, ${cluster}, or an IAM policy variable such as ${aws:username}');
    expect(placeholderProblem("a/${namespace")).toBe('"a/${namespace" has a "${" without its closing "}"');
  });
});
