/**
 * Checks on clusters[].agent that depend on the install mode: what `version` means, where the
 * self-managed chart comes from, and what it needs to pull its image.
 */
import { chartMissing, chartSourceProblems } from "./agent-chart";
import { agentImageRegistry, valuesChooseImage } from "./agent-image";
import type { Check } from "./problems";
import { error, type Finding } from "./problems";
import { ADDON_VERSION, CHART_VERSION } from "./rules";

const ADDON_PIN = "pin the EKS add-on with a version such as v1.3.8-eksbuild.2 (aws eks describe-addon-versions --addon-name eks-pod-identity-agent)";
const CHART_PIN = "pin the eks-pod-identity-agent chart with its chart version, such as 1.2.0 (the version in its Chart.yaml)";

export const agentModes: Check = (c) =>
  c.clusters.flatMap((cluster, i) => {
    const { install, version, configurationValues, chart } = cluster.agent;
    const at = (...key: string[]) => ["clusters", i, "agent", ...key];
    const out: Finding[] = [];
    if (install !== "helm" && chart !== undefined) {
      out.push(error(at("chart"), `install: ${install} installs no chart; remove chart, or set install: helm`));
    }
    if (install === "none") {
      const why = "install: none installs no agent (EKS Auto Mode runs its own)";
      if (version !== undefined) out.push(error(at("version"), `${why}, so there is no version to pin; remove version`));
      if (configurationValues !== undefined) out.push(error(at("configurationValues"), `${why}, so there is nothing to configure; remove configurationValues`));
      return out;
    }
    if (install === "addon" && version !== undefined && !ADDON_VERSION.pattern.test(version)) {
      out.push(error(at("version"), `${JSON.stringify(version)} is a chart version, but install is addon: ${ADDON_PIN}`));
    }
    if (install === "helm" && version !== undefined && !CHART_VERSION.pattern.test(version)) {
      out.push(error(at("version"), `${JSON.stringify(version)} is an add-on version, but install is helm: ${CHART_PIN}`));
    }
    if (install === "helm" && chart === undefined) out.push(error(at("install"), chartMissing("agent.chart")));
    if (install === "helm" && chart !== undefined && (version === undefined || CHART_VERSION.pattern.test(version))) {
      for (const p of chartSourceProblems(chart, version)) out.push(error(p.key === "chart" ? at("chart") : p.key === "version" ? at("version") : at("chart", p.key), p.message));
    }
    if (install === "helm" && agentImageRegistry(cluster.region) === undefined && !valuesChooseImage(configurationValues)) {
      out.push(
        error(
          at("install"),
          `install: helm needs the agent image registry of region ${JSON.stringify(cluster.region)}, which this tool does not know; set agent.configurationValues.image.containerRegistry (see https://docs.aws.amazon.com/eks/latest/userguide/add-ons-images.html)`,
        ),
      );
    }
    return out;
  });
