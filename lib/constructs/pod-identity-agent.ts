import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import * as rules from "../config/rules";
import type { Tags } from "../config/schema";
import { PropChecker } from "./validate-props";

export const AGENT_ADDON_NAME = "eks-pod-identity-agent";

export interface PodIdentityAgentProps {
  /** Name of the existing EKS cluster. */
  readonly clusterName: string;
  /**
   * Pins the add-on version, such as `v1.3.8-eksbuild.2`.
   * @default the most recent version for `kubernetesVersion`, looked up with `data.aws_eks_addon_version`
   */
  readonly version?: string;
  /**
   * The cluster's Kubernetes version, for the version look-up; usually `data.aws_eks_cluster`'s
   * `version`. Required when `version` is left out.
   */
  readonly kubernetesVersion?: string;
  /** Tags on the add-on. @default {} */
  readonly tags?: Tags;
}

/**
 * The `eks-pod-identity-agent` EKS add-on: the DaemonSet that hands pods their role's
 * credentials. One per cluster. Associations should depend on `dependable`, so that a fresh
 * cluster runs the agent before any pod asks for credentials.
 */
export class PodIdentityAgent extends Construct {
  readonly addon: EksAddon;

  constructor(scope: Construct, id: string, props: PodIdentityAgentProps) {
    super(scope, id);
    new PropChecker(`PodIdentityAgent ${JSON.stringify(id)}`)
      .rule("clusterName", rules.CLUSTER_NAME, props.clusterName)
      .rule("version", rules.ADDON_VERSION, props.version, true)
      .that("kubernetesVersion", props.version !== undefined || props.kubernetesVersion !== undefined, "is required when version is left out, to look up the most recent add-on version")
      .done();

    const version =
      props.version ??
      new DataAwsEksAddonVersion(this, "latest", { addonName: AGENT_ADDON_NAME, kubernetesVersion: props.kubernetesVersion!, mostRecent: true }).version;

    this.addon = new EksAddon(this, "addon", {
      clusterName: props.clusterName,
      addonName: AGENT_ADDON_NAME,
      addonVersion: version,
      // OVERWRITE takes over an agent that was installed by hand or by eksctl instead of
      // failing on its fields; this stack is then the agent's one owner.
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      tags: props.tags && Object.keys(props.tags).length > 0 ? { ...props.tags } : undefined,
    });
  }

  /** What associations and service accounts wait for. */
  get dependable(): ITerraformDependable {
    return this.addon;
  }
}
