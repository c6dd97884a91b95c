/** Clusters in Regions where EKS Pod Identity works. Registered in lib/checks/check-registry.ts. */
import { error, type Finding } from "../diagnostics/problems";
import { quote } from "../diagnostics/quote";
import { regionPartition } from "../aws/region-rules";
import type { Config } from "../schema/schema";

/**
 * "Pod Identity is not available in China Regions. Use IAM roles for service accounts."
 * https://docs.amazonaws.cn/en_us/eks/latest/userguide/pod-identities.html
 */
export const POD_IDENTITY_UNAVAILABLE_PARTITIONS: ReadonlyArray<string> = ["aws-cn"];

export function podIdentityRegions(c: Config): Finding[] {
  return c.clusters.flatMap((cluster, i) =>
    POD_IDENTITY_UNAVAILABLE_PARTITIONS.includes(regionPartition(cluster.region))
      ? [
          error(
            ["clusters", i, "region"],
            `cluster ${quote(cluster.name)} is in ${cluster.region}, a China Region, where EKS Pod Identity is not available (https://docs.amazonaws.cn/en_us/eks/latest/userguide/pod-identities.html); use IAM roles for service accounts there`,
          ),
        ]
      : [],
  );
}
