/**
 * The provider versions a stack accepts: a range from the version its bindings were generated
 * from (the provider classes' own metadata, so the range moves with the bindings) up to the next
 * major release, which is where a provider may break its configuration
 * (https://developer.hashicorp.com/terraform/plugin/best-practices/versioning). A lock file or
 * mirror holding any later compatible release then initialises. Where a feature a stack uses
 * came in later than the bindings' version, the stack's lower bound rises to it. The range is
 * Terraform's constraint syntax (https://developer.hashicorp.com/terraform/language/expressions/version-constraints).
 */
import { TerraformProvider, type TerraformStack } from "cdktf";

/** A provider argument that only some stacks use, and the first provider release that has it. */
export interface ProviderFeature {
  readonly provider: string;
  readonly feature: string;
  readonly since: string;
}

/**
 * aws_eks_pod_identity_association's cross-account arguments came in aws 6.2.0
 * (hashicorp/terraform-provider-aws CHANGELOG, 6.2.0). Below today's bindings (6.25.0), so they
 * raise nothing yet; kept so that a binding downgrade or a newer feature states its floor.
 */
export const TARGET_ROLE_ARN: ProviderFeature = { provider: "aws", feature: "aws_eks_pod_identity_association.target_role_arn", since: "6.2.0" };
export const DISABLE_SESSION_TAGS: ProviderFeature = { provider: "aws", feature: "aws_eks_pod_identity_association.disable_session_tags", since: "6.2.0" };

/**
 * aws_eks_pod_identity_association's `policy` (an inline session policy): hashicorp/terraform-provider-aws
 * pull request #48869 (.changelog/48869.txt: "resource/aws_eks_pod_identity_association: Add
 * `policy` argument to support inline session policies"), released in v6.57.1 of 2026-07-29
 * (CHANGELOG.md, 6.57.1; https://github.com/hashicorp/terraform-provider-aws/releases/tag/v6.57.1).
 * Above the bindings' 6.25.0, so a stack with a session policy accepts only >= 6.57.1: an older
 * provider would refuse the argument the escape hatch writes ("An argument named "policy" is
 * not expected here").
 */
export const SESSION_POLICY: ProviderFeature = { provider: "aws", feature: "aws_eks_pod_identity_association.policy", since: "6.57.1" };

function parts(version: string): number[] {
  return version.split(".").map((p) => Number.parseInt(p, 10) || 0);
}

function compare(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** `>= <lowest>, < <next major>.0.0`: the bindings' version, or a later one a feature needs. */
export function versionRange(bindings: string, provider: string, features: ReadonlyArray<ProviderFeature>): string {
  const lowest = features.filter((f) => f.provider === provider).reduce((low, f) => (compare(f.since, low) > 0 ? f.since : low), bindings);
  return `>= ${lowest}, < ${parts(lowest)[0]! + 1}.0.0`;
}

/** Replaces the exact pin cdktf writes for each provider of the stack with its range; call once every provider is added. */
export function requireProviderRanges(stack: TerraformStack, features: ReadonlyArray<ProviderFeature>): void {
  for (const child of stack.node.children) {
    if (!TerraformProvider.isTerraformProvider(child)) continue;
    const bindings = child.terraformGeneratorMetadata?.providerVersion;
    if (bindings === undefined) continue;
    const name = child.terraformResourceType;
    stack.addOverride(`terraform.required_providers.${name}.version`, versionRange(bindings, name, features));
  }
}

/** The features a stack's tenants use that some provider releases lack. */
export function tenantFeatures(
  tenants: ReadonlyArray<{ readonly tenant: { readonly targetRoleArn?: string | undefined; readonly disableSessionTags: boolean; readonly sessionPolicy?: object | undefined } }>,
): ProviderFeature[] {
  return [
    ...(tenants.some(({ tenant }) => tenant.targetRoleArn !== undefined) ? [TARGET_ROLE_ARN] : []),
    ...(tenants.some(({ tenant }) => tenant.disableSessionTags) ? [DISABLE_SESSION_TAGS] : []),
    ...(tenants.some(({ tenant }) => tenant.sessionPolicy !== undefined) ? [SESSION_POLICY] : []),
  ];
}
