/**
 * `npm run stacks -- [--format text|json] [--max-calls <n>] [tenants file]`: the stacks the file
 * makes, what each depends on, and what refreshing each costs (plan-cost.ts). The JSON is meant
 * for a CI matrix (examples/ci/plan-stacks.yml): one job per stack, each planning its own state.
 *
 * The stacks are built in memory, as synth builds them, and nothing is written.
 */
import { App, type TerraformStack } from "cdktf";
import { join } from "node:path";
import { loadOrReport } from "./cli";
import { parseOrReport } from "./args";
import type { Config } from "../schema/schema";
import { planStacks, workspaceName } from "../plan/stack-plan";
import { DEFAULT_OUTDIR, readCdktfJson } from "./synth";
import { checkMoves, moveLines } from "./move-check";
import { DEFAULT_MAX_REFRESH_CALLS, planCost, suggestedGroups, type PlanCost, type StackJson } from "../plan/plan-cost";
import { baseStackObjects, DEFAULT_PLAN_CPU_BUDGET_S, estimatePlan, tenantsObjects } from "../plan/plan-time";
import { planSizeMessage } from "../checks/plan-size-checks";

/** Builds the stacks of a file into `app`, as synth does: stacks/build-stacks.ts, passed in by bin/stacks.ts. */
export type StackBuilder = (app: App, config: Config) => ReadonlyArray<TerraformStack>;

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (line: string) => void;
}

export interface StackInfo extends PlanCost {
  readonly name: string;
  readonly cluster: string;
  /** null for a cluster's base stack. */
  readonly group: string | null;
  /** Stacks to apply first. */
  readonly dependsOn: string[];
  /** Where `npm run synth` writes the stack, relative to the project. */
  readonly directory: string;
  /** The HCP Terraform workspace, with state.cloud. */
  readonly workspace: string | null;
  readonly tenants: number;
  /** Set when refreshCalls is above the threshold. */
  readonly warning: string | null;
  /** CPU seconds and peak MiB of the stack's plan, from the per-object costs `npm run bench:plan` measured (lib/plan/plan-time.ts). */
  readonly planCpuSeconds: number;
  readonly planPeakRssMiB: number;
  /** Set when planCpuSeconds is above the budget: the estimate and a split into stack groups. */
  readonly planWarning: string | null;
}

export const STACKS_USAGE = [
  "usage: npm run stacks -- [--format text|json] [--max-calls <n>] [--max-plan-cpu <seconds>] [--base <older file>] [tenants file | --file <tenants file>]",
  "",
  "Lists the stacks the tenants file (default: TENANTS_FILE, else tenants.yaml) synthesizes: one",
  "per cluster, and one per stack group of a cluster (tenants[].stack), with the stacks each",
  "depends on, its resources and the API calls a plan makes to refresh them. Writes nothing.",
  "  --format text     a table on stdout (default)",
  "  --format json     {maxRefreshCalls, stacks: [{name, cluster, group, dependsOn, directory,",
  "                    workspace, tenants, resources, dataSources, refreshCalls, iamCalls, warning,",
  "                    planCpuSeconds, planPeakRssMiB, planWarning}]}",
  `  --max-calls <n>   warn about stacks above n estimated refresh calls (default ${DEFAULT_MAX_REFRESH_CALLS})`,
  `  --max-plan-cpu <s>  warn about stacks whose plan is estimated above s CPU seconds, with a split`,
  `                    into stack groups (default: the file's planBudget.cpuSeconds, else ${DEFAULT_PLAN_CPU_BUDGET_S})`,
  "  --base <file>     the tenants file as deployed: lists the tenants and namespaces that moved to",
  "                    another stack since (json: moves: [{kind, name, cluster, from, to, recorded}]),",
  "                    and fails on a move that imports/<cluster>.json does not record",
  "  -h, --help        this text",
  "Exit codes: 0 listed (warnings allowed); 1 the file is invalid, or a move is not recorded; 2 usage.",
  "",
].join("\n");

