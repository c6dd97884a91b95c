import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Token, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { serviceAccountCreationProblem } from "../kubernetes/kubernetes-objects";
import { defaultRoleName } from "../aws/role-name";
import * as rules from "../aws/rules";
import { scopedTrustWithoutSessionTags, sharedRoleMemberProblems } from "../aws/cross-field-rules";
import type { GrantInput, StatementInput, Tags } from "../schema/schema";
import type { ArnEnvironment } from "../policy/arn-environment";
import { permissionStatements } from "../policy/permissions";
import { irsaTrustStatement, podIdentityTrustStatement } from "../policy/trust";
import { OIDC_PROVIDER_ARN, parseOidcProviderArn } from "../aws/oidc-provider";
import { IRSA_ROLE_ANNOTATION, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../kubernetes/kubernetes-metadata";
import { arnPartitionProblem } from "../checks/arn-checks";
import { checkPermissionProps } from "./permission-props";
import { lookUpArnEnvironment, RolePermissions } from "./role-permissions";
import type { SharedRole } from "./shared-role";
import { addPodIdentityRole, checkRoleSettings, type RoleSettings } from "./pod-identity-role";
import { terraformLiteral, terraformLiteralTags } from "../terraform/terraform-literal";
import { checkArnPartitions } from "./arn-props";
import { checkTags } from "./tag-props";
import { PropChecker } from "./validate-props";
import { clusterNameFrom, type ClusterProps } from "./eks-cluster-reference";
import { checkServiceAccountMetadata, literalMetadata } from "./service-account-metadata";
import { addStackOutputEntry, outputKey } from "./stack-outputs";
import { applySessionPolicy, checkSessionPolicy, type SessionPolicyProps } from "./session-policy";

/** `cluster` (or `clusterName`): the cluster the association belongs to. */
export interface TenantIdentityProps extends RoleSettings, ClusterProps {
  /** Kubernetes namespace of the tenant's pods: a DNS-1123 label. It need not exist yet. */
  readonly namespace: string;
  /** Service account the tenant's pods run as: a DNS-1123 subdomain. */
  readonly serviceAccount: string;
  /**
   * IAM role name: at most 64 characters of `[\w+=,.@-]`, unique in the account ignoring case.
   * @default `<construct id>.<clusterName>`, cut to 64 characters with a hash when longer
   */
  readonly roleName?: string;
  /**
   * Create the `kubernetes_service_account_v1`. Set false when another tool (a Helm chart,
   * say) owns the service account; Pod Identity does not need it to exist first.
   * @default true
   */
  readonly createServiceAccount?: boolean;
  /** Tags on the role and the association, merged over the provider's default tags. @default {} */
  readonly tags?: Tags;
  /**
   * What the service account and the association wait for: the Pod Identity agent, so that a
   * fresh cluster runs the agent before any pod expects credentials, and the namespace when the
   * stack creates it.
   * @default []
   */
  readonly dependsOn?: ReadonlyArray<ITerraformDependable>;
  /**
   * The cluster's ARN, for the tenant-scoped trust policy; usually `data.aws_eks_cluster`'s `arn`.
   * @default looked up with a `data.aws_eks_cluster` of this construct when the trust is scoped
   */
  readonly clusterArn?: string;
  /**
   * Trust only sessions whose tags name this namespace, service account and cluster, so that
   * no other association (a look-alike service account in another namespace or cluster) can
   * use the role. Needs session tags, so it cannot be true with `disableSessionTags`.
   * @default true, or false when `disableSessionTags` is true
   */
  readonly scopeTrustToServiceAccount?: boolean;
  /** Resource-scoped grants for the role's inline policy. @default [] */
  readonly grants?: ReadonlyArray<GrantInput>;
  /**
   * Raw statements for the role's inline policy. Checked here for shape only; check their
   * actions against the IAM action catalogue with `checkStatementActions` (async) first.
   * @default []
   */
  readonly statements?: ReadonlyArray<StatementInput>;
  /**
   * Where names in grants resolve to ARNs.
   * @default `data.aws_partition`, `data.aws_caller_identity` and `data.aws_region` of this construct
   */
  readonly arnEnvironment?: ArnEnvironment;
  /**
   * Cross-account: the role EKS assumes with the tenant's role (the association's
   * `target_role_arn`). The tenant's role gets sts:AssumeRole and sts:TagSession on exactly it.
   * @default none
   */
  readonly targetRoleArn?: string;
  /** The association's `disable_session_tags`. @default false */
  readonly disableSessionTags?: boolean;
  /**
   * The association's session policy (its `policy`): the pods get only what both the role and
   * this allow. Same grammar as `grants` and `statements`. Needs `disableSessionTags: true`; with
   * `sharedRole`, a role whose policies do not read the session tags. See docs/session-policies.md.
   * @default none: the pods get everything the role allows
   */
  readonly sessionPolicy?: SessionPolicyProps;
  /**
   * Use this shared role instead of a role of the tenant's own. The tenant must be one of its
   * members, and then sets none of the role props.
   * @default the tenant gets its own role
   */
  readonly sharedRole?: SharedRole;
  /**
   * Migrating from IRSA: the role also trusts this OIDC provider (the cluster's) for this
   * service account alone, and the service account keeps its `eks.amazonaws.com/role-arn`
   * annotation (unless `keepAnnotation` is false), so pods that still use IRSA keep working.
   * @default no IRSA trust, no annotation
   */
  readonly irsa?: { readonly oidcProviderArn: string; readonly keepAnnotation?: boolean };
  /**
   * Labels on the service account, besides `app.kubernetes.io/managed-by`. Kubernetes' label
   * key and value rules apply.
   * @default none
   */
  readonly serviceAccountLabels?: Readonly<Record<string, string>>;
  /**
   * Annotations on the service account. `eks.amazonaws.com/role-arn` (IRSA's) only with `irsa`.
   * @default none
   */
  readonly serviceAccountAnnotations?: Readonly<Record<string, string>>;
  /**
   * Add this tenant to the stack's one `tenants` output (stack-outputs.ts): `role_arn`,
   * `role_name`, `association_id`, `association_arn`, and `external_id` with a target role, under
   * the construct's ID (the IDs from the stack down, joined with '/', deeper in the tree).
   * @default true
   */
  readonly outputs?: boolean;
}

/** What already exists, for `import` blocks (cdktf `importFrom`) instead of failing creates. */
export interface ExistingTenantResources {
  /** The live association's ID; imported as `<cluster>,<id>`. */
  readonly associationId?: string;
  /** The role exists under the tenant's role name; imported by that name. */
  readonly role?: boolean;
  /** The service account exists; imported as `<namespace>/<name>`. */
  readonly serviceAccount?: boolean;
}


/**
 * One tenant's identity on one cluster: an IAM role that only EKS Pod Identity can assume, its
 * managed policies, the Kubernetes service account, and the association that binds them.
 *
 * Resource addresses derive from the construct ID (the tenant name) and fixed child IDs, never
 * from a position in a list, so adding or removing another tenant leaves these untouched.
 */
export class TenantIdentity extends Construct {
  /** The trust policy document (`data.aws_iam_policy_document`); absent with a shared role, or when the trust policy is inline JSON. */
  readonly trustPolicy?: DataAwsIamPolicyDocument;
  /** Whether the role is the tenant's own, not a shared role's. */
  readonly ownsRole: boolean;
  /** The role the tenant's pods receive (the shared role's, with `sharedRole`). */
  readonly role: IamRole;
  /** The inline policy from grants, statements and the target role; absent when there are none. */
  readonly permissions?: RolePermissions;
  readonly association: EksPodIdentityAssociation;
  /** Absent when `createServiceAccount` is false. */
  readonly serviceAccount?: ServiceAccountV1;
  /** The role's name, as given or derived. */
  readonly roleName: string;

  constructor(scope: Construct, id: string, input: TenantIdentityProps) {
    super(scope, id);
    const check = new PropChecker(`TenantIdentity ${JSON.stringify(id)}`);
    const clusterName = clusterNameFrom(check, input);
    const props = { ...input, clusterName };
    const ref = input.cluster;
    // Only the region is read by the partition checks: no account look-up for them.
    const checkEnvironment = props.arnEnvironment ?? (ref ? { partition: ref.partition, region: ref.region, accountId: "" } : undefined);
    const roleName = props.roleName ?? defaultRoleName(id, clusterName);
    check
      .rule("clusterName", rules.CLUSTER_NAME, clusterName)
      .rule("namespace", rules.NAMESPACE, props.namespace)
      .rule("serviceAccount", rules.SERVICE_ACCOUNT, props.serviceAccount);
    if (!props.sharedRole) checkRoleSettings(check, roleName, props);
    check.rule("targetRoleArn", rules.ROLE_ARN, props.targetRoleArn, true);
    const scoped = props.scopeTrustToServiceAccount ?? !props.disableSessionTags;
    check.shared(scopedTrustWithoutSessionTags(props.scopeTrustToServiceAccount, props.disableSessionTags ?? false, ["scopeTrustToServiceAccount"]));
    if (props.sharedRole) checkSharedRoleMember(check, props.sharedRole, props);
    const ownedBySomeoneElse = (props.createServiceAccount ?? true) ? serviceAccountCreationProblem(props.namespace, props.serviceAccount) : undefined;
    check.that("serviceAccount", ownedBySomeoneElse === undefined, ownedBySomeoneElse ?? "");
    checkServiceAccountMetadata(check, props);
    if (props.irsa) {
      check.rule("irsa.oidcProviderArn", OIDC_PROVIDER_ARN, props.irsa.oidcProviderArn);
      const region = checkEnvironment?.region;
      const partition = region !== undefined && !Token.isUnresolved(region) ? arnPartitionProblem(props.irsa.oidcProviderArn, { name: clusterName, region }) : undefined;
      check.that("irsa.oidcProviderArn", partition === undefined, partition ?? "");
    }
    checkTags(check, "tags", props.tags);
    const permissions = checkPermissionProps(check, props.grants, props.statements);
    // Only when every grant and statement parsed: the indices of the messages must be the props'.
    const allParsed = permissions.grants.length === (props.grants?.length ?? 0) && permissions.statements.length === (props.statements?.length ?? 0);
    checkArnPartitions(check, clusterName, { ...props, arnEnvironment: checkEnvironment, ...(allParsed ? permissions : { grants: [], statements: [] }) });
    const sessionStatements = checkSessionPolicy(check, props.sessionPolicy, {
      disableSessionTags: props.disableSessionTags ?? false,
      values: { namespace: props.namespace, serviceAccount: props.serviceAccount, cluster: clusterName },
      region: checkEnvironment !== undefined && !Token.isUnresolved(checkEnvironment.region) ? checkEnvironment.region : undefined,
      sharedRole: props.sharedRole ? { name: props.sharedRole.name, sessionTagRead: props.sharedRole.sessionTagRead } : undefined,
    });
    check.done();

    this.roleName = props.sharedRole?.roleName ?? roleName;
    const tags = terraformLiteralTags(props.tags);
    const dependsOn = props.dependsOn && props.dependsOn.length > 0 ? [...props.dependsOn] : undefined;

    const provider = props.irsa && !props.sharedRole ? parseOidcProviderArn(props.irsa.oidcProviderArn) : undefined;
    const irsa = provider ? { arn: props.irsa!.oidcProviderArn, issuer: provider.issuer } : undefined;
    this.ownsRole = !props.sharedRole;
    let env: ArnEnvironment | undefined;
    const environment = (): ArnEnvironment => (env ??= props.arnEnvironment ?? ref?.arnEnvironment ?? lookUpArnEnvironment(this));
    if (props.sharedRole) {
      this.role = props.sharedRole.role;
    } else {
      const scope = scoped
        ? { namespace: props.namespace, serviceAccount: props.serviceAccount, clusterArn: props.clusterArn ?? ref?.clusterArn ?? new DataAwsEksCluster(this, "cluster", { name: terraformLiteral(clusterName) }).arn }
        : undefined;
      ({ trustPolicy: this.trustPolicy, role: this.role } = addPodIdentityRole(this, {
        ...props,
        roleName,
        trust: [podIdentityTrustStatement(scope), ...(irsa ? [irsaTrustStatement(irsa.arn, irsa.issuer, props.namespace, props.serviceAccount)] : [])],
        description: `EKS Pod Identity role for ${props.namespace}/${props.serviceAccount} on ${props.clusterName}`,
        tags: props.tags,
      }));

      const statements = permissionStatements({ ...props, ...permissions }, { namespace: props.namespace, serviceAccount: props.serviceAccount, cluster: props.clusterName });
      if (statements.length > 0) {
        this.permissions = new RolePermissions(this, "permissions", {
          roleName: this.role.name,
          statements,
          environment: environment(),
          owner: `TenantIdentity ${JSON.stringify(id)}`,
          policyDocuments: props.policyDocuments,
        });
      }
    }

    if (props.createServiceAccount ?? true) {
      // No eks.amazonaws.com/role-arn annotation: that is IRSA. Pod Identity keeps the binding
      // in the association, not on Kubernetes objects. Only a tenant migrating from IRSA keeps it.
      this.serviceAccount = new ServiceAccountV1(this, "service-account", {
        metadata: {
          name: terraformLiteral(props.serviceAccount),
          namespace: terraformLiteral(props.namespace),
          labels: { ...literalMetadata(props.serviceAccountLabels), [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
          ...annotations(props.serviceAccountAnnotations, irsa && props.irsa!.keepAnnotation !== false ? this.role.arn : undefined),
        },
        dependsOn,
      });
    }

    this.association = new EksPodIdentityAssociation(this, "association", {
      clusterName: terraformLiteral(props.clusterName),
      namespace: terraformLiteral(props.namespace),
      serviceAccount: terraformLiteral(props.serviceAccount),
      roleArn: this.role.arn,
      targetRoleArn: terraformLiteral(props.targetRoleArn),
      disableSessionTags: props.disableSessionTags ? true : undefined,
      tags,
      dependsOn,
    });
    if (sessionStatements) applySessionPolicy(this.association, sessionStatements, environment());

    if (props.outputs ?? true) {
      addStackOutputEntry(this, "tenants", outputKey(this), {
        role_arn: this.role.arn,
        role_name: this.role.name,
        association_id: this.association.associationId,
        association_arn: this.association.associationArn,
        // The target role's trust policy checks it as sts:ExternalId (docs/security.md).
        ...(props.targetRoleArn ? { external_id: this.association.externalId } : {}),
      });
    }
  }
}

/**
 * Adds `import` blocks for what already exists, so that the first deploy adopts it. The IDs are
 * the providers' documented import IDs: association `cluster_name,association_id`, role its
 * name, service account `namespace/name`. Addresses do not change: an import block only names
 * the existing resource address.
 */
export function importExisting(identity: TenantIdentity, props: { readonly clusterName: string; readonly namespace: string; readonly serviceAccount: string }, existing: ExistingTenantResources): void {
  if (existing.associationId !== undefined) identity.association.importFrom(`${props.clusterName},${existing.associationId}`);
  // A shared role is not the tenant's to adopt; its members share it.
  if (existing.role && identity.ownsRole) identity.role.importFrom(identity.roleName);
  if (existing.serviceAccount && identity.serviceAccount) identity.serviceAccount.importFrom(`${props.namespace}/${props.serviceAccount}`);
}

/** The annotations: the user's, as literals, and IRSA's role ARN while migrating; none when empty. */
function annotations(user: Readonly<Record<string, string>> | undefined, irsaRoleArn: string | undefined): { annotations?: Record<string, string> } {
  const all = { ...literalMetadata(user), ...(irsaRoleArn !== undefined ? { [IRSA_ROLE_ANNOTATION]: irsaRoleArn } : {}) };
  return Object.keys(all).length > 0 ? { annotations: all } : {};
}

/** A member of a shared role brings no role settings of its own, and must be listed by the role. */
function checkSharedRoleMember(check: PropChecker, shared: SharedRole, props: TenantIdentityProps & { readonly clusterName: string }): void {
  // arnEnvironment resolves names in the member's own session policy, when it has one.
  const set = (["roleName", "rolePath", "permissionsBoundaryArn", "maxSessionDuration", "targetRoleArn", "scopeTrustToServiceAccount", "arnEnvironment", "clusterArn", "irsa"] as const)
    .filter((k) => props[k] !== undefined)
    .filter((k) => !(k === "arnEnvironment" && props.sessionPolicy !== undefined)) as string[];
  for (const k of ["managedPolicyArns", "grants", "statements"] as const) if ((props[k]?.length ?? 0) > 0) set.push(k);
  check.shared(sharedRoleMemberProblems(shared.name, set, props.disableSessionTags ?? false, shared.sessionTagRead !== undefined));
  check.that(
    "disableSessionTags",
    !shared.hasMember(props.clusterName, props.namespace, props.serviceAccount) || shared.memberDisablesSessionTags(props.namespace, props.serviceAccount) === (props.disableSessionTags ?? false),
    `must be the same as in shared role ${JSON.stringify(shared.name)}'s members entry for ${props.namespace}/${props.serviceAccount}, whose trust policy is written for it`,
  );
  check.that(
    "sharedRole",
    shared.hasMember(props.clusterName, props.namespace, props.serviceAccount),
    `shared role ${JSON.stringify(shared.name)} does not list ${props.namespace}/${props.serviceAccount} on cluster ${JSON.stringify(props.clusterName)} among its members, so its trust policy would refuse this association`,
  );
}
