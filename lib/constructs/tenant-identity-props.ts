/** TenantIdentity's props, and what already exists for `import` blocks. */
import type { ITerraformDependable } from "cdktf";
import type { GrantInput, StatementInput, Tags } from "../policy/permission-types";
import type { ClusterProps } from "./eks-cluster";
import type { RoleSettings } from "./pod-identity-role";
import type { SessionPolicyProps } from "./session-policy";
import type { SharedRole } from "./shared-role";

/** `cluster`: the cluster the association belongs to. */
export interface TenantIdentityProps extends RoleSettings, ClusterProps {
  /** Kubernetes namespace of the tenant's pods: a DNS-1123 label. It need not exist yet. */
  readonly namespace: string;
  /** Service account the tenant's pods run as: a DNS-1123 subdomain. */
  readonly serviceAccount: string;
  /**
   * IAM role name: at most 64 characters of `[\w+=,.@-]`, unique in the account ignoring case.
   * @default `<construct id>.<cluster name>`, cut to 64 characters with a hash when longer
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
   * Trust only sessions whose tags name this namespace, service account and cluster, so that
   * no other association (a look-alike service account in another namespace or cluster) can
   * use the role. Needs session tags, so it cannot be true with `disableSessionTags`.
   * @default true, or false when `disableSessionTags` is true
   */
  readonly scopeTrustToServiceAccount?: boolean;
  /** Resource-scoped grants for the role's inline policy. @default [] */
  readonly grants?: ReadonlyArray<GrantInput>;
  /**
   * Raw statements for the role's inline policy; more can be added with `addToPolicy`. Checked
   * here for shape only; check their actions against the IAM action catalogue with
   * `checkStatementActions` (async) first.
   * @default []
   */
  readonly statements?: ReadonlyArray<StatementInput>;
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

