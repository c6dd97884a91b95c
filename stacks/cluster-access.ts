/**
 * The providers every stack of a cluster needs: AWS in the cluster's region and account, and
 * Kubernetes reaching the cluster without a kubeconfig. Shared by the base stack and the group
 * stacks, so that both reach the cluster the same way.
 */
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KubernetesProvider } from "../lib/bindings/kubernetes/provider";
import { Fn } from "cdktf";
import type { Construct } from "constructs";
import type { DeployRole } from "../lib/plan/deploy-role";
import type { Cluster, Tags } from "../lib/schema/schema";
import { EksCluster } from "../lib/constructs/eks-cluster";
import { terraformLiteralTags } from "../lib/terraform/terraform-literal";

export interface ClusterAccess {
  /** The stack's one reference to the cluster, given to every construct of the stack. */
  readonly cluster: EksCluster;
  /** The cluster's endpoint and CA, for the kubernetes and helm providers. */
  readonly endpoint: { host: string; clusterCaCertificate: string };
  /** `aws eks get-token`, run by the providers at plan and apply time. */
  readonly exec: { apiVersion: string; command: string; args: string[] };
}

/**
 * With a deploy role, the provider assumes it (assume_role: role_arn, external_id, session_name,
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs#assume_role-configuration-block);
 * without one it keeps the ambient credentials.
 */
export function addAwsProvider(stack: Construct, cluster: Cluster, defaultTags: Tags | undefined, deployRole?: DeployRole): AwsProvider {
  return new AwsProvider(stack, "provider_aws", {
    region: cluster.region,
    allowedAccountIds: cluster.accountId ? [cluster.accountId] : undefined,
    assumeRole: deployRole ? [{ roleArn: deployRole.roleArn, externalId: deployRole.externalId, sessionName: deployRole.sessionName }] : undefined,
    defaultTags: defaultTags && Object.keys(defaultTags).length > 0 ? [{ tags: terraformLiteralTags(defaultTags) }] : undefined,
  });
}

/**
 * `aws eks get-token`, signed as the deploy role when there is one (`--role-arn`: "Assume this
 * role for credentials when signing the token", AWS CLI v2,
 * https://docs.aws.amazon.com/cli/latest/reference/eks/get-token.html), so that Kubernetes sees
 * the role that EKS access entries or aws-auth map, whatever identity runs Terraform. The CLI
 * takes no external ID or session name here; a deploy role whose trust policy requires an
 * external ID needs a CLI profile with role_arn and external_id instead.
 */
export function getTokenArgs(cluster: Cluster, deployRole?: DeployRole): string[] {
  const args = ["eks", "get-token", "--cluster-name", cluster.name, "--region", cluster.region];
  return deployRole ? [...args, "--role-arn", deployRole.roleArn] : args;
}

/** `data.aws_eks_cluster` and the kubernetes provider; call after the backend, as the JSON orders them. */
export function addClusterAccess(stack: Construct, cluster: Cluster, deployRole?: DeployRole): ClusterAccess {
  const reference = new EksCluster(stack, "eks_cluster", { clusterName: cluster.name, region: cluster.region, accountId: cluster.accountId });

  // Endpoint and CA come from the cluster itself and the token from the AWS CLI at plan and
  // apply time, so `cdktf deploy` needs no kubeconfig and never stores a token in state.
  const endpoint = { host: reference.endpoint, clusterCaCertificate: Fn.base64decode(reference.certificateAuthorityData) };
  const exec = {
    apiVersion: "client.authentication.k8s.io/v1beta1",
    command: "aws",
    args: getTokenArgs(cluster, deployRole),
  };
  new KubernetesProvider(stack, "provider_kubernetes", { ...endpoint, exec: [exec] });
  return { cluster: reference, endpoint, exec };
}
