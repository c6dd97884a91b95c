/**
 * `npm run stacks -- [--format text|json] [--max-calls <n>] [tenants file]`: the stacks the file
 * makes, what each depends on, and what refreshing each costs (plan-cost.ts). The JSON is meant
 * for a CI matrix (examples/ci/plan-stacks.yml): one job per stack, each planning its own state.
 *
 * The stacks are built in memory, as synth builds them, and nothing is written.
 */
import { App, type TerraformStack } from "cdktf";
import { join } from "node:path";
import { loadOrReport } from "../cli";
import { parseCommandArgs, UsageError } from "../cli/args";
import type { Config } from "../config/schema";
import { planStacks, workspaceName } from "../config/stack-plan";
import { DEFAULT_OUTDIR, readCdktfJson } from "./synth";
import { DEFAULT_MAX_REFRESH_CALLS, planCost, suggestedGroups, type PlanCost, type StackJson } from "./plan-cost";

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
}

export const STACKS_USAGE = [
  "usage: npm run stacks -- [--format text|json] [--max-calls <n>] [tenants file | --file <tenants file>]",
  "",
  "Lists the stacks the tenants file (default: TENANTS_FILE, else tenants.yaml) synthesizes: one",
  "per cluster, and one per stack group of a cluster (tenants[].stack), with the stacks each",
  "depends on, its resources and the API calls a plan makes to refresh them. Writes nothing.",
  "  --format text     a table on stdout (default)",
  "  --format json     {maxRefreshCalls, stacks: [{name, cluster, group, dependsOn, directory,",
  "                    workspace, tenants, resources, dataSources, refreshCalls, iamCalls, warning}]}",
  `  --max-calls <n>   warn about stacks above n estimated refresh calls (default ${DEFAULT_MAX_REFRESH_CALLS})`,
  "  -h, --help        this text",
  "Exit codes: 0 listed (warnings allowed); 1 the file is invalid; 2 usage.",
  "",
].join("\n");

/** The stacks of a validated file, in synth order: each cluster's base stack, then its groups. */
export function describeStacks(config: Config, build: StackBuilder, options: { outdir?: string; maxCalls?: number } = {}): StackInfo[] {
  const outdir = options.outdir ?? DEFAULT_OUTDIR;
  const max = options.maxCalls ?? DEFAULT_MAX_REFRESH_CALLS;
  // An App that is never synthesized writes nothing.
  const app = new App({ skipValidation: true });
  // toTerraform() is the stack's JSON as synth writes it, without writing it (this app uses no
  // aspects). Not Testing.synth: its metadata removal copies each object once per key, which
  // takes minutes for a stack of thousands of tenants.
  const json = new Map(build(app, config).map((s) => [s.node.id, s.toTerraform() as StackJson]));
  const cloud = config.state?.cloud;
  return planStacks(config).flatMap(({ base, groups }) =>
    [
      { name: base.cluster.name, cluster: base.cluster.name, group: null, dependsOn: [], tenants: base.tenants.length },
      ...groups.map((g) => ({ name: g.stackName, cluster: g.cluster.name, group: g.group, dependsOn: [base.cluster.name], tenants: g.tenants.length })),
    ].map((s) => {
      const cost = planCost(json.get(s.name)!);
      const warning =
        cost.refreshCalls > max
          ? `stack ${JSON.stringify(s.name)}: a plan refreshes ${cost.resources} resources with an estimated ${cost.refreshCalls} API calls (${cost.iamCalls} to IAM), above ${max}; split its ${s.tenants} tenants into about ${suggestedGroups(cost.refreshCalls, max)} stack groups with tenants[].stack`
          : null;
      return { ...s, directory: join(outdir, "stacks", s.name), workspace: cloud ? workspaceName(cloud, s.name) : null, ...cost, warning };
    }),
  );
}

function table(stacks: ReadonlyArray<StackInfo>): string {
  const rows = [
    ["STACK", "DEPENDS ON", "TENANTS", "RESOURCES", "REFRESH CALLS", "IAM CALLS"],
    ...stacks.map((s) => [s.name, s.dependsOn.join(",") || "-", String(s.tenants), String(s.resources), String(s.refreshCalls), String(s.iamCalls)]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ").trimEnd()).join("\n") + "\n";
}

export async function runStacks(args: ReadonlyArray<string>, defaultFile: string, io: Io, build: StackBuilder): Promise<number> {
  const usage = STACKS_USAGE.split("\n")[0]!;
  let parsed;
  try {
    parsed = parseCommandArgs({ usage, positionals: "file", options: { format: { type: "string" }, "max-calls": { type: "string" } } }, args, { TENANTS_FILE: defaultFile });
    const { format, "max-calls": max } = parsed.values;
    if (format !== undefined && format !== "text" && format !== "json") throw new UsageError(`--format must be text or json, not ${JSON.stringify(format)}`);
    if (max !== undefined && !/^[1-9][0-9]*$/.test(String(max))) throw new UsageError(`--max-calls must be a whole number of at least 1, not ${JSON.stringify(max)}`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`error: ${e.message}`);
    io.stderr(usage);
    return 2;
  }
  if (parsed.help) {
    io.stdout(STACKS_USAGE);
    return 0;
  }
  const format = (parsed.values.format ?? "text") as "text" | "json";
  const maxCalls = parsed.values["max-calls"] === undefined ? DEFAULT_MAX_REFRESH_CALLS : Number(parsed.values["max-calls"]);
  const config = await loadOrReport(parsed.file, io.stderr);
  if (!config) return 1;
  let outdir = DEFAULT_OUTDIR;
  try {
    outdir = readCdktfJson(process.cwd()).output;
  } catch {
    // No cdktf.json here: the cdktf default.
  }
  const stacks = describeStacks(config, build, { maxCalls, outdir });
  for (const s of stacks) if (s.warning) io.stderr(`warning: ${s.warning}`);
  io.stdout(format === "json" ? `${JSON.stringify({ maxRefreshCalls: maxCalls, stacks }, null, 2)}\n` : table(stacks));
  return 0;
}
