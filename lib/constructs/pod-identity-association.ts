/**
 * A Pod Identity association: the one place where tenants' associations are made (their own
 * role's, and a shared role member's), so that a setting every association takes is added once.
 */
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { terraformLiteral } from "../terraform/terraform-literal";

export interface AssociationSettings {
  readonly clusterName: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  /** The role's ARN, usually a Terraform reference. */
  readonly roleArn: string;
  /** Cross-account: the role EKS assumes next. @default none */
  readonly targetRoleArn?: string;
  /** The association's `disable_session_tags`. @default false */
  readonly disableSessionTags?: boolean;
  /** Already escaped for Terraform (terraformLiteralTags). @default none */
  readonly tags?: Record<string, string>;
  /** @default none */
  readonly dependsOn?: ITerraformDependable[];
}

/** `aws_eks_pod_identity_association` under `scope`, ID `association`; user strings escaped here. */
export function addPodIdentityAssociation(scope: Construct, s: AssociationSettings): EksPodIdentityAssociation {
  return new EksPodIdentityAssociation(scope, "association", {
    clusterName: terraformLiteral(s.clusterName),
    namespace: terraformLiteral(s.namespace),
    serviceAccount: terraformLiteral(s.serviceAccount),
    roleArn: s.roleArn,
    targetRoleArn: terraformLiteral(s.targetRoleArn),
    disableSessionTags: s.disableSessionTags ? true : undefined,
    tags: s.tags,
    dependsOn: s.dependsOn,
  });
}
