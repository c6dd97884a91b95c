import { DataAwsEksAddonVersion } from "@cdktf/provider-aws/lib/data-aws-eks-addon-version";
import { EksAddon } from "@cdktf/provider-aws/lib/eks-addon";
import type { Release } from "../bindings/helm/release";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { AGENT_CHART_NAME, CHART_NAME, CHART_PATH, CHART_REPOSITORY, chartSourceProblems, releaseChart, type AgentChartSource } from "../aws/agent-chart";
import { agentImageRegistry, valuesChooseImage } from "../aws/agent-image";
import { agentModeProblems } from "../aws/agent-mode-rules";
import type { Tags } from "../policy/permission-types";
import type { AgentInstall } from "../aws/agent-mode-rules";
import { terraformJsonLiteral, terraformLiteral, terraformLiteralTags } from "../terraform/terraform-literal";
import { checkTags } from "./tag-props";
import { PropChecker } from "./validate-props";
import type { ClusterProps } from "./eks-cluster";

export const AGENT_ADDON_NAME = "eks-pod-identity-agent";
export { AGENT_CHART_NAME };

/** The props with the cluster's name, region and Kubernetes version filled in. */
type ResolvedAgentProps = PodIdentityAgentProps & { readonly clusterName: string; readonly region: string; readonly kubernetesVersion: string };

export interface PodIdentityAgentProps extends ClusterProps {
  /**
   * How the agent gets onto the nodes: `addon` (the EKS add-on), `helm` (the self-managed chart;
   * the stack needs a `helm` provider), or `none` (EKS Auto Mode runs the agent itself, so
   * nothing is created).
   * @default "addon"
   */
  readonly install?: AgentInstall;
  /**
   * Pins the agent: an add-on version such as `v1.3.8-eksbuild.2` with `addon`, a chart version
   * such as `1.2.0` with `helm` (with a chart `path`, it must be the folder's own version).
   * Not allowed with `none`.
   * @default addon: the most recent version for `kubernetesVersion` (`data.aws_eks_addon_version`); helm: the latest chart in the repository
   */
  readonly version?: string;
  /**
   * Where the chart comes from; required with `helm`. The chart is published to no Helm
   * repository (https://aws.github.io/eks-charts does not serve it): give `path`, the
   * charts/eks-pod-identity-agent folder of a clone of aws/eks-pod-identity-agent, or
   * `repository` (and `name`), a Helm or OCI repository the chart was published to.
   * @default none
   */
  readonly chart?: AgentChartSource;
  /**
   * The cluster's Kubernetes version, for the add-on version look-up when `version` is left out.
   * @default the cluster's (`data.aws_eks_cluster`'s `version`)
   */
  readonly kubernetesVersion?: string;
  /**
   * Agent settings: the add-on's `configuration_values` with `addon`, extra chart values with
   * `helm`. Both accept `{ agent: { additionalArgs: { "-b": "169.254.170.23" } } }`, which binds
   * the agent to IPv4 only, for nodes without IPv6.
   * @default none
   */
  readonly configurationValues?: Readonly<Record<string, unknown>>;
  /** Tags on the add-on (`addon` only). @default {} */
  readonly tags?: Tags;
}

/**
 * The `eks-pod-identity-agent` DaemonSet that hands pods their role's credentials, once per
 * cluster: the EKS add-on, the self-managed Helm chart, or nothing on EKS Auto Mode.
 * Associations and service accounts should depend on `dependable` (when there is one), so that
 * a fresh cluster runs the agent before any pod asks for credentials.
 */
export class PodIdentityAgent extends Construct {
  readonly install: AgentInstall;
  /** Present with `install: addon`. */
  readonly addon?: EksAddon;
  /** Present with `install: helm`. */
  readonly release?: Release;

