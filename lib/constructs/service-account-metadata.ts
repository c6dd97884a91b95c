/**
 * Labels and annotations a user puts on a tenant's service account, checked with Kubernetes'
 * own rules so that a bad key fails at synth, not at apply:
 * - labels: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 * - annotations: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations/#syntax-and-character-set
 * - the 256 KiB total of annotations: TotalAnnotationSizeLimitB in
 *   https://github.com/kubernetes/apimachinery/blob/master/pkg/api/validation/objectmeta.go
 */
import { IRSA_ROLE_ANNOTATION } from "./tenant-identity-annotation";
import { terraformLiteral } from "./terraform-literal";
import type { PropChecker } from "./validate-props";

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

export interface ServiceAccountMetadataProps {
  readonly serviceAccountLabels?: Readonly<Record<string, string>>;
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /** The tenant's IRSA migration setting: only then may the IRSA annotation be set. */
  readonly irsa?: { readonly keepAnnotation?: boolean };
}

export function checkServiceAccountMetadata(check: PropChecker, props: ServiceAccountMetadataProps): void {
  for (const [k, v] of Object.entries(props.serviceAccountLabels ?? {})) {
    const field = `serviceAccountLabels[${JSON.stringify(k)}]`;
    const problem = metadataKeyProblem(k) ?? labelValueProblem(v);
    check.that(field, problem === undefined, problem ?? "");
    check.that(field, k !== MANAGED_BY_LABEL, `is set by this construct to ${JSON.stringify(MANAGED_BY_VALUE)}, marking the service account as created here; leave it out`);
  }
  let total = 0;
  for (const [k, v] of Object.entries(props.serviceAccountAnnotations ?? {})) {
    const field = `serviceAccountAnnotations[${JSON.stringify(k)}]`;
    const problem = metadataKeyProblem(k);
    check.that(field, problem === undefined, problem ?? "");
    total += Buffer.byteLength(k) + Buffer.byteLength(v);
    if (k === IRSA_ROLE_ANNOTATION) {
      // IRSA's webhook reads it (https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html);
      // on a Pod Identity service account it would hand pods a second, different role.
      check.that(field, props.irsa !== undefined, "is IRSA's role annotation; Pod Identity binds the role through the association. Set it only while migrating from IRSA (irsa)");
      check.that(field, props.irsa === undefined || props.irsa.keepAnnotation === false, "is already set to the tenant's role by irsa (keepAnnotation); set keepAnnotation: false to give it yourself");
    }
  }
  check.that("serviceAccountAnnotations", total <= ANNOTATIONS_TOTAL_LIMIT, `total ${total} bytes of keys and values; Kubernetes allows at most ${ANNOTATIONS_TOTAL_LIMIT}`);
}

/** The labels and annotations as Terraform literals (keys too: object keys are templates in Terraform JSON). */
export function literalMetadata(m: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [terraformLiteral(k), terraformLiteral(v)]));
}
