import * as rules from "../lib/config/rules";
import { violation } from "../lib/config/rules";

const cases: Array<[string, rules.Rule, string[], string[]]> = [
  ["NAMESPACE", rules.NAMESPACE, ["nginx", "a", "team-1", "a".repeat(63)], ["Nginx", "-a", "a-", "a_b", "a.b", "", "a".repeat(64)]],
  ["SERVICE_ACCOUNT", rules.SERVICE_ACCOUNT, ["nginx-sa", "a.b-c", "a".repeat(253)], ["Sa", "a..b", ".a", "a_b", "", "a".repeat(254)]],
  ["TENANT_NAME", rules.TENANT_NAME, ["nginx", "team-a1", "a".repeat(63)], ["1team", "Team", "a-", "a_b", "a.b", "a".repeat(64)]],
  ["CLUSTER_NAME", rules.CLUSTER_NAME, ["demo-cluster", "Prod_1", "0a", "a".repeat(100)], ["-a", "_a", "a.b", "", "a".repeat(101)]],
  ["REGION", rules.REGION, ["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "ap-southeast-7"], ["us-east", "US-EAST-1", "useast1", "us_east_1"]],
  ["ACCOUNT_ID", rules.ACCOUNT_ID, ["111122223333", "012345678901"], ["11112222333", "1111222233334", "11112222333a"]],
  ["ROLE_NAME", rules.ROLE_NAME, ["nginx-s3-access-role", "a+=,.@_-b", "a".repeat(64)], ["a b", "a/b", "a:b", "", "a".repeat(65)]],
  ["IAM_PATH", rules.IAM_PATH, ["/", "/teams/", "/a/b/", "/x/aws-service-role/", "/a${b}/"], ["", "teams/", "/teams", "/a b/", `/${"a".repeat(511)}/`, "//", "/a//b/", "/aws-service-role/", "/aws-service-role/eks.amazonaws.com/"]],
  [
    "POLICY_ARN",
    rules.POLICY_ARN,
    ["arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy", "arn:aws-us-gov:iam::111122223333:policy/x", "arn:aws:iam::111122223333:policy/a${b}/x"],
    [
      "AmazonS3FullAccess",
      "arn:aws:iam::aws:role/x",
      "arn:aws:iam::1234:policy/x",
      "arn:aws:s3:::bucket",
      "arn:aws:iam::111122223333:policy//x",
      "arn:aws:iam::111122223333:policy/a//x",
      "arn:aws:iam::aws:policy/aws-service-role/AmazonEKSServiceRolePolicy",
    ],
  ],
  [
    "ROLE_ARN",
    rules.ROLE_ARN,
    ["arn:aws:iam::444455556666:role/orders-reader", "arn:aws:iam::444455556666:role/path/r"],
    [
      "arn:aws:iam::aws:role/x",
      "arn:aws:iam::444455556666:policy/x",
      "arn:aws:iam::444455556666:role//r",
      "arn:aws:iam::444455556666:role/aws-service-role/eks.amazonaws.com/AWSServiceRoleForAmazonEKS",
      "arn:aws:iam::444455556666:role/a${b}/r",
    ],
  ],
  ["ADDON_VERSION", rules.ADDON_VERSION, ["v1.3.8-eksbuild.2"], ["1.3.8", "v1.3.8", "latest"]],
  ["TAG_KEY", rules.TAG_KEY, ["owner", "team:web", "cost center", "ünïcode", "awsome", "x-aws:y"], ["aws:owner", "AWS:owner", "Aws:owner", "", "a".repeat(129), "a*b"]],
  ["TAG_VALUE", rules.TAG_VALUE, ["", "platform", "a".repeat(256), "uses aws:x"], ["a".repeat(257), "a*b", "aws:x", "AWS:x", "aWs:"]],
  ["BUCKET_NAME", rules.BUCKET_NAME, ["my-tf-state", "a.b.c"], ["ab", "My-Bucket", "-abc", "abc-"]],
];

describe.each(cases)("%s", (_name, rule, good, bad) => {
  it.each(good)("accepts %j", (v) => expect(violation(rule, v)).toBeUndefined());
  it.each(bad)("rejects %j, naming the value and what is allowed", (v) => {
    expect(violation(rule, v)).toBe(`${JSON.stringify(v)} is not ${rule.what}: ${rule.allowed}`);
  });
});

it("rejects non-strings with the allowed form", () => {
  expect(violation(rules.ACCOUNT_ID, 111122223333)).toBe("expected a string (exactly 12 digits, quoted)");
});
