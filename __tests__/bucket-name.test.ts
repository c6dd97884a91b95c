/** S3 general purpose bucket naming rules, https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
import { bucketNameProblem, RESERVED_BUCKET_PREFIXES, RESERVED_BUCKET_SUFFIXES } from "../lib/aws/bucket-name";

it("lists the reserved prefixes and suffixes of the S3 user guide", () => {
  expect(RESERVED_BUCKET_PREFIXES).toEqual(["xn--", "sthree-", "amzn-s3-demo-"]);
  expect(RESERVED_BUCKET_SUFFIXES).toEqual(["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"]);
});

it.each(["abc", "my-tf-state", "a.b-c.d", "0123", "1.2.3", "1.2.3.4.5", "xn-a", "mrap", "amzn-s3-demo"])("accepts %s", (name) => {
  expect(bucketNameProblem(name)).toBeUndefined();
});

it.each([
  ["ab", "is 2 characters long; a bucket name has 3 to 63"],
  ["a_b", "may hold only a-z, 0-9, '.' and '-'"],
  [".abc", "must start and end with a letter or digit"],
  ["a..b", "must not contain two adjacent periods"],
  ["192.168.5.4", "must not be formatted as an IP address"],
  ["amzn-s3-demo-x", "must not start with amzn-s3-demo-, which S3 reserves"],
  ["x--ol-s3", "must not end with --ol-s3, which S3 reserves for Object Lambda Access Point aliases"],
  ["x--table-s3", "must not end with --table-s3, which S3 reserves for table buckets"],
])("refuses %s: it %s", (name, why) => {
  expect(bucketNameProblem(name)).toBe(why);
});