  constructor(scope: Construct, id: string, input: PodIdentityAgentProps) {
    super(scope, id);
    const { cluster } = input;
    const props: ResolvedAgentProps = { ...input, clusterName: cluster.clusterName, region: cluster.region, kubernetesVersion: input.kubernetesVersion ?? cluster.version };
    const install = props.install ?? "addon";
    this.install = install;
    const check = new PropChecker(`PodIdentityAgent ${JSON.stringify(id)}`);
    check.shared(agentModeProblems({ install, version: props.version, chart: props.chart, configurationValues: props.configurationValues, region: props.region }, ""));
    if (install === "helm") {
      check
        .rule("chart.path", CHART_PATH, props.chart?.path, true)
        .rule("chart.repository", CHART_REPOSITORY, props.chart?.repository, true)
        .rule("chart.name", CHART_NAME, props.chart?.name, true);
      const forms = [CHART_PATH.pattern.test(props.chart?.path ?? "/"), CHART_REPOSITORY.pattern.test(props.chart?.repository ?? "oci://x")];
      if (props.chart !== undefined && forms.every(Boolean)) {
        for (const p of chartSourceProblems(props.chart, props.version)) check.that(p.key === "chart" || p.key === "version" ? p.key : `chart.${p.key}`, false, p.message);
      }
    }
    checkTags(check, "tags", props.tags);
    check.done();

    if (install === "addon") this.addon = this.addAddon(props);
    if (install === "helm") this.release = this.addRelease(props);
  }

  /** What associations and service accounts wait for; undefined with `install: none`. */
  get dependable(): ITerraformDependable | undefined {
    return this.addon ?? this.release;
  }

  private addAddon(props: ResolvedAgentProps): EksAddon {
    const version =
      props.version ??
      new DataAwsEksAddonVersion(this, "latest", { addonName: AGENT_ADDON_NAME, kubernetesVersion: props.kubernetesVersion, mostRecent: true }).version;

    return new EksAddon(this, "addon", {
      clusterName: terraformLiteral(props.clusterName),
      addonName: AGENT_ADDON_NAME,
      addonVersion: terraformLiteral(version),
      // On create, OVERWRITE takes over an agent installed by hand or by eksctl: EKS replaces its
      // differing fields with add-on defaults, where NONE may fail the create (CreateAddon
      // resolveConflicts). On update, OVERWRITE again rather than PRESERVE: this stack is the
      // agent's one owner, so its settings are configurationValues here, and hand edits made
      // since are reverted instead of kept (UpdateAddon resolveConflicts). Updates only happen
      // when the version or configurationValues change (terraform-provider-aws eks/addon.go).
      resolveConflictsOnCreate: "OVERWRITE",
      resolveConflictsOnUpdate: "OVERWRITE",
      configurationValues: props.configurationValues ? terraformJsonLiteral(props.configurationValues) : undefined,
      tags: terraformLiteralTags(props.tags),
    });
  }

  private addRelease(props: ResolvedAgentProps): Release {
    const region = props.region;
    // Value keys from the chart's values.yaml: `clusterName` becomes the agent's --cluster-name
    // and `env` entries become container variables; the README's EKS_CLUSTER_NAME and
    // AWS_REGION_NAME are the placeholder values of these keys. Typed as strings, so that an
    // all-digit cluster name stays a string.
    const set = [
      { name: "clusterName", value: terraformLiteral(props.clusterName), type: "string" },
      { name: "env.AWS_REGION", value: terraformLiteral(region), type: "string" },
    ];
    // The chart's default registry is us-west-2's; elsewhere pull from the region's own.
    const registry = agentImageRegistry(region);
    if (registry !== undefined && !valuesChooseImage(props.configurationValues)) {
      set.push({ name: "image.containerRegistry", value: registry, type: "string" });
    }
    // Loaded only in helm mode: most clusters use the add-on, and start-up pays for every module.
    const { Release } = require("../bindings/helm/release") as typeof import("../bindings/helm/release");
    const source = releaseChart(props.chart!);
    return new Release(this, "release", {
      name: AGENT_CHART_NAME,
      repository: source.repository,
      chart: source.chart,
      // A chart folder is one version; its Chart.yaml was checked against a pin above.
      version: source.pinnable ? props.version : undefined,
      namespace: "kube-system",
      // JSON is YAML, so the values go in as written; `set` wins over them for the keys above.
      values: props.configurationValues ? [terraformJsonLiteral(props.configurationValues)] : undefined,
      set,
      // Wait for the DaemonSet to be ready, so that what depends on the agent really has it.
      wait: true,
    });
  }
}
