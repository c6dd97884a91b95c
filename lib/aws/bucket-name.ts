/**
 * The S3 general purpose bucket naming rules, each with its own message.
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */

export const RESERVED_BUCKET_PREFIXES: ReadonlyArray<string> = ["xn--", "sthree-", "amzn-s3-demo-"];
/** Access point aliases, Object Lambda aliases, Multi-Region Access Points, directory buckets, table buckets. */
export const RESERVED_BUCKET_SUFFIXES: ReadonlyArray<string> = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

export const BUCKET_NAME_ALLOWED =
  "3 to 63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit, without '..', not shaped like an IP address, " +
  `not starting with ${RESERVED_BUCKET_PREFIXES.join(", ")} and not ending with ${RESERVED_BUCKET_SUFFIXES.join(", ")}`;

/** What is wrong with `name` as a bucket name, or undefined when it follows every rule. */
export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return `is ${name.length} characters long; a bucket name has 3 to 63`;
  if (!/^[a-z0-9.-]+$/.test(name)) return "may hold only a-z, 0-9, '.' and '-'";
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return "must start and end with a letter or digit";
  if (name.includes("..")) return "must not contain two adjacent periods";
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(name)) return "must not be formatted as an IP address";
  const prefix = RESERVED_BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return `must not start with ${prefix}, which S3 reserves`;
  const suffix = RESERVED_BUCKET_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return `must not end with ${suffix}, which S3 reserves for ${SUFFIX_USE[suffix]}`;
  return undefined;
}

const SUFFIX_USE: Record<string, string> = {
  "-s3alias": "access point aliases",
  "--ol-s3": "Object Lambda Access Point aliases",
  ".mrap": "Multi-Region Access Points",
  "--x-s3": "directory buckets",
  "--table-s3": "table buckets",
};
