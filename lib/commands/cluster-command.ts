/**
 * The first steps of every command about one live cluster (drift, adopt, irsa-scan): `--help`,
 * `[tenants file] <cluster> [--file <tenants file>] [--timeout <seconds>]`, the tenants file, and that cluster's plan. Each failure is
 * one line and exit code 2, as the commands document.
 */
import { loadOrReport } from "./cli";
import { tenantsFileFromEnv } from "../runtime/tenants-file-env";
import { parseCommandArgs, positiveNumber, UsageError, type OptionSpec, type ParsedArgs } from "./args";
import { DEFAULT_TIMEOUT_SECONDS, type NetworkLimits } from "../live/limits";
import { planClusters, type ClusterPlan } from "../plan/plan";
import type { Config } from "../schema/schema";

export interface ClusterCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (line: string) => void;
  /** @default TENANTS_FILE, else tenants.yaml */
  readonly defaultFile?: string;
}

export interface ClusterCommandText {
  /** The one-line usage, printed after a usage error. */
  readonly usage: string;
  /** The whole `--help` text. */
  readonly help: string;
  /** Print the file's warnings too; commands that run again and again (drift) leave them to validate. @default true */
  readonly warnings?: boolean;
  /** Options of this command alone (adopt's --base). @default none */
  readonly options?: Readonly<Record<string, OptionSpec>>;
}

export interface OpenedCluster {
  readonly file: string;
  readonly config: Config;
  readonly plan: ClusterPlan;
  readonly limits: NetworkLimits;
  /** The values of the command's own options (ClusterCommandText.options). */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
}

/** The live commands' options besides --file and --help. */
export const CLUSTER_OPTIONS: Readonly<Record<string, OptionSpec>> = { timeout: { type: "string", needs: "a number of seconds" } };

export function parseClusterArgs(
  args: ReadonlyArray<string>,
  usage = "",
  options: Readonly<Record<string, OptionSpec>> = {},
): { cluster: string; file?: string; timeoutSeconds: number; help: boolean; values: ParsedArgs["values"] } | string {
  try {
    const parsed = parseCommandArgs({ usage, positionals: "cluster", options: { ...CLUSTER_OPTIONS, ...options } }, args);
    const timeoutSeconds = positiveNumber("timeout", parsed.values.timeout) ?? DEFAULT_TIMEOUT_SECONDS;
    return { cluster: parsed.cluster ?? "", file: parsed.named, timeoutSeconds, help: parsed.help, values: parsed.values };
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
}

/** The opened cluster, or the exit code after printing why there is none (0 after --help). */
export async function openClusterCommand(args: ReadonlyArray<string>, io: ClusterCommandIo, text: ClusterCommandText): Promise<OpenedCluster | number> {
  const parsed = parseClusterArgs(args, text.usage, text.options);
  if (typeof parsed === "string") {
    io.stderr(`${parsed}; ${text.usage}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(text.help);
    return 0;
  }
  const file = parsed.file ?? io.defaultFile ?? tenantsFileFromEnv();
  const config = await loadOrReport(file, io.stderr, { warnings: text.warnings ?? true });
  if (!config) return 2;
  const plan = planClusters(config).find((p) => p.cluster.name === parsed.cluster);
  if (!plan) {
    io.stderr(`${file}: cluster ${JSON.stringify(parsed.cluster)} is not in clusters[]; clusters: ${config.clusters.map((c) => c.name).join(", ")}`);
    return 2;
  }
  return { file, config, plan, limits: { timeoutMs: parsed.timeoutSeconds * 1000 }, values: parsed.values };
}
