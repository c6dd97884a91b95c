import { hasWildcard, parseArn, parseRoleArn, wildcardMatches } from "../lib/aws/arn";

describe("the ARN grammar", () => {
  it("splits the five fields and keeps the resource part whole, colons included", () => {
    expect(parseArn("arn:aws:logs:us-east-1:111122223333:log-group:/aws/eks:*")).toEqual({ partition: "aws", service: "logs", region: "us-east-1", account: "111122223333", resource: "log-group:/aws/eks:*" });
    expect(parseArn("arn:aws:s3:::bucket/key")).toEqual({ partition: "aws", service: "s3", region: "", account: "", resource: "bucket/key" });
    expect(parseArn("arn:aws-cn:iam::aws:policy/ReadOnlyAccess")?.account).toBe("aws");
  });

  it("refuses what is not arn: and five fields", () => {
    expect(parseArn("*")).toBeUndefined();
    expect(parseArn("arn:aws:s3::bucket")).toBeUndefined();
    expect(parseArn("ARN:aws:s3:::bucket")).toBeUndefined();
  });

  it("knows IAM's two wildcards, and matches with them", () => {
    expect([hasWildcard("role/*"), hasWildcard("us-east-?"), hasWildcard("role/x")]).toEqual([true, true, false]);
    expect(wildcardMatches("aws*", "aws-us-gov")).toBe(true);
    expect(wildcardMatches("aws-?n", "aws-cn")).toBe(true);
    expect(wildcardMatches("aws-?n", "aws")).toBe(false);
    expect(wildcardMatches("a.b", "axb")).toBe(false);
  });
});

describe("role ARNs", () => {
  it("reads the account, path and name, with and without a path, in any partition", () => {
    expect(parseRoleArn("arn:aws:iam::111122223333:role/web.demo")).toEqual({ account: "111122223333", path: "/", name: "web.demo" });
    expect(parseRoleArn("arn:aws-us-gov:iam::111122223333:role/a/b/r")).toEqual({ account: "111122223333", path: "/a/b/", name: "r" });
    expect(parseRoleArn("arn:aws:iam::111122223333:user/u")).toBeUndefined();
    expect(parseRoleArn(undefined)).toBeUndefined();
  });
});
