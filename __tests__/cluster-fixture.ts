/** The one EksCluster a test stack's constructs take, and props written with the cluster's names. */
import type { Construct } from "constructs";
import { EksCluster } from "../lib/constructs/eks-cluster";

export interface ClusterNames {
  /** @default "demo-cluster" */
  readonly clusterName?: string;
  /** @default "us-east-1" */
  readonly region?: string;
  /** @default none: looked up */
  readonly accountId?: string;
}

/** `data.aws_eks_cluster.eks_cluster` in `scope`, made once per scope. */
export function testCluster(scope: Construct, names: ClusterNames = {}): EksCluster {
  const existing = scope.node.tryFindChild("eks_cluster");
  if (existing instanceof EksCluster) return existing;
  return new EksCluster(scope, "eks_cluster", { clusterName: names.clusterName ?? "demo-cluster", region: names.region ?? "us-east-1", accountId: names.accountId });
}

/** `props` with its cluster names replaced by the scope's EksCluster. */
export function withCluster<P extends { readonly cluster: EksCluster }>(scope: Construct, props: Omit<P, "cluster"> & ClusterNames): P {
  const { clusterName, region, accountId, ...rest } = props;
  return { ...rest, cluster: testCluster(scope, { clusterName, region, accountId }) } as unknown as P;
}
