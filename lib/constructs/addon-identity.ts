import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { defaultAddonRoleName } from "../aws/role-name";
import * as rules from "../aws/rules";
import { agentAddonProblems } from "../aws/cross-field-rules";
import type { Tags } from "../policy/permission-types";
import { podIdentityTrustStatement } from "../policy/trust";
import { addPodIdentityRole, checkRoleSettings, type RoleSettings, type PodIdentityRoleParts } from "./pod-identity-role";
import { terraformJsonLiteral, terraformLiteral, terraformLiteralTags } from "../terraform/terraform-literal";
import { checkTags } from "./tag-props";
import { PropChecker } from "./validate-props";
import type { ClusterProps } from "./eks-cluster";
import { addStackOutputEntry } from "./stack-outputs";

export interface AddonIdentityProps extends RoleSettings, ClusterProps {
  /** The add-on's name, such as `aws-ebs-csi-driver`. */
  readonly addonName: string;
  /**
   * Pins the add-on version, such as `v1.26.0-eksbuild.1`.
   * @default the default version EKS picks for the cluster's Kubernetes version
   */
  readonly version?: string;
  /** The add-on's service account that gets the role, such as `ebs-csi-controller-sa`. */
  readonly serviceAccount: string;
  /**
   * IAM role name: at most 64 characters of `[\w+=,.@-]`, unique in the account ignoring case.
   * @default `addon.<addonName>.<cluster name>`, cut to 64 characters with a hash when longer
   */
  readonly roleName?: string;
  /** The add-on's `configuration_values`, written as JSON. @default none */
  readonly configurationValues?: Readonly<Record<string, unknown>>;
  /** Tags on the role and the add-on. @default {} */
  readonly tags?: Tags;
  /**
   * What the add-on waits for, usually the Pod Identity agent: an add-on pod that starts before
   * the agent gets no credentials until it restarts.
   * @default []
   */
  readonly dependsOn?: ReadonlyArray<ITerraformDependable>;
}

/**
 * An EKS add-on whose service account gets its own IAM role: the role with the Pod Identity
 * trust and its policies, and the `aws_eks_addon` whose `pod_identity_association` block binds
 * the role to the add-on's service account. EKS owns that association (it goes with the add-on),
 * so there is no separate `aws_eks_pod_identity_association`: it would be a second one for the
 * same service account, which EKS refuses (EKS user guide, add-ons-iam).
 */
export class AddonIdentity extends Construct {
  /** The trust document's data source; undefined when the trust policy is inline JSON. */
  readonly trustPolicy?: DataAwsIamPolicyDocument;
  readonly role: IamRole;
  readonly addon: EksAddon;
  /** The role's name, as given or derived. */
  readonly roleName: string;

  constructor(scope: Construct, id: string, props: AddonIdentityProps) {
    super(scope, id);
    const { clusterName } = props.cluster;
    const roleName = props.roleName ?? defaultAddonRoleName(props.addonName, clusterName);
    const check = new PropChecker(`AddonIdentity ${JSON.stringify(id)}`)
      .rule("addonName", rules.ADDON_NAME, props.addonName)
      .shared(agentAddonProblems(props.addonName, ["addonName"], "PodIdentityAgent"))
      .rule("version", rules.ADDON_VERSION, props.version, true)
      .rule("serviceAccount", rules.SERVICE_ACCOUNT, props.serviceAccount);
    checkRoleSettings(check, roleName, props);
    checkTags(check, "tags", props.tags);
    check.done();

    this.roleName = roleName;
    const tags = terraformLiteralTags(props.tags);

    let attachments: PodIdentityRoleParts["attachments"];
    ({ trustPolicy: this.trustPolicy, role: this.role, attachments } = addPodIdentityRole(this, {
      ...props,
      roleName,
      trust: [podIdentityTrustStatement()],
      description: `EKS Pod Identity role for the ${props.addonName} add-on (${props.serviceAccount}) on ${clusterName}`,
      tags: props.tags,
    }));

    // The add-on waits for its policies too, so that its pods never start with a bare role.
    const dependsOn = [...(props.dependsOn ?? []), ...attachments];
    this.addon = new EksAddon(this, "addon", {
      clusterName: terraformLiteral(clusterName),
      addonName: terraformLiteral(props.addonName),
      addonVersion: terraformLiteral(props.version),
      podIdentityAssociation: [{ roleArn: this.role.arn, serviceAccount: terraformLiteral(props.serviceAccount) }],
      // As for the agent: take over a self-managed copy on create (vpc-cni runs on every
      // cluster before it becomes an add-on), and keep this stack the one owner on update.
      // CreateAddon/UpdateAddon resolveConflicts, EKS API reference.
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      configurationValues: props.configurationValues ? terraformJsonLiteral(props.configurationValues) : undefined,
      tags,
      dependsOn: dependsOn.length > 0 ? dependsOn : undefined,
    });

    addStackOutputEntry(this, "addons", props.addonName, { role_arn: this.role.arn, role_name: this.role.name });
  }
}
