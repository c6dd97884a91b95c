import { compareValues, inlinePolicyJson } from "../lib/policy/inline-document";

const T = "${TfToken[TOKEN.7]}";

describe("inlinePolicyJson", () => {
  it("writes what data.aws_iam_policy_document writes: indented, Go's key order, one value as a string, references kept", () => {
    expect(
      inlinePolicyJson([
        {
          sid: "AllowEksAuthToAssumeRoleForPodIdentity",
          effect: "Allow",
          principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
          actions: ["sts:TagSession", "sts:AssumeRole"],
          condition: [
            { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: ["web"] },
            { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: [T] },
          ],
        },
      ]),
    ).toBe(
      [
        "{",
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        "    {",
        '      "Sid": "AllowEksAuthToAssumeRoleForPodIdentity",',
        '      "Effect": "Allow",',
        '      "Action": [',
        '        "sts:TagSession",',
        '        "sts:AssumeRole"',
        "      ],",
        '      "Principal": {',
        '        "Service": "pods.eks.amazonaws.com"',
        "      },",
        '      "Condition": {',
        '        "StringEquals": {',
        '          "aws:RequestTag/eks-cluster-arn": "${TfToken[TOKEN.7]}",',
        '          "aws:RequestTag/kubernetes-namespace": "web"',
        "        }",
        "      }",
        "    }",
        "  ]",
        "}",
      ].join("\n"),
    );
  });

  it("sorts sets in reverse without repeats, keeps condition values in order, leaves out an empty sid and escapes as Go does", () => {
    const json = inlinePolicyJson([{ sid: "", effect: "Allow", actions: ["s3:GetObject", "s3:PutObject", "s3:GetObject"], resources: ["arn:aws:s3:::a<b>&c"], condition: [{ test: "StringLike", variable: "s3:prefix", values: ["z/", "a/"] }] }])!;
    expect(JSON.parse(json)).toEqual({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["s3:PutObject", "s3:GetObject"], Resource: "arn:aws:s3:::a<b>&c", Condition: { StringLike: { "s3:prefix": ["z/", "a/"] } } }] });
    expect(json).toContain('"Resource": "arn:aws:s3:::a\\u003cb\\u003e\\u0026c"');
    expect(json).not.toContain("Sid");
  });

  it("writes the {\"*\": [\"*\"]} principal as \"*\"", () => {
    expect(JSON.parse(inlinePolicyJson([{ effect: "Deny", actions: ["s3:*"], resources: ["*"], principals: [{ type: "*", identifiers: ["*"] }] }])!).Statement[0].Principal).toBe("*");
  });

  it("gives up where the provider's order is not known at synthesis", () => {
    // A reference against a literal: its value decides the order.
    expect(inlinePolicyJson([{ effect: "Allow", actions: ["s3:GetObject"], resources: [`arn:${T}:s3:::a`, "arn:aws:s3:::b"] }])).toBeUndefined();
    // Two blocks of one test and key: joined in the provider's hash order.
    expect(inlinePolicyJson([{ effect: "Allow", actions: ["s3:ListBucket"], resources: ["*"], condition: [{ test: "StringLike", variable: "s3:prefix", values: ["a"] }, { test: "StringLike", variable: "s3:prefix", values: ["b"] }] }])).toBeUndefined();
    // `&{` is rewritten by the provider.
    expect(inlinePolicyJson([{ effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/&{aws:username}"] }])).toBeUndefined();
  });

  it("sorts lists whose references sit at the same place in every value", () => {
    const json = inlinePolicyJson([{ effect: "Allow", actions: ["sqs:SendMessage"], resources: [`arn:${T}:sqs:us-east-1:1:a`, `arn:${T}:sqs:us-east-1:1:b`] }])!;
    expect(JSON.parse(json).Statement[0].Resource).toEqual([`arn:${T}:sqs:us-east-1:1:b`, `arn:${T}:sqs:us-east-1:1:a`]);
  });
});

describe("compareValues", () => {
  it("compares the values Terraform passes, escapes undone", () => {
    // "$${x}" is the value "${x}": '{' (0x7B) sorts after 'z' (0x7A), though "$$" sorts before "$z".
    expect(compareValues("a/$${x}", "a/$z")).toBe(1);
    expect(compareValues(`x${T}a`, `x${T}b`)).toBe(-1);
    expect(compareValues(`x${T}`, `x${T}b`)).toBe(-1);
    expect(compareValues("x", `x${T}`)).toBeUndefined();
  });
});
