/**
 * Labels and annotations on a tenant's service account, checked with Kubernetes' own rules so
 * that a bad key fails at synth, not at apply:
 * - labels: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 * - annotations: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set
 * - the 256 KiB total of annotations: TotalAnnotationSizeLimitB in
 *   https://github.com/kubernetes/apimachinery/blob/master/pkg/api/validation/objectmeta.go
 * Shared by the tenants file's checks (registered in lib/checks/check-registry.ts) and TenantIdentity's props.
 */

/**
 * The annotation IRSA reads on a service account (EKS user guide, "Configure Kubernetes service
 * accounts to assume an IAM role",
 * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html).
 */
export const IRSA_ROLE_ANNOTATION = "eks.amazonaws.com/role-arn";

/**
 * The prefix of every annotation the EKS Pod Identity webhook reads (its `--annotation-prefix`,
 * default `eks.amazonaws.com`; README and pkg/annotations/constants.go of
 * https://github.com/aws/amazon-eks-pod-identity-webhook). On a service account it reads
 * `role-arn` (which role pods assume with web identity), `audience` (the audience of the token it
 * mounts, so which OIDC trust accepts it), `token-expiration` (the token's lifetime) and
 * `sts-regional-endpoints` (which STS endpoint the SDK calls); `skip-containers` (containers
 * left without credentials) is documented on pods. Every one of them shapes the credentials a pod
 * gets, and none does anything useful without `role-arn`, which only `irsa` sets (to the
 * tenant's own role). So the whole prefix is refused: a key AWS adds to it later is refused too,
 * rather than trusted before anyone has read what it does.
 */
export const EKS_ANNOTATION_PREFIX = "eks.amazonaws.com/";

/** The label this project puts on every service account it creates. */
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "eks-pod-identity-tenants";

/** Name segment: at most 63 characters, alphanumeric at both ends, `-`, `_`, `.` between. */
const NAME = /^(?=.{1,63}$)[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** Prefix: a DNS subdomain, lowercase labels joined by dots, at most 253 characters. */
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** Label value: empty, or like a name segment. */
const LABEL_VALUE = /^(?=.{0,63}$)([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
const ANNOTATIONS_TOTAL_LIMIT = 256 * 1024;

/** Why `key` is not a valid label or annotation key, or undefined. */
export function metadataKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && !DNS_SUBDOMAIN.test(prefix)) {
    return `key ${JSON.stringify(key)} has an invalid prefix: the part before '/' must be a DNS subdomain (lowercase a-z, 0-9, '-' and '.', at most 253 characters)`;
  }
  if (!NAME.test(name)) {
    return `key ${JSON.stringify(key)} has an invalid name: at most 63 characters of a-z, A-Z, 0-9, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

/** Why `value` is not a valid label value, or undefined. */
export function labelValueProblem(value: string): string | undefined {
  return LABEL_VALUE.test(value) ? undefined : `value ${JSON.stringify(value)} is not a valid label value: at most 63 characters of a-z, A-Z, 0-9, '-', '_' and '.', starting and ending with a letter or digit, or empty`;
}

export interface ServiceAccountMetadata {
  readonly serviceAccountLabels?: Readonly<Record<string, string>>;
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /** Whether the service account is created here; labels and annotations need it. @default true */
  readonly createServiceAccount?: boolean;
  /** The tenant's IRSA migration setting: only it sets the IRSA annotation, never the user. */
  readonly irsa?: { readonly keepAnnotation?: boolean };
}

/** Why the stack may not set the annotation `key` itself, when it changes which credentials a pod gets. */
function eksAnnotationProblem(key: string, migrating: boolean): string | undefined {
  // An uppercase spelling of the prefix is refused by metadataKeyProblem, so this misses none the webhook reads.
  if (!key.startsWith(EKS_ANNOTATION_PREFIX)) return undefined;
  if (key === IRSA_ROLE_ANNOTATION) {
    return migrating
      ? "is IRSA's role annotation, which irsa sets to the tenant's own role while keepAnnotation is true; it cannot be set here, to this or any other role"
      : "is IRSA's role annotation: it would make pods assume that role with web identity, which AWS SDKs try before Pod Identity. Pod Identity binds the role through the association; while migrating from IRSA, irsa sets it to the tenant's own role";
  }
  return `is read by the EKS Pod Identity webhook (IRSA), and every ${EKS_ANNOTATION_PREFIX} annotation on a service account changes the credentials its pods get (token audience, lifetime or STS endpoint); only irsa sets IRSA's annotation. Leave ${EKS_ANNOTATION_PREFIX} annotations out`;
}

/** Every problem of the labels and annotations, by field: `[field]` or `[field, key]`. */
export function serviceAccountMetadataProblems(m: ServiceAccountMetadata): Array<{ path: string[]; message: string }> {
  const out: Array<{ path: string[]; message: string }> = [];
  if (m.createServiceAccount === false) {
    for (const field of ["serviceAccountLabels", "serviceAccountAnnotations"] as const) {
      if (Object.keys(m[field] ?? {}).length > 0) out.push({ path: [field], message: "has no effect with createServiceAccount: false: the tool that creates the service account sets its metadata" });
    }
  }
  for (const [k, v] of Object.entries(m.serviceAccountLabels ?? {})) {
    const problem = metadataKeyProblem(k) ?? labelValueProblem(v);
    if (problem) out.push({ path: ["serviceAccountLabels", k], message: problem });
    if (k === MANAGED_BY_LABEL) out.push({ path: ["serviceAccountLabels", k], message: `is set by this project to ${JSON.stringify(MANAGED_BY_VALUE)}, marking the service account as created here; leave it out` });
  }
  let total = 0;
  for (const [k, v] of Object.entries(m.serviceAccountAnnotations ?? {})) {
    const problem = metadataKeyProblem(k);
    if (problem) out.push({ path: ["serviceAccountAnnotations", k], message: problem });
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
    const credentials = eksAnnotationProblem(k, m.irsa !== undefined);
    if (credentials) out.push({ path: ["serviceAccountAnnotations", k], message: credentials });
  }
  if (total > ANNOTATIONS_TOTAL_LIMIT) out.push({ path: ["serviceAccountAnnotations"], message: `total ${total} bytes of keys and values; Kubernetes allows at most ${ANNOTATIONS_TOTAL_LIMIT}` });
  return out;
}
