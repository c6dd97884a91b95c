/**
 * Name and value rules shared by the tenants-file schema and the constructs' own prop checks,
 * so that a TypeScript user of the constructs gets exactly the errors a file user gets.
 *
 * Each pattern carries its length limit as a look-ahead, so one regular expression is the whole
 * rule: one message per bad value, and the same `pattern` lands in the JSON Schema for editors.
 */
import { BUCKET_NAME_ALLOWED, bucketNameProblem } from "./bucket-name";
import { quote } from "../diagnostics/quote";
import { unknownRegion } from "./region-rules";

export interface Rule {
  /** What a valid value is, as a noun phrase: `a DNS-1123 label`. */
  readonly what: string;
  /** What is allowed, for the error message. */
  readonly allowed: string;
  readonly pattern: RegExp;
  /**
   * The full message for a rule no pattern can say (a region the SDK knows), or a more specific
   * message than `allowed` (which S3 naming rule a bucket name breaks); undefined when it has none.
   */
  readonly explain?: (value: string) => string | undefined;
}

function rule(what: string, allowed: string, pattern: RegExp, explain?: (value: string) => string | undefined): Rule {
  return { what, allowed, pattern, ...(explain ? { explain } : {}) };
}

/** The message for a value that breaks `r`, or undefined when it is fine. */
export function violation(r: Rule, value: unknown): string | undefined {
  if (typeof value !== "string") return `expected a string (${r.allowed})`;
  const matches = r.pattern.test(value);
  if (matches && !r.explain) return undefined;
  // The specific message wins where there is one, for a value the pattern refuses too.
  return r.explain?.(value) ?? (matches ? undefined : `${quote(value)} is not ${r.what}: ${r.allowed}`);
}

// Kubernetes: namespaces are DNS-1123 labels, service account names DNS-1123 subdomains.
// https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
export const NAMESPACE = rule(
  "a valid namespace",
  "a DNS-1123 label of at most 63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit",
  /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
);
export const SERVICE_ACCOUNT = rule(
  "a valid service account name",
  "a DNS-1123 subdomain of at most 253 characters of a-z, 0-9, '-' and '.', each dot-separated part starting and ending with a letter or digit",
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
);

// Tenant names become construct IDs, Terraform addresses, output names and derived role names,
// so they are kept to the narrowest alphabet all of those accept.
export const TENANT_NAME = rule(
  "a valid tenant name",
  "at most 63 characters of a-z, 0-9 and '-', starting with a letter and ending with a letter or digit",
  /^(?=.{1,63}$)[a-z]([-a-z0-9]*[a-z0-9])?$/,
);

// EKS CreateCluster: name is 1-100 characters, pattern ^[0-9A-Za-z][A-Za-z0-9\-_]*$.
// https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html
export const CLUSTER_NAME = rule(
  "a valid EKS cluster name",
  "1 to 100 characters of A-Z, a-z, 0-9, '-' and '_', starting with a letter or digit",
  /^(?=.{1,100}$)[0-9A-Za-z][A-Za-z0-9_-]*$/,
);

// AWS region codes: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, eusc-de-east-1; and
// one the AWS SDK's region metadata knows (region-rules.ts).
export const REGION = rule(
  "an AWS region code",
  "a region code such as us-east-1 or eu-central-2",
  /^[a-z]{2,}(-[a-z]+)+-\d{1,2}$/,
  unknownRegion,
);

// Account IDs are exactly 12 digits and may start with 0, so they must be quoted in YAML.
export const ACCOUNT_ID = rule("an AWS account ID", "exactly 12 digits, quoted", /^\d{12}$/);

// IAM CreateRole: RoleName is 1-64 characters of [\w+=,.@-]; Path is "/" or "/.../", at most 512
// characters of ASCII 0x21-0x7E. https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
export const ROLE_NAME = rule(
  "a valid IAM role name",
  "1 to 64 characters of A-Z, a-z, 0-9 and + = , . @ _ -",
  /^[\w+=,.@-]{1,64}$/,
);
/**
 * The path of an IAM path: each part between two slashes has at least one character, so there is
 * no "//" (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names);
 * /aws-service-role/ and everything under it belong to service-linked roles
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/using-service-linked-roles.html).
 * "${" and "%{" are allowed, as IAM allows them: the constructs write every string as a
 * Terraform literal (lib/terraform/terraform-literal.ts).
 */
const PATH_PARTS = "(?!aws-service-role\\/)([\\x21-\\x2e\\x30-\\x7e]+\\/)*";
export const IAM_PATH = rule(
  "a valid IAM path",
  "'/' or a path that starts and ends with '/' with at least one character between slashes, at most 512 printable ASCII characters; /aws-service-role/ and below are reserved for service-linked roles",
  new RegExp(`^(?=.{1,512}$)\\/${PATH_PARTS}$`),
);

