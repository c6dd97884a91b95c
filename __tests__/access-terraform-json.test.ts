/** Reading synthesized Terraform JSON back (lib/access/terraform-json.ts). */
import { block, literal, referenceOf, templateValue } from "../lib/access/terraform-json";

describe("referenceOf", () => {
  it("takes apart a reference that is the whole string, to a resource or a data source", () => {
    expect(referenceOf("${aws_iam_role.team-a_role_ABC123.arn}")).toEqual({ data: false, type: "aws_iam_role", name: "team-a_role_ABC123", attribute: "arn" });
    expect(referenceOf("${data.aws_iam_policy_document.x_trust_1.json}")).toEqual({ data: true, type: "aws_iam_policy_document", name: "x_trust_1", attribute: "json" });
  });
  it("is undefined for anything else", () => {
    expect(referenceOf("arn:aws:iam::111122223333:role/x")).toBeUndefined();
    expect(referenceOf("prefix-${aws_iam_role.r.arn}")).toBeUndefined();
    expect(referenceOf("$${aws_iam_role.r.arn}")).toBeUndefined();
    expect(referenceOf(42)).toBeUndefined();
  });
});

describe("templateValue", () => {
  const resolve = (r: { type: string; attribute: string }) => (r.type === "aws_caller_identity" && r.attribute === "account_id" ? "ACCOUNT" : undefined);
  it("undoes Terraform's escapes: $${ is a literal ${ and %%{ a literal %{", () => {
    expect(templateValue("arn:aws:s3:::b/$${aws:PrincipalTag/kubernetes-namespace}/*", resolve)).toBe("arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*");
    expect(templateValue("100%%{x}", resolve)).toBe("100%{x}");
  });
  it("replaces the references it can resolve and keeps the others as written", () => {
    expect(templateValue("arn:aws:sqs:us-east-1:${data.aws_caller_identity.caller_identity.account_id}:q", resolve)).toBe("arn:aws:sqs:us-east-1:ACCOUNT:q");
    expect(templateValue("${data.aws_eks_cluster.eks_cluster.arn}", resolve)).toBe("${data.aws_eks_cluster.eks_cluster.arn}");
  });
  it("does not read an escaped reference as a reference", () => {
    expect(templateValue("$${data.aws_caller_identity.caller_identity.account_id}", resolve)).toBe("${data.aws_caller_identity.caller_identity.account_id}");
  });
});

describe("literal and block", () => {
  it("reads strings only, and finds the block a reference names", () => {
    expect(literal(undefined)).toBeUndefined();
    expect(literal(3600)).toBeUndefined();
    expect(literal("a$${b}")).toBe("a${b}");
    const stack = { resource: { aws_iam_role: { r: { name: "x" } } }, data: { aws_iam_policy_document: { d: { statement: [] } } } };
    expect(block(stack, { data: false, type: "aws_iam_role", name: "r", attribute: "arn" })).toEqual({ name: "x" });
    expect(block(stack, { data: true, type: "aws_iam_policy_document", name: "d", attribute: "json" })).toEqual({ statement: [] });
    expect(block(stack, { data: true, type: "aws_iam_role", name: "r", attribute: "arn" })).toBeUndefined();
  });
});
