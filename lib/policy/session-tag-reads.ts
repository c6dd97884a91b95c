/**
 * Whether a role's grants and statements read the session tags EKS sets: through the
 * `${namespace}`, `${serviceAccount}` and `${cluster}` placeholders (which a shared role turns into
 * `${aws:PrincipalTag/...}`), or through an `aws:PrincipalTag/<EKS tag>` written by hand, as a
 * policy variable or as a condition key. With `disable_session_tags` those tags do not exist, so
 * such a policy stops matching: a variable of a missing tag matches nothing, and a condition on
 * it fails (IAM user guide, reference_policies_variables, "Specifying default values" and
 * "no value" behaviour: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html;
 * the six EKS session tags: https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html).
 */
import type { Grant, StatementConfig } from "./permission-types";
import { PLACEHOLDER_NAMES } from "./abac";

/** The six session tags EKS Pod Identity sets (EKS user guide, pod-id-abac). */
export const EKS_SESSION_TAGS: ReadonlyArray<string> = ["eks-cluster-arn", "eks-cluster-name", "kubernetes-namespace", "kubernetes-service-account", "kubernetes-pod-name", "kubernetes-pod-uid"];

const PLACEHOLDER = new RegExp(`\\$\\{(${PLACEHOLDER_NAMES.join("|")})\\}`);
// Condition keys and tag keys are case-insensitive (IAM user guide, reference_policies_condition-keys).
const PRINCIPAL_TAG = new RegExp(`aws:PrincipalTag/(${EKS_SESSION_TAGS.join("|")})(?![A-Za-z0-9_.:/=+@-])`, "i");

/** Every string of the grants and statements: names, ARNs, condition keys and values. */
function strings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out);
    }
  }
  return out;
}

/** The first string that reads a session tag, or undefined. */
export function sessionTagRead(grants: ReadonlyArray<Grant>, statements: ReadonlyArray<StatementConfig>): string | undefined {
  return strings([grants, statements]).find((s) => PLACEHOLDER.test(s) || PRINCIPAL_TAG.test(s));
}
