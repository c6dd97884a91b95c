import * as rules from "../lib/aws/rules";
import { violation } from "../lib/aws/rules";

const cases: Array<[string, rules.Rule, string[], string[]]> = [
  ["NAMESPACE", rules.NAMESPACE, ["nginx", "a", "team-1", "a".repeat(63)], ["Nginx", "-a", "a-", "a_b", "a.b", "", "a".repeat(64)]],
  ["SERVICE_ACCOUNT", rules.SERVICE_ACCOUNT, ["nginx-sa", "a.b-c", "a".repeat(253)], ["Sa", "a..b", ".a", "a_b", "", "a".repeat(254)]],
  ["TENANT_NAME", rules.TENANT_NAME, ["nginx", "team-a1", "a".repeat(63)], ["1team", "Team", "a-", "a_b", "a.b", "a".repeat(64)]],
  ["CLUSTER_NAME", rules.CLUSTER_NAME, ["demo-cluster", "Prod_1", "0a", "a".repeat(100)], ["-a", "_a", "a.b", "", "a".repeat(101)]],
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
];

describe.each(cases)("%s", (_name, rule, good, bad) => {
  it.each(good)("accepts %j", (v) => expect(violation(rule, v)).toBeUndefined());
  it.each(bad)("rejects %j, naming the value and what is allowed", (v) => {
    // Messages quote at most 100 characters of a value, then "…".
    const shown = v.length > 100 ? `${JSON.stringify(v.slice(0, 100)).slice(0, -1)}…"` : JSON.stringify(v);
    expect(violation(rule, v)).toBe(`${shown} is not ${rule.what}: ${rule.allowed}`);
  });
});

it("rejects non-strings with the allowed form", () => {
  expect(violation(rules.ACCOUNT_ID, 111122223333)).toBe("expected a string (exactly 12 digits, quoted)");
});

describe("REGION: a region the AWS SDK knows", () => {
  const list = "use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html";
  it.each(["us-east-1", "eu-central-2", "us-gov-west-1", "cn-north-1", "ap-southeast-7", "il-central-1", "mx-central-1", "eusc-de-east-1"])("accepts %s", (r) => {
    expect(violation(rules.REGION, r)).toBeUndefined();
  });
  it.each([
    ["us-east", `"us-east" is not an AWS region; did you mean "us-east-1"?; ${list}`],
    ["US-EAST-1", `"US-EAST-1" is not an AWS region; did you mean "us-east-1"?; ${list}`],
    ["us-east-3", `"us-east-3" is not an AWS region; did you mean "us-east-1"?; ${list}`],
    ["eu-centrall-1", `"eu-centrall-1" is not an AWS region; did you mean "eu-central-1"?; ${list}`],
    ["moon-base-1", `"moon-base-1" is not an AWS region; ${list}`],
    ["aws-global", `"aws-global" is not an AWS region; ${list}`],
  ])("refuses %s", (r, message) => expect(violation(rules.REGION, r)).toBe(message));
});

describe("BUCKET_NAME: every S3 general purpose bucket naming rule", () => {
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
  it.each(["my-tf-state", "a.b.c", "abc", "a".repeat(63), "xn-a", "s3alias", "192.168.5.4x", "my.mrap.x"])("accepts %s", (b) => {
    expect(violation(rules.BUCKET_NAME, b)).toBeUndefined();
    expect(rules.BUCKET_NAME.pattern.test(b)).toBe(true);
  });
  it.each([
    ["ab", "is 2 characters long; a bucket name has 3 to 63"],
    ["a".repeat(64), "is 64 characters long; a bucket name has 3 to 63"],
    ["My-Bucket", "may hold only a-z, 0-9, '.' and '-'"],
    ["-abc", "must start and end with a letter or digit"],
    ["abc-", "must start and end with a letter or digit"],
    ["my..bucket", "must not contain two adjacent periods"],
    ["192.168.5.4", "must not be formatted as an IP address"],
    ["xn--bucket", "must not start with xn--, which S3 reserves"],
    ["sthree-bucket", "must not start with sthree-, which S3 reserves"],
    ["sthree-configurator", "must not start with sthree-, which S3 reserves"],
    ["amzn-s3-demo-bucket", "must not start with amzn-s3-demo-, which S3 reserves"],
    ["logs-s3alias", "must not end with -s3alias, which S3 reserves for access point aliases"],
    ["logs--ol-s3", "must not end with --ol-s3, which S3 reserves for Object Lambda Access Point aliases"],
    ["logs.mrap", "must not end with .mrap, which S3 reserves for Multi-Region Access Points"],
    ["logs--x-s3", "must not end with --x-s3, which S3 reserves for directory buckets"],
    ["logs--table-s3", "must not end with --table-s3, which S3 reserves for table buckets"],
  ])("refuses %s, saying which rule", (b, why) => {
    expect(violation(rules.BUCKET_NAME, b)).toBe(`${JSON.stringify(b)} is not a valid S3 bucket name: it ${why}`);
    // The JSON Schema pattern refuses the same names, for editors.
    expect(rules.BUCKET_NAME.pattern.test(b)).toBe(false);
  });
});
