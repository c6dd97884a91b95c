/**
 * Placeholders in grants and statements: `${namespace}`, `${serviceAccount}` and `${cluster}`.
 *
 * In a shared role they become the IAM policy variables of the session tags that EKS Pod
 * Identity sets on every session (EKS user guide, pod-id-abac): one role then serves each tenant
 * its own slice. In a tenant's own role they become the tenant's literal values.
 */

export type PlaceholderName = "namespace" | "serviceAccount" | "cluster";
export type PlaceholderValues = Readonly<Record<PlaceholderName, string>>;

export const PLACEHOLDER_NAMES: ReadonlyArray<PlaceholderName> = ["namespace", "serviceAccount", "cluster"];

/** The session tag behind each placeholder; all six EKS session tags are transitive. */
export const SESSION_TAGS: PlaceholderValues = {
  namespace: "kubernetes-namespace",
  serviceAccount: "kubernetes-service-account",
  cluster: "eks-cluster-name",
};

/** Placeholders as IAM policy variables, unescaped: `renderStatement` escapes them for Terraform. */
export const SESSION_TAG_VARIABLES: PlaceholderValues = {
  namespace: `\${aws:PrincipalTag/${SESSION_TAGS.namespace}}`,
  serviceAccount: `\${aws:PrincipalTag/${SESSION_TAGS.serviceAccount}}`,
  cluster: `\${aws:PrincipalTag/${SESSION_TAGS.cluster}}`,
};

const REFERENCE = /\$\{([^}]*)\}/g;

export function substitutePlaceholders(s: string, values: PlaceholderValues): string {
  return s.replace(REFERENCE, (whole, name: string) => ((PLACEHOLDER_NAMES as ReadonlyArray<string>).includes(name) ? values[name as PlaceholderName] : whole));
}

/**
 * IAM policy variables a user may write as they stand: `${aws:...}` and other `${service:key}`
 * keys, and the special characters `${*}`, `${?}`, `${$}`
 * (IAM user guide, reference_policies_variables).
 */
const POLICY_VARIABLE = /^([a-z0-9-]+:[A-Za-z0-9/_.:-]+|\*|\?|\$)$/;

/** Why `s` holds a reference that cannot be used, or undefined. */
export function placeholderProblem(s: string): string | undefined {
  if (s.includes("$${")) return `${JSON.stringify(s)} contains "$\${"; write IAM policy variables as \${aws:...}, they are escaped for Terraform automatically`;
  for (const m of s.matchAll(REFERENCE)) {
    const name = m[1]!;
    if ((PLACEHOLDER_NAMES as ReadonlyArray<string>).includes(name) || POLICY_VARIABLE.test(name)) continue;
    return `${JSON.stringify(s)} uses \${${name}}, which is not a placeholder; allowed: \${namespace}, \${serviceAccount}, \${cluster}, or an IAM policy variable such as \${aws:username}`;
  }
  if (s.replace(REFERENCE, "").includes("${")) return `${JSON.stringify(s)} has a "\${" without its closing "}"`;
  return undefined;
}

/** `s` with every reference replaced by a short sample, to check the rest against a name rule. */
export function withoutReferences(s: string): string {
  return s.replace(REFERENCE, "x");
}

export function hasReferences(s: string): boolean {
  return /\$\{/.test(s);
}
