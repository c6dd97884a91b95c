/** TenantIdentity's prop checks: the tenants file's rules, run on the props of one construct. */
import { Token } from "cdktf";
import { arnPartitionProblem } from "../aws/arn-rules";
import { scopedTrustWithoutSessionTags, sharedRoleMemberProblems } from "../aws/cross-field-rules";
import { OIDC_PROVIDER_ARN } from "../aws/oidc-provider";
import * as rules from "../aws/rules";
import { serviceAccountCreationProblem } from "../kubernetes/kubernetes-objects";
import type { Grant, StatementConfig } from "../policy/permission-types";
import type { PolicyStatement } from "../policy/statement";
import { checkArnPartitions } from "./arn-props";
import { checkPermissionProps } from "./permission-props";
import { checkRoleSettings } from "./pod-identity-role";
import { checkServiceAccountMetadata } from "./service-account-metadata";
import { checkSessionPolicy } from "./session-policy";
import type { SharedRole } from "./shared-role";
import { checkTags } from "./tag-props";
import type { TenantIdentityProps } from "./tenant-identity-props";
import { PropChecker } from "./validate-props";

/**
 * Every problem of the props at once (thrown), else the grants and statements with their
 * defaults, and the session policy's statements when it has one.
 */
export function checkTenantProps(
  owner: string,
  roleName: string,
  props: TenantIdentityProps,
): { permissions: { grants: Grant[]; statements: StatementConfig[] }; sessionStatements?: PolicyStatement[] } {
  const check = new PropChecker(owner);
  const { cluster } = props;
  check.rule("namespace", rules.NAMESPACE, props.namespace).rule("serviceAccount", rules.SERVICE_ACCOUNT, props.serviceAccount);
  if (!props.sharedRole) checkRoleSettings(check, roleName, props);
  check.rule("targetRoleArn", rules.ROLE_ARN, props.targetRoleArn, true);
  check.shared(scopedTrustWithoutSessionTags(props.scopeTrustToServiceAccount, props.disableSessionTags ?? false, ["scopeTrustToServiceAccount"]));
  if (props.sharedRole) checkSharedRoleMember(check, props.sharedRole, props);
  const ownedBySomeoneElse = (props.createServiceAccount ?? true) ? serviceAccountCreationProblem(props.namespace, props.serviceAccount) : undefined;
  check.that("serviceAccount", ownedBySomeoneElse === undefined, ownedBySomeoneElse ?? "");
  checkServiceAccountMetadata(check, props);
  if (props.irsa) {
    check.rule("irsa.oidcProviderArn", OIDC_PROVIDER_ARN, props.irsa.oidcProviderArn);
    const region = cluster.region;
    const partition = !Token.isUnresolved(region) ? arnPartitionProblem(props.irsa.oidcProviderArn, { name: cluster.clusterName, region }) : undefined;
    check.that("irsa.oidcProviderArn", partition === undefined, partition ?? "");
  }
  checkTags(check, "tags", props.tags);
  const permissions = checkPermissionProps(check, props.grants, props.statements);
  // Only when every grant and statement parsed: the indices of the messages must be the props'.
  const allParsed = permissions.grants.length === (props.grants?.length ?? 0) && permissions.statements.length === (props.statements?.length ?? 0);
  checkArnPartitions(check, cluster.clusterName, { ...props, arnEnvironment: cluster.checkEnvironment, ...(allParsed ? permissions : { grants: [], statements: [] }) });
  const sessionStatements = checkSessionPolicy(check, props.sessionPolicy, {
    disableSessionTags: props.disableSessionTags ?? false,
    values: { namespace: props.namespace, serviceAccount: props.serviceAccount, cluster: cluster.clusterName },
    region: Token.isUnresolved(cluster.region) ? undefined : cluster.region,
    sharedRole: props.sharedRole ? { name: props.sharedRole.name, sessionTagRead: props.sharedRole.sessionTagRead } : undefined,
  });
  check.done();
  return { permissions, sessionStatements };
}

/** The props a member of a shared role leaves to the role. */
const ROLE_PROPS = ["roleName", "rolePath", "permissionsBoundaryArn", "maxSessionDuration", "targetRoleArn", "scopeTrustToServiceAccount", "irsa"] as const;

/** A member of a shared role brings no role settings of its own, and must be listed by the role. */
function checkSharedRoleMember(check: PropChecker, shared: SharedRole, props: TenantIdentityProps): void {
  const set: string[] = ROLE_PROPS.filter((k) => props[k] !== undefined);
  for (const k of ["managedPolicyArns", "grants", "statements"] as const) if ((props[k]?.length ?? 0) > 0) set.push(k);
  check.shared(sharedRoleMemberProblems(shared.name, set, props.disableSessionTags ?? false, shared.sessionTagRead !== undefined));
  const clusterName = props.cluster.clusterName;
  check.that(
    "disableSessionTags",
    !shared.hasMember(clusterName, props.namespace, props.serviceAccount) || shared.memberDisablesSessionTags(props.namespace, props.serviceAccount) === (props.disableSessionTags ?? false),
    `must be the same as in shared role ${JSON.stringify(shared.name)}'s members entry for ${props.namespace}/${props.serviceAccount}, whose trust policy is written for it`,
  );
  check.that(
    "sharedRole",
    shared.hasMember(clusterName, props.namespace, props.serviceAccount),
    `shared role ${JSON.stringify(shared.name)} does not list ${props.namespace}/${props.serviceAccount} on cluster ${JSON.stringify(clusterName)} among its members, so its trust policy would refuse this association`,
  );
}