// Managed policy ARNs: AWS-managed (account "aws") or customer-managed, with an optional path
// under the same rules as IAM_PATH; policies under aws-service-role/ are for service-linked
// roles, and IAM refuses to attach them to other roles. "${" is allowed in the path, as IAM
// allows it there (see IAM_PATH).
export const POLICY_ARN = rule(
  "an IAM policy ARN",
  "arn:<partition>:iam::<12-digit account or aws>:policy/<path/>name, the path without '//' and not under aws-service-role/",
  new RegExp(`^arn:aws(-[a-z]+)*:iam::(\\d{12}|aws):policy\\/${PATH_PARTS}[\\w+=,.@-]{1,128}$`),
);
// A target role ARN also lands in the tenant's own policy (sts:AssumeRole on it), where IAM
// would read "${...}" as a policy variable; so it stays refused rather than escaped. A
// service-linked role (under aws-service-role/) cannot be a target: its trust policy is fixed.
// It names one role, so no IAM wildcard (* or ?) in its path either: in a policy, role/*/name
// would reach every path's role of that name.
export const ROLE_ARN = rule(
  "an IAM role ARN",
  "arn:<partition>:iam::<12-digit account>:role/<path/>name, without ${ or %{ or wildcards, the path without '//' and not under aws-service-role/",
  new RegExp(`^(?!.*[$%]\\{)(?!.*[*?])arn:aws(-[a-z]+)*:iam::\\d{12}:role\\/${PATH_PARTS}[\\w+=,.@-]{1,64}$`),
);

// STS AssumeRole, as the deploy role is assumed (the AWS provider's assume_role, the live
// commands): RoleSessionName is 2-64 characters of [\w+=,.@-]; ExternalId is 2-1224 characters
// of [\w+=,.@:/-]. https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
export const SESSION_NAME = rule("a valid STS role session name", "2 to 64 characters of A-Z, a-z, 0-9 and + = , . @ _ -", /^[\w+=,.@-]{2,64}$/);
export const EXTERNAL_ID = rule("a valid STS external ID", "2 to 1224 characters of A-Z, a-z, 0-9 and + = , . @ : / _ -", /^[\w+=,.@:/-]{2,1224}$/);

// IAM quotas: 1,000 roles per account by default, 5,000 at most after a raise.
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
export const ROLES_PER_ACCOUNT = { default: 1000, max: 5000 } as const;

// EKS add-on versions look like v1.3.8-eksbuild.2 (aws eks describe-addon-versions).
export const ADDON_VERSION = rule(
  "an EKS add-on version",
  "a version such as v1.3.8-eksbuild.2",
  /^v\d+\.\d+\.\d+-eksbuild\.\d+$/,
);

// Helm chart versions are SemVer 2 (https://helm.sh/docs/topics/charts/#charts-and-versioning),
// such as 1.2.0, the version in charts/eks-pod-identity-agent/Chart.yaml of aws/eks-pod-identity-agent
// at tag v0.1.37 (the chart is published to no Helm repository; see agent-chart.ts).
export const CHART_VERSION = rule(
  "a Helm chart version",
  "a SemVer version such as 1.2.0",
  /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/,
);
// agent.version pins the add-on (install: addon) or the chart (install: helm); which form is
// right depends on install, so the schema accepts either and agent-checks.ts says which one it wanted.
export const AGENT_VERSION = rule(
  "an agent version",
  "an add-on version such as v1.3.8-eksbuild.2 (install: addon) or a chart version such as 1.2.0 (install: helm)",
  new RegExp(`${ADDON_VERSION.pattern.source}|${CHART_VERSION.pattern.source}`),
);

