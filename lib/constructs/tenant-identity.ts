import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { ServiceAccountV1 } from "../bindings/kubernetes/service-account-v1";
import type { ITerraformDependable } from "cdktf";
import { parseOidcProviderArn } from "../aws/oidc-provider";
import { defaultRoleName } from "../aws/role-name";
import { IRSA_ROLE_ANNOTATION, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../kubernetes/kubernetes-metadata";
import type { PlaceholderValues } from "../policy/abac";
import { permissionStatements } from "../policy/permissions";
import { irsaTrustStatement, podIdentityTrustStatement } from "../policy/trust";
import { terraformLiteral, terraformLiteralTags } from "../terraform/terraform-literal";
import type { Construct } from "constructs";
import type { EksCluster } from "./eks-cluster";
import { GrantPrincipal, type PolicySettings } from "./grant-principal";
import { addPodIdentityAssociation } from "./pod-identity-association";
import { addPodIdentityRole } from "./pod-identity-role";
import { applySessionPolicy } from "./session-policy";
import { literalMetadata } from "./service-account-metadata";
import { addStackOutputEntry, outputKey } from "./stack-outputs";
import { checkTenantProps } from "./tenant-identity-checks";
import type { ExistingTenantResources, TenantIdentityProps } from "./tenant-identity-props";

export type { ExistingTenantResources, TenantIdentityProps } from "./tenant-identity-props";

/**
 * One tenant's identity on one cluster: an IAM role that only EKS Pod Identity can assume, its
 * managed policies, the Kubernetes service account, and the association that binds them.
 *
 * It is a grant principal, as AWS CDK's `ServiceAccount` is: `addToPolicy` adds a statement, and
 * `grantRead(bucket)` and the other grant methods add a resource construct's grant, after
 * construction; the role's inline policy holds them all.
 *
 * Resource addresses derive from the construct ID (the tenant name) and fixed child IDs, never
 * from a position in a list, so adding or removing another tenant leaves these untouched.
 */
export class TenantIdentity extends GrantPrincipal {
  /** The trust policy document (`data.aws_iam_policy_document`); absent with a shared role, or when the trust policy is inline JSON. */
  readonly trustPolicy?: DataAwsIamPolicyDocument;
  /** Whether the role is the tenant's own, not a shared role's. */
  readonly ownsRole: boolean;
  /** The role the tenant's pods receive (the shared role's, with `sharedRole`). */
  readonly role: IamRole;
  readonly association: EksPodIdentityAssociation;
  /** Absent when `createServiceAccount` is false. */
  readonly serviceAccount?: ServiceAccountV1;
  /** The role's name, as given or derived. */
  readonly roleName: string;
  readonly cluster: EksCluster;
  private readonly props: TenantIdentityProps;

  constructor(scope: Construct, id: string, props: TenantIdentityProps) {
    super(scope, id);
    const { cluster } = props;
    this.props = props;
    this.cluster = cluster;
    const roleName = props.roleName ?? defaultRoleName(id, cluster.clusterName);
    const { permissions, sessionStatements } = checkTenantProps(this.owner, roleName, props);
    this.roleName = props.sharedRole?.roleName ?? roleName;
    this.ownsRole = !props.sharedRole;
    if (props.sharedRole) {
      this.role = props.sharedRole.role;
    } else {
      ({ trustPolicy: this.trustPolicy, role: this.role } = this.addOwnRole(roleName));
      this.addStatements(permissionStatements({ ...props, ...permissions }, this.placeholders).map((statement) => ({ statement })));
    }
    const dependsOn = props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined;
    this.serviceAccount = this.addServiceAccount(dependsOn);
    this.association = addPodIdentityAssociation(this, {
      clusterName: cluster.clusterName,
      namespace: props.namespace,
      serviceAccount: props.serviceAccount,
      roleArn: this.role.arn,
      targetRoleArn: props.targetRoleArn,
      disableSessionTags: props.disableSessionTags,
      tags: terraformLiteralTags(props.tags),
      dependsOn,
    });
    if (sessionStatements) applySessionPolicy(this.association, sessionStatements, cluster.arnEnvironment);
    if (props.outputs ?? true) this.addOutputs();
  }

  protected get owner(): string {
    return `TenantIdentity ${JSON.stringify(this.node.id)}`;
  }

  protected get placeholders(): PlaceholderValues {
    return { namespace: this.props.namespace, serviceAccount: this.props.serviceAccount, cluster: this.cluster.clusterName };
  }

  protected get policySettings(): PolicySettings {
    if (!this.ownsRole) throw new Error(`${this.owner}: the role is shared role ${JSON.stringify(this.props.sharedRole!.name)}'s; add statements and grants to the shared role`);
    return { role: this.role, environment: () => this.cluster.arnEnvironment, policyDocuments: this.props.policyDocuments };
  }

  private addOwnRole(roleName: string): { trustPolicy?: DataAwsIamPolicyDocument; role: IamRole } {
    const props = this.props;
    const scoped = props.scopeTrustToServiceAccount ?? !props.disableSessionTags;
    const scope = scoped ? { namespace: props.namespace, serviceAccount: props.serviceAccount, clusterArn: this.cluster.clusterArn } : undefined;
    const irsa = this.irsa;
    return addPodIdentityRole(this, {
      ...props,
      roleName,
      trust: [podIdentityTrustStatement(scope), ...(irsa ? [irsaTrustStatement(irsa.arn, irsa.issuer, props.namespace, props.serviceAccount)] : [])],
      description: `EKS Pod Identity role for ${props.namespace}/${props.serviceAccount} on ${this.cluster.clusterName}`,
      tags: props.tags,
    });
  }

  /** The IRSA provider the role also trusts, while migrating; never with a shared role. */
  private get irsa(): { arn: string; issuer: string } | undefined {
    const given = this.props.irsa;
    const provider = given && !this.props.sharedRole ? parseOidcProviderArn(given.oidcProviderArn) : undefined;
    return provider ? { arn: given!.oidcProviderArn, issuer: provider.issuer } : undefined;
  }

  private addServiceAccount(dependsOn: ITerraformDependable[] | undefined): ServiceAccountV1 | undefined {
    const props = this.props;
    if (!(props.createServiceAccount ?? true)) return undefined;
    // No eks.amazonaws.com/role-arn annotation: that is IRSA. Pod Identity keeps the binding
    // in the association, not on Kubernetes objects. Only a tenant migrating from IRSA keeps it.
    const keepIrsaAnnotation = this.irsa !== undefined && props.irsa!.keepAnnotation !== false;
    return new ServiceAccountV1(this, "service-account", {
      metadata: {
        name: terraformLiteral(props.serviceAccount),
        namespace: terraformLiteral(props.namespace),
        labels: { ...literalMetadata(props.serviceAccountLabels), [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
        ...annotations(props.serviceAccountAnnotations, keepIrsaAnnotation ? this.role.arn : undefined),
      },
      dependsOn,
    });
  }

  private addOutputs(): void {
    addStackOutputEntry(this, "tenants", outputKey(this), {
      role_arn: this.role.arn,
      role_name: this.role.name,
      association_id: this.association.associationId,
      association_arn: this.association.associationArn,
      // The target role's trust policy checks it as sts:ExternalId (docs/security.md).
      ...(this.props.targetRoleArn ? { external_id: this.association.externalId } : {}),
    });
  }
}

/**
 * Adds `import` blocks for what already exists, so that the first deploy adopts it. The IDs are
 * the providers' documented import IDs: association `cluster_name,association_id`, role its
 * name, service account `namespace/name`. Addresses do not change: an import block only names
 * the existing resource address.
 */
export function importExisting(identity: TenantIdentity, props: { readonly namespace: string; readonly serviceAccount: string }, existing: ExistingTenantResources): void {
  if (existing.associationId !== undefined) identity.association.importFrom(`${identity.cluster.clusterName},${existing.associationId}`);
  // A shared role is not the tenant's to adopt; its members share it.
  if (existing.role && identity.ownsRole) identity.role.importFrom(identity.roleName);
  if (existing.serviceAccount && identity.serviceAccount) identity.serviceAccount.importFrom(`${props.namespace}/${props.serviceAccount}`);
}

/** The annotations: the user's, as literals, and IRSA's role ARN while migrating; none when empty. */
function annotations(user: Readonly<Record<string, string>> | undefined, irsaRoleArn: string | undefined): { annotations?: Record<string, string> } {
  const all = { ...literalMetadata(user), ...(irsaRoleArn !== undefined ? { [IRSA_ROLE_ANNOTATION]: irsaRoleArn } : {}) };
  return Object.keys(all).length > 0 ? { annotations: all } : {};
}
