import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Construct } from "constructs";
import { defaultRoleName } from "../aws/role-name";
import * as rules from "../aws/rules";
import type { Grant, GrantInput, StatementConfig, StatementInput, Tags } from "../policy/permission-types";
import { SESSION_TAG_VARIABLES } from "../policy/abac";
import { permissionStatements } from "../policy/permissions";
import { sharedTrustStatements } from "../policy/trust";
import { checkPermissionProps } from "./permission-props";
import { GrantPrincipal, type PolicySettings } from "./grant-principal";
import type { PolicyDocuments } from "./policy-document";
import type { PlaceholderValues } from "../policy/abac";
import { addPodIdentityRole, checkRoleSettings, type RoleSettings } from "./pod-identity-role";
import { checkArnPartitions } from "./arn-props";
import { checkTags } from "./tag-props";
import { PropChecker } from "./validate-props";
import type { ClusterProps, EksCluster } from "./eks-cluster";
import { checkMemberScoping } from "./shared-role-props";
import { addStackOutputEntry } from "./stack-outputs";
import { sessionTagRead } from "../policy/session-tag-reads";

/** A tenant that may use a shared role: its service account in its namespace. */
export interface SharedRoleMember {
  /** The tenant's name. */
  readonly name: string;
  /** The member's Kubernetes namespace: a DNS-1123 label. */
  readonly namespace: string;
  /** The member's service account: a DNS-1123 subdomain. */
  readonly serviceAccount: string;
  /**
   * The member's association disables session tags (for a session policy). Only for a role whose
   * policies do not read them; the trust is then not scoped to members (docs/session-policies.md).
   * @default false
   */
  readonly disableSessionTags?: boolean;
}

export interface SharedRoleProps extends RoleSettings, ClusterProps {
  /** The tenants that may use the role; the trust allows exactly these. Must not be empty. */
  readonly members: ReadonlyArray<SharedRoleMember>;
  /** IAM role name. @default `<construct id>.<cluster name>`, cut to 64 characters with a hash when longer */
  readonly roleName?: string;
  /**
   * Grants; `${namespace}`, `${serviceAccount}` and `${cluster}` become the caller's session
   * tags (`${aws:PrincipalTag/kubernetes-namespace}` and so on). @default []
   */
  readonly grants?: ReadonlyArray<GrantInput>;
  /** Raw statements, with the same placeholders. @default [] */
  readonly statements?: ReadonlyArray<StatementInput>;
  /** Tags on the role. @default {} */
  readonly tags?: Tags;
}

/**
 * One IAM role that many tenants of a cluster share (attribute-based access control). Its
 * trust policy allows exactly its members' (namespace, service account) pairs on this cluster,
 * as session tags, in one statement per service account name (see `sharedTrustGroups`); its
 * policies tell members apart by the same tags
 * (EKS user guide, pod-id-abac), which EKS sets on every session and which pods cannot change.
 */
export class SharedRole extends GrantPrincipal {
  /** The trust document's data source; undefined when the trust policy is inline JSON. */
  readonly trustPolicy?: DataAwsIamPolicyDocument;
  readonly role: IamRole;
  readonly roleName: string;
  /** The shared role's name: the construct ID. */
  readonly name: string;
  readonly members: ReadonlyArray<SharedRoleMember>;
  /** The cluster whose members the trust admits; the role serves that cluster only. */
  readonly clusterName: string;
  readonly cluster: EksCluster;
  private readonly policyDocuments?: PolicyDocuments;
  /** The first string of the role's grants and statements that reads an EKS session tag, if any. */
  readonly sessionTagRead?: string;

  constructor(scope: Construct, id: string, props: SharedRoleProps) {
    super(scope, id);
    const { cluster } = props;
    this.name = id;
    this.clusterName = cluster.clusterName;
    const roleName = props.roleName ?? defaultRoleName(id, cluster.clusterName);
    const { permissions, sessionTagRead: tagRead } = checkSharedRoleProps(id, roleName, props);
    this.sessionTagRead = tagRead;
    this.roleName = roleName;
    this.members = [...props.members];
    ({ trustPolicy: this.trustPolicy, role: this.role } = addPodIdentityRole(this, {
      ...props,
      roleName,
      trust: sharedTrustStatements(props.members, cluster.clusterArn),
      description: `EKS Pod Identity role shared by tenants on ${cluster.clusterName}`,
      tags: props.tags,
    }));
    this.cluster = cluster;
    this.policyDocuments = props.policyDocuments;
    this.addStatements(permissionStatements({ ...props, ...permissions }, SESSION_TAG_VARIABLES).map((statement) => ({ statement })));

    addStackOutputEntry(this, "shared_roles", id, { role_arn: this.role.arn, role_name: this.role.name });
  }

  protected get owner(): string {
    return `SharedRole ${JSON.stringify(this.name)}`;
  }

  /** The members' own values, as the session tags EKS sets (EKS user guide, pod-id-abac). */
  protected get placeholders(): PlaceholderValues {
    return SESSION_TAG_VARIABLES;
  }

  protected get policySettings(): PolicySettings {
    return { role: this.role, environment: () => this.cluster.arnEnvironment, policyDocuments: this.policyDocuments };
  }

  /** Whether the member with this namespace and service account disables session tags. */
  memberDisablesSessionTags(namespace: string, serviceAccount: string): boolean {
    return this.members.some((m) => m.namespace === namespace && m.serviceAccount === serviceAccount && m.disableSessionTags === true);
  }

  hasMember(clusterName: string, namespace: string, serviceAccount: string): boolean {
    return clusterName === this.clusterName && this.members.some((m) => m.namespace === namespace && m.serviceAccount === serviceAccount);
  }
}

/** Every problem of the props at once (thrown), else the grants and statements with their defaults. */
function checkSharedRoleProps(id: string, roleName: string, props: SharedRoleProps): { permissions: { grants: Grant[]; statements: StatementConfig[] }; sessionTagRead?: string } {
  const clusterName = props.cluster.clusterName;
  const check = new PropChecker(`SharedRole ${JSON.stringify(id)}`)
    .that("members", props.members.length > 0, "must not be empty: a shared role without members could not be assumed by anyone");
  props.members.forEach((m, i) => {
    check.rule(`members[${i}].name`, rules.TENANT_NAME, m.name).rule(`members[${i}].namespace`, rules.NAMESPACE, m.namespace).rule(`members[${i}].serviceAccount`, rules.SERVICE_ACCOUNT, m.serviceAccount);
  });
  checkRoleSettings(check, roleName, props);
  checkTags(check, "tags", props.tags);
  const permissions = checkPermissionProps(check, props.grants, props.statements);
  // Only when every grant and statement parsed: the indices of the messages must be the props'.
  const allParsed = permissions.grants.length === (props.grants?.length ?? 0) && permissions.statements.length === (props.statements?.length ?? 0);
  checkArnPartitions(check, clusterName, { ...props, arnEnvironment: props.cluster.checkEnvironment, ...(allParsed ? permissions : { grants: [], statements: [] }) });
  if (allParsed) checkMemberScoping(check, id, props.members, clusterName, permissions);
  const tagRead = sessionTagRead(permissions.grants, permissions.statements);
  const untagged = props.members.filter((m) => m.disableSessionTags === true).map((m) => m.name);
  check.that("members", untagged.length === 0 || tagRead === undefined, `${untagged.join(", ")} disable session tags, but the role's policies read them (${JSON.stringify(tagRead)})`);
  check.done();
  return { permissions, sessionTagRead: tagRead };
}
