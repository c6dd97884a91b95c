/** Service account labels and annotations of TenantIdentity's props: the tenants file's rules, and literals. */
import { serviceAccountMetadataProblems, type ServiceAccountMetadata } from "../kubernetes/kubernetes-metadata";
import { terraformLiteral } from "../terraform/terraform-literal";
import type { PropChecker } from "./validate-props";

export function checkServiceAccountMetadata(check: PropChecker, props: ServiceAccountMetadata): void {
  for (const p of serviceAccountMetadataProblems(props)) check.that(p.path.length > 1 ? `${p.path[0]}[${JSON.stringify(p.path[1])}]` : p.path[0]!, false, p.message);
}

/** The labels and annotations as Terraform literals (keys too: object keys are templates in Terraform JSON). */
export function literalMetadata(m: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [terraformLiteral(k), terraformLiteral(v)]));
}
