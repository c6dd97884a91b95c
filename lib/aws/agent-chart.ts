/**
 * Where the self-managed agent's Helm chart comes from (clusters[].agent.chart, install: helm).
 *
 * The chart lives only in the aws/eks-pod-identity-agent repository, in
 * charts/eks-pod-identity-agent (https://github.com/aws/eks-pod-identity-agent/tree/v0.1.37/charts/eks-pod-identity-agent;
 * at tag v0.1.37 its Chart.yaml says name eks-pod-identity-agent, version 1.2.0), and its README
 * installs it from a clone. It is published to no Helm repository: https://aws.github.io/eks-charts
 * does not serve it. So the file names the source, and a stack never points at a default that
 * cannot serve the chart:
 * - `path`: the chart folder of a clone, on the machine that runs terraform;
 * - `repository` (and `name`): a Helm repository (`https://…`) or an OCI registry (`oci://…`)
 *   the chart was published to, such as the account's own ECR
 *   (https://docs.aws.amazon.com/AmazonECR/latest/userguide/push-oci-artifact.html).
 * The helm_release arguments follow the Helm provider's documentation: `chart` is a local path,
 * or a chart name with `repository` a repository URL or an OCI registry
 * (https://registry.terraform.io/providers/hashicorp/helm/latest/docs/resources/release).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Rule } from "./rules";

export const AGENT_CHART_NAME = "eks-pod-identity-agent";
export const AGENT_CHART_HOME = "https://github.com/aws/eks-pod-identity-agent/tree/main/charts/eks-pod-identity-agent";

/** Chart sources known not to serve the agent's chart, with why. */
const NOT_SERVING: ReadonlyArray<{ url: RegExp; why: string }> = [
  { url: /^https?:\/\/aws\.github\.io\/eks-charts\/?$/i, why: "the eks-charts repository does not serve the eks-pod-identity-agent chart" },
];

export interface AgentChartSource {
  /** A Helm repository (`https://…`) or OCI registry (`oci://…`) that serves the chart. */
  readonly repository?: string;
  /** The chart's name in `repository`. @default "eks-pod-identity-agent" */
  readonly name?: string;
  /** Absolute path of the chart folder (a clone's charts/eks-pod-identity-agent). */
  readonly path?: string;
}

// Helm repository URLs are http(s); OCI registries are oci://host/path (Helm docs, "Use OCI-based registries").
export const CHART_REPOSITORY: Rule = {
  what: "a Helm chart repository",
  allowed: "an https:// Helm repository URL or an oci:// registry path, such as oci://111122223333.dkr.ecr.us-east-1.amazonaws.com/charts",
  pattern: /^(https?|oci):\/\/[^\s/]+(\/[^\s]*)?$/,
};
// Chart names: lower-case letters, digits and dashes (Helm docs, best practices: "Chart names").
export const CHART_NAME: Rule = {
  what: "a Helm chart name",
  allowed: "lower-case letters, digits and '-', starting with a letter, such as eks-pod-identity-agent",
  pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
};
// Absolute, because terraform runs in the stack's output folder, not beside the tenants file.
export const CHART_PATH: Rule = {
  what: "an absolute path",
  allowed: `the absolute path of a chart folder, such as /src/eks-pod-identity-agent/charts/${AGENT_CHART_NAME}`,
  pattern: /^\/.*$/,
};

/** What `helm_release` gets: `repository` and `chart`, and whether `version` applies. */
export function releaseChart(source: AgentChartSource): { repository?: string; chart: string; pinnable: boolean } {
  if (source.path !== undefined) return { chart: source.path, pinnable: false };
  return { repository: source.repository, chart: source.name ?? AGENT_CHART_NAME, pinnable: true };
}

export interface ChartProblem {
  /** The key of agent.chart the problem is about, or `chart` for the object itself, or `version`. */
  readonly key: "chart" | "repository" | "name" | "path" | "version";
  readonly message: string;
}

/** Why install: helm needs a chart source; `key` is how the caller names it (agent.chart in the file, chart in TypeScript). */
export const chartMissing = (key: string) => `install: helm needs ${key}, the chart's location: the ${AGENT_CHART_NAME} chart is published to no Helm repository (https://aws.github.io/eks-charts does not serve it); set chart.path to the charts/${AGENT_CHART_NAME} folder of a clone of https://github.com/aws/eks-pod-identity-agent, or chart.repository to a Helm or OCI repository you published it to`;

/**
 * Problems with a chart source: both or neither of path and repository, a source known not to
 * serve the chart, and a local folder that is missing or holds another chart or version. The
 * folder is read, so that a wrong path shows at validate time rather than at deploy time.
 */
export function chartSourceProblems(source: AgentChartSource, version: string | undefined): ChartProblem[] {
  const out: ChartProblem[] = [];
  if (source.path !== undefined && source.repository !== undefined) {
    out.push({ key: "chart", message: "give either path (a chart folder) or repository (a Helm or OCI repository), not both" });
    return out;
  }
  if (source.path === undefined && source.repository === undefined) {
    out.push({ key: "chart", message: `give path (the charts/${AGENT_CHART_NAME} folder of a clone of https://github.com/aws/eks-pod-identity-agent) or repository (a Helm or OCI repository that serves the chart)` });
    return out;
  }
  if (source.repository !== undefined) {
    const bad = NOT_SERVING.find((n) => n.url.test(source.repository!));
    if (bad) out.push({ key: "repository", message: `${JSON.stringify(source.repository)} cannot be used: ${bad.why}; the chart is published to no Helm repository, so use chart.path (a clone's charts/${AGENT_CHART_NAME} folder) or a repository you published it to` });
    return out;
  }
  const path = source.path!;
  if (source.name !== undefined) out.push({ key: "name", message: "the chart folder's Chart.yaml names the chart; remove name, which goes with repository" });
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    out.push({ key: "path", message: `${JSON.stringify(path)} is not a folder on this machine; give the charts/${AGENT_CHART_NAME} folder of a clone of https://github.com/aws/eks-pod-identity-agent` });
    return out;
  }
  const chartFile = join(path, "Chart.yaml");
  if (!existsSync(chartFile)) {
    out.push({ key: "path", message: `${JSON.stringify(path)} holds no Chart.yaml, so it is not a Helm chart; give the charts/${AGENT_CHART_NAME} folder of a clone of https://github.com/aws/eks-pod-identity-agent` });
    return out;
  }
  let chart: { name?: unknown; version?: unknown };
  try {
    chart = (parse(readFileSync(chartFile, "utf8")) ?? {}) as { name?: unknown; version?: unknown };
  } catch (e) {
    out.push({ key: "path", message: `${JSON.stringify(chartFile)} is not valid YAML (${(e as Error).message.split("\n")[0]})` });
    return out;
  }
  if (chart.name !== AGENT_CHART_NAME) {
    out.push({ key: "path", message: `${JSON.stringify(chartFile)} is the chart ${JSON.stringify(chart.name)}, not ${AGENT_CHART_NAME}; give the charts/${AGENT_CHART_NAME} folder of a clone of https://github.com/aws/eks-pod-identity-agent` });
  } else if (version !== undefined && String(chart.version) !== version) {
    out.push({ key: "version", message: `${JSON.stringify(version)} is not the version of the chart at chart.path (${JSON.stringify(chartFile)} says ${JSON.stringify(chart.version)}); a chart folder fixes its version, so remove version or check out the tag that has ${version}` });
  }
  return out;
}
