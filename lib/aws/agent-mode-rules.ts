/**
 * The agent's install modes and what each allows, written once for the tenants file
 * (agent-checks.ts) and PodIdentityAgent's props. Apart from cross-field-rules.ts because it reads
 * the chart and image tables, which the other constructs have no need to load.
 */
import { chartMissing } from "./agent-chart";
import { agentImageRegistry, valuesChooseImage } from "./agent-image";
import type { RuleProblem } from "./cross-field-rules";
import { ADDON_VERSION, CHART_VERSION, violation } from "./rules";

const ADDON_PIN = "pin the EKS add-on with a version such as v1.3.8-eksbuild.2 (aws eks describe-addon-versions --addon-name eks-pod-identity-agent)";
const CHART_PIN = "pin the eks-pod-identity-agent chart with its chart version, such as 1.2.0 (the version in its Chart.yaml)";

/** How the agent gets onto the nodes: the EKS add-on, the self-managed chart, or nothing (EKS Auto Mode). */
export type AgentInstall = "addon" | "helm" | "none";

/** The agent's settings that depend on how it is installed. */
export interface AgentModeSettings {
  readonly install: AgentInstall;
  readonly version?: string;
  readonly chart?: unknown;
  readonly configurationValues?: Readonly<Record<string, unknown>>;
  /** Left out: the image registry is not checked. */
  readonly region?: string;
}

/**
 * What each install mode allows: a chart only with helm, nothing to pin or configure with none,
 * an add-on version with addon and a chart version with helm, a chart source with helm, and with
 * helm an image registry for the region (https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html).
 * `prefix` is how the caller names the agent's own fields in a message: `agent.` in the file, empty in TypeScript.
 */
export function agentModeProblems(a: AgentModeSettings, prefix: string): RuleProblem[] {
  const { install, version, chart, configurationValues, region } = a;
  const out: RuleProblem[] = [];
  if (install !== "helm" && chart !== undefined) out.push({ path: ["chart"], message: `install: ${install} installs no chart; remove chart, or set install: helm` });
  if (install === "none") {
    const why = "install: none installs no agent (EKS Auto Mode runs its own)";
    if (version !== undefined) out.push({ path: ["version"], message: `${why}, so there is no version to pin; remove version` });
    if (configurationValues !== undefined) out.push({ path: ["configurationValues"], message: `${why}, so there is nothing to configure; remove configurationValues` });
    return out;
  }
  if (install === "addon" && version !== undefined && !ADDON_VERSION.pattern.test(version)) {
    out.push({ path: ["version"], message: CHART_VERSION.pattern.test(version) ? `${JSON.stringify(version)} is a chart version, but install is addon: ${ADDON_PIN}` : violation(ADDON_VERSION, version)! });
  }
  if (install === "helm" && version !== undefined && !CHART_VERSION.pattern.test(version)) {
    out.push({ path: ["version"], message: ADDON_VERSION.pattern.test(version) ? `${JSON.stringify(version)} is an add-on version, but install is helm: ${CHART_PIN}` : violation(CHART_VERSION, version)! });
  }
  if (install === "helm" && chart === undefined) out.push({ path: ["install"], message: chartMissing(`${prefix}chart`) });
  if (install === "helm" && region !== undefined && agentImageRegistry(region) === undefined && !valuesChooseImage(configurationValues)) {
    out.push({
      path: ["install"],
      message: `install: helm needs the agent image registry of region ${JSON.stringify(region)}, which this tool does not know; set ${prefix}configurationValues.image.containerRegistry (see https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html)`,
    });
  }
  return out;
}
