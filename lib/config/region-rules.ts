/**
 * Regions that exist, and where EKS Pod Identity works. Whether a region exists is the AWS SDK's
 * answer (regions.ts); the generated list only feeds "did you mean".
 */
import { KNOWN_REGIONS } from "./known-regions";
import { error, type Finding } from "./problems";
import { quote } from "./quote";
import { isKnownRegion, partitionOf } from "./regions";
import type { Config } from "./schema";
import { didYouMean } from "./suggest";

/** Why `region` is not a region, or undefined when the SDK knows it. */
export function unknownRegion(region: string): string | undefined {
  if (isKnownRegion(region)) return undefined;
  return `${quote(region)} is not an AWS region${didYouMean(region, KNOWN_REGIONS.filter(isKnownRegion))}; use a region code such as us-east-1, as listed at https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html`;
}

/**
 * "Pod Identity is not available in China Regions. Use IAM roles for service accounts."
 * https://docs.amazonaws.cn/en_us/eks/latest/userguide/pod-identities.html
 */
export const POD_IDENTITY_UNAVAILABLE_PARTITIONS: ReadonlyArray<string> = ["aws-cn"];

export function podIdentityRegions(c: Config): Finding[] {
  return c.clusters.flatMap((cluster, i) =>
    POD_IDENTITY_UNAVAILABLE_PARTITIONS.includes(partitionOf(cluster.region))
      ? [
          error(
            ["clusters", i, "region"],
            `cluster ${quote(cluster.name)} is in ${cluster.region}, a China Region, where EKS Pod Identity is not available (https://docs.amazonaws.cn/en_us/eks/latest/userguide/pod-identities.html); use IAM roles for service accounts there`,
          ),
        ]
      : [],
  );
}