// EKS add-on names, as `aws eks describe-addon-versions` lists them: aws-ebs-csi-driver,
// vpc-cni, and marketplace names such as vendor_product. This tool keeps them to a-z, 0-9, '-'
// and '_' because the name becomes construct IDs, output names and default role names.
export const ADDON_NAME = rule(
  "a valid EKS add-on name",
  "at most 63 characters of a-z, 0-9, '-' and '_', starting and ending with a letter or digit",
  /^(?=.{1,63}$)[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/,
);

// Tags: keys 1-128 and values 0-256 characters of letters, digits, spaces and _ . : / = + - @
// (https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html). The aws: prefix is
// reserved in any letter case, for keys and for values
// (https://docs.aws.amazon.com/eks/latest/userguide/eks-using-tags.html#tag-restrictions).
export const TAG_KEY = rule(
  "a valid tag key",
  "1 to 128 letters, digits, spaces and _ . : / = + - @, not starting with aws: in any letter case",
  /^(?![aA][wW][sS]:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u,
);
export const TAG_VALUE = rule(
  "a valid tag value",
  "at most 256 letters, digits, spaces and _ . : / = + - @, not starting with aws: in any letter case",
  /^(?![aA][wW][sS]:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u,
);
/** Tags per IAM role and per EKS resource. */
export const MAX_TAGS = 50;

// S3 bucket names: 3-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter
// or digit. https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
// Every rule is in the pattern (for editors) and, one message per rule, in bucket-name.ts.
export const BUCKET_NAME = rule(
  "a valid S3 bucket name",
  BUCKET_NAME_ALLOWED,
  /^(?=.{3,63}$)(?!.*\.\.)(?!\d{1,3}(\.\d{1,3}){3}$)(?!xn--|sthree-|amzn-s3-demo-)(?!.*(-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$)[a-z0-9][a-z0-9.-]*[a-z0-9]$/,
  (v) => {
    const p = bucketNameProblem(v);
    return p && `${quote(v)} is not a valid S3 bucket name: it ${p}`;
  },
);

/** IAM MaxSessionDuration bounds, in seconds (CreateRole API). */
export const SESSION_DURATION = { min: 3600, max: 43200 } as const;

// planBudget.cpuSeconds: two minutes of CPU by default (plan-time.ts); at most a day.
export const PLAN_CPU_BUDGET = { min: 1, max: 86400, default: 120 } as const;

/**
 * Managed policies attached to one role: 10 by default, 20 at most after a quota raise.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export const MANAGED_POLICIES_PER_ROLE = { default: 10, max: 20 } as const;

/** Pod Identity associations per cluster; this quota cannot be raised (EKS service quotas). */
export const ASSOCIATIONS_PER_CLUSTER = 5000;

// ARN format: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html. The service,
// partition, region, account and wildcards each option allows are checked against the cluster in
// lib/checks/controller-checks.ts.
export const RESOURCE_ARN = rule(
  "a resource ARN",
  "arn:<partition>:<service>:<region or empty>:<12-digit account or empty>:<resource>",
  /^(?!.*[$%]\{)arn:aws(-[a-z]+)*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:[\x21-\x7e]+$/,
);

// Stack groups (tenants[].stack) become part of a stack name, `<cluster>-<group>`: its folder in
// cdktf.out, its state file or key, its HCP Terraform workspace. Kept to the tenant alphabet.
export const STACK_GROUP = rule(
  "a valid stack group name",
  "at most 63 characters of a-z, 0-9 and '-', starting with a letter and ending with a letter or digit",
  /^(?=.{1,63}$)[a-z](?:[-a-z0-9]*[a-z0-9])?$/,
);

// state.s3.keyPrefix starts every stack's state key, <keyPrefix><stack>/terraform.tfstate. Terraform's
// S3 backend refuses a key that starts or ends with "/" or contains "//" (s3-state-key.ts cites
// its source), so a prefix is empty, or ends with "/", does not start with one, and has no "//".
export const S3_KEY_PREFIX = rule(
  "a valid key prefix",
  "empty, or a prefix that ends with '/', does not start with '/' and has no '//' (Terraform's S3 backend refuses such a state key)",
  /^$|^(?!\/)(?!.*\/\/).*\/$/,
);

// HCP Terraform workspace names "can include letters, numbers, hyphens, and underscores", and
// HashiCorp recommends "90 characters or less":
// https://developer.hashicorp.com/terraform/cloud-docs/workspaces/create
export const WORKSPACE_NAME_MAX = 90;
export const WORKSPACE_PREFIX = rule(
  "a valid workspace name prefix",
  "letters, digits, '-' and '_' only (HCP Terraform workspace names), at most 89 characters; may be empty",
  /^[A-Za-z0-9_-]{0,89}$/,
);

// The organization goes into the API path /organizations/<name>; go-tfe, the client behind
// Terraform's cloud block, reads an organization only when its name is letters, digits, '-', '.'
// and '_' (validStringID, pattern ^[a-zA-Z0-9\-\._]+$): https://github.com/hashicorp/go-tfe
export const HCP_ORGANIZATION = rule(
  "a valid HCP Terraform organization name",
  "letters, digits, '-', '.' and '_' only",
  /^[A-Za-z0-9._-]+$/,
);

// A host name: dot-separated DNS labels (RFC 1123), optionally with a port, no scheme or path.
export const HOSTNAME = rule(
  "a valid host name",
  "a host name such as app.terraform.io or tfe.example.com[:port], without https:// or a path",
  /^(?=.{1,253}(:|$))[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?(\.[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?)*(:\d{1,5})?$/,
);
