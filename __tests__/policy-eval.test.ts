/** The test evaluator itself, on hand-written statements, so that the controller tests can trust it. */
import { allows, type Statement } from "./policy-eval";

const st = (extra: Partial<Statement>): Statement => ({ effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"], ...extra });

describe("allows", () => {
  it("matches actions without case and with wildcards, resources with case", () => {
    expect(allows([st({ actions: ["s3:get*"] })], "s3:GetObject", "arn:aws:s3:::b/k")).toBe(true);
    expect(allows([st({})], "s3:GetObject", "arn:aws:s3:::B/k")).toBe(false);
    expect(allows([st({ resources: ["arn:aws:s3:::b/?"] })], "s3:GetObject", "arn:aws:s3:::b/kk")).toBe(false);
  });

  it("lets an explicit Deny win", () => {
    expect(allows([st({}), st({ effect: "Deny" })], "s3:GetObject", "arn:aws:s3:::b/k")).toBe(false);
  });

  it("evaluates Null, IfExists and ForAllValues as IAM does", () => {
    const isNull = st({ condition: [{ test: "Null", variable: "aws:ResourceTag/t", values: ["true"] }] });
    expect(allows([isNull], "s3:GetObject", "arn:aws:s3:::b/k")).toBe(true);
    expect(allows([isNull], "s3:GetObject", "arn:aws:s3:::b/k", { "aws:ResourceTag/t": "x" })).toBe(false);
    const ifExists = st({ condition: [{ test: "StringEqualsIfExists", variable: "k", values: ["v"] }] });
    expect(allows([ifExists], "s3:GetObject", "arn:aws:s3:::b/k")).toBe(true);
    expect(allows([ifExists], "s3:GetObject", "arn:aws:s3:::b/k", { k: "w" })).toBe(false);
    const forAll = st({ condition: [{ test: "ForAllValues:StringEquals", variable: "aws:TagKeys", values: ["a", "b"] }] });
    expect(allows([forAll], "s3:GetObject", "arn:aws:s3:::b/k", { "aws:TagKeys": ["a"] })).toBe(true);
    expect(allows([forAll], "s3:GetObject", "arn:aws:s3:::b/k", { "aws:TagKeys": ["a", "c"] })).toBe(false);
    // Conditions of one statement are ANDed; StringEquals on a missing key is false.
    const both = st({ condition: [{ test: "StringEquals", variable: "x", values: ["1"] }, { test: "StringLike", variable: "y", values: ["a*"] }] });
    expect(allows([both], "s3:GetObject", "arn:aws:s3:::b/k", { x: "1", y: "abc" })).toBe(true);
    expect(allows([both], "s3:GetObject", "arn:aws:s3:::b/k", { x: "1" })).toBe(false);
  });

  it("refuses to guess an operator it does not know", () => {
    expect(() => allows([st({ condition: [{ test: "DateGreaterThan", variable: "aws:CurrentTime", values: ["2020-01-01T00:00:00Z"] }] })], "s3:GetObject", "arn:aws:s3:::b/k")).toThrow(
      "policy-eval does not know condition operator DateGreaterThan",
    );
  });
});
