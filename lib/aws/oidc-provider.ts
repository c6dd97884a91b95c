/**
 * IAM OIDC provider ARNs, as IRSA uses them:
 * `arn:<partition>:iam::<account>:oidc-provider/<issuer without https://>` (EKS user guide,
 * "Create an IAM OIDC provider for your cluster",
 * https://docs.aws.amazon.com/eks/latest/userguide/enable-iam-roles-for-service-accounts.html;
 * IAM user guide, reference_identifiers.html#identifiers-arns). An EKS issuer is
 * `oidc.eks.<region>.amazonaws.com/id/<ID>` (`.amazonaws.com.cn` in the China Regions).
 */
import { parseArn } from "./arn";
import type { Rule } from "./rules";

/**
 * The provider's URL is at most 255 characters with its https:// (IAM API reference,
 * CreateOpenIDConnectProvider, https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html),
 * so at most 247 in the ARN, which carries it without the scheme.
 */
export const OIDC_PROVIDER_ARN: Rule = {
  what: "an IAM OIDC provider ARN",
  allowed: "arn:<partition>:iam::<12-digit account>:oidc-provider/<issuer host and path, without https://, at most 247 characters>, e.g. arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE",
  pattern: /^arn:aws(-[a-z]+)*:iam::\d{12}:oidc-provider\/(?=.{1,247}$)[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(\/[A-Za-z0-9._~-]+)*$/,
};

export interface OidcProvider {
  readonly partition: string;
  readonly account: string;
  /** The issuer without its scheme, which is also the prefix of the condition keys (`<issuer>:sub`). */
  readonly issuer: string;
  /** The region of an EKS issuer, undefined for another issuer. */
  readonly region?: string;
}

export function parseOidcProviderArn(arn: string): OidcProvider | undefined {
  if (!OIDC_PROVIDER_ARN.pattern.test(arn)) return undefined;
  const { partition, account, resource } = parseArn(arn)!;
  const issuer = resource.slice("oidc-provider/".length);
  const eks = /^oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\//.exec(issuer);
  return { partition, account, issuer, region: eks?.[1] };
}

/** The provider ARN of an EKS cluster's issuer URL (DescribeCluster `identity.oidc.issuer`). */
export function oidcProviderArnOf(issuerUrl: string, partition: string, account: string): string {
  return `arn:${partition}:iam::${account}:oidc-provider/${issuerUrl.replace(/^https:\/\//, "")}`;
}
