/**
 * Checks on clusters[].agent that depend on the install mode: what `version` means, where the
 * self-managed chart comes from, and what it needs to pull its image.
 */
import { chartSourceProblems } from "../aws/agent-chart";
import { agentModeProblems } from "../aws/agent-mode-rules";
import { error, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { CHART_VERSION } from "../aws/rules";

export const agentModes: Check = (c) =>
  c.clusters.flatMap((cluster, i) => {
    const { install, version, configurationValues, chart } = cluster.agent;
    const at = (...key: Array<string | number>) => ["clusters", i, "agent", ...key];
    const out: Finding[] = agentModeProblems({ install, version, chart, configurationValues, region: cluster.region }, "agent.").map((p) => error(at(...p.path), p.message));
    if (install === "helm" && chart !== undefined && (version === undefined || CHART_VERSION.pattern.test(version))) {
      for (const p of chartSourceProblems(chart, version)) out.push(error(p.key === "chart" ? at("chart") : p.key === "version" ? at("version") : at("chart", p.key), p.message));
    }
    return out;
  });