/** The stacks of a validated file, in synth order: each cluster's base stack, then its groups. */
export function describeStacks(config: Config, build: StackBuilder, options: { outdir?: string; maxCalls?: number; maxPlanCpu?: number } = {}): StackInfo[] {
  const outdir = options.outdir ?? DEFAULT_OUTDIR;
  const max = options.maxCalls ?? DEFAULT_MAX_REFRESH_CALLS;
  const budget = options.maxPlanCpu ?? config.planBudget?.cpuSeconds ?? DEFAULT_PLAN_CPU_BUDGET_S;
  // An App that is never synthesized writes nothing.
  const app = new App({ skipValidation: true });
  // toTerraform() is the stack's JSON as synth writes it, without writing it (this app uses no
  // aspects). Not Testing.synth: its metadata removal copies each object once per key, which
  // takes minutes for a stack of thousands of tenants.
  const json = new Map(build(app, config).map((s) => [s.node.id, s.toTerraform() as StackJson]));
  const cloud = config.state?.cloud;
  return planStacks(config).flatMap(({ base, groups }) =>
    [
      { name: base.cluster.name, cluster: base.cluster.name, group: null, dependsOn: [], tenants: base.tenants.length, plan: { name: base.cluster.name, tenants: base.tenants, movable: base.tenants.filter((t) => t.tenant.sharedRole === undefined) }, estimate: estimatePlan(baseStackObjects(base), config.defaults.policyDocuments) },
      ...groups.map((g) => ({ name: g.stackName, cluster: g.cluster.name, group: g.group, dependsOn: [base.cluster.name], tenants: g.tenants.length, plan: { name: g.stackName, tenants: g.tenants, movable: g.tenants, group: g.group }, estimate: estimatePlan(tenantsObjects(g.tenants), config.defaults.policyDocuments) })),
    ].map(({ plan, estimate, ...s }) => {
      const cost = planCost(json.get(s.name)!);
      const warning =
        cost.refreshCalls > max
          ? `stack ${JSON.stringify(s.name)}: a plan refreshes ${cost.resources} resources with an estimated ${cost.refreshCalls} API calls (${cost.iamCalls} to IAM), above ${max}; split its ${s.tenants} tenants into about ${suggestedGroups(cost.refreshCalls, max)} stack groups with tenants[].stack`
          : null;
      const planWarning = planSizeMessage(plan, estimate, budget, config.defaults.policyDocuments) ?? null;
      const figures = { planCpuSeconds: Math.round(estimate.cpuSeconds), planPeakRssMiB: Math.round(estimate.peakRssMiB), planWarning };
      return { ...s, directory: join(outdir, "stacks", s.name), workspace: cloud ? workspaceName(cloud, s.name) : null, ...cost, warning, ...figures };
    }),
  );
}

function table(stacks: ReadonlyArray<StackInfo>): string {
  const rows = [
    ["STACK", "DEPENDS ON", "TENANTS", "RESOURCES", "REFRESH CALLS", "IAM CALLS", "PLAN CPU S"],
    ...stacks.map((s) => [s.name, s.dependsOn.join(",") || "-", String(s.tenants), String(s.resources), String(s.refreshCalls), String(s.iamCalls), String(s.planCpuSeconds)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd()).join("\n") + "\n";
}

export async function runStacks(args: ReadonlyArray<string>, defaultFile: string, io: Io, build: StackBuilder): Promise<number> {
  const options = {
    format: { type: "string", oneOf: ["text", "json"] },
    "max-calls": { type: "string", wholeNumber: "a whole number of at least 1" },
    "max-plan-cpu": { type: "string", wholeNumber: "a whole number of seconds, at least 1" },
    base: { type: "string", needs: "the older tenants file" },
  } as const;
  const parsed = parseOrReport({ usage: STACKS_USAGE.split("\n")[0]!, help: STACKS_USAGE, positionals: "file", options }, args, { TENANTS_FILE: defaultFile }, io);
  if (typeof parsed === "number") return parsed;
  const number = (v: string | boolean | undefined) => (v === undefined ? undefined : Number(v));
  const maxCalls = number(parsed.values["max-calls"]) ?? DEFAULT_MAX_REFRESH_CALLS;
  const maxPlanCpu = number(parsed.values["max-plan-cpu"]);
  const format = (parsed.values.format ?? "text") as "text" | "json";
  const base = parsed.values.base as string | undefined;
  const file = parsed.file;
  const config = await loadOrReport(file, io.stderr);
  if (!config) return 1;
  const moves = base === undefined ? undefined : await checkMoves(file, config, base, io.stderr);
  if (base !== undefined && !moves) return 1;
  let outdir = DEFAULT_OUTDIR;
  try {
    outdir = readCdktfJson(process.cwd()).output;
  } catch {
    // No cdktf.json here: the cdktf default.
  }
  const stacks = describeStacks(config, build, { maxCalls, outdir, maxPlanCpu });
  for (const s of stacks) for (const w of [s.warning, s.planWarning]) if (w) io.stderr(`warning: ${w}`);
  io.stdout(format === "json" ? `${JSON.stringify({ maxRefreshCalls: maxCalls, stacks, ...(moves ? { moves } : {}) }, null, 2)}\n` : table(stacks));
  if (!moves) return 0;
  const lines = moveLines(moves, base!);
  if (format === "text" && lines.length > 0) io.stdout(`\n${lines.join("\n")}\n`);
  for (const m of moves) if (!m.recorded) io.stderr(`error: ${m.kind} ${m.name} on cluster ${m.cluster} moved from stack ${m.from} to ${m.to} without a record; run npm run adopt -- ${m.cluster} --base ${base}`);
  return moves.every((m) => m.recorded) ? 0 : 1;
}
