/**
 * The first steps of every command about one live cluster (drift, adopt, irsa-scan): `--help`,
 * `<cluster> [--file <tenants file>]`, the tenants file, and that cluster's plan. Each failure is
 * one line and exit code 2, as the commands document.
 */
import { loadOrReport } from "../cli";
import { tenantsFileFromEnv } from "../runtime/tenants-file-env";
import { planClusters, type ClusterPlan } from "../config/plan";
import type { Config } from "../config/schema";

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
}

export interface OpenedCluster {
  readonly file: string;
  readonly config: Config;
  readonly plan: ClusterPlan;
}

export function parseClusterArgs(args: ReadonlyArray<string>): { cluster: string; file?: string } | string {
  let file: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--file") {
      if (args[i + 1] === undefined) return "--file needs a tenants file";
      file = args[++i];
    } else if (a.startsWith("--file=")) file = a.slice("--file=".length);
    else if (a.startsWith("-")) return `unknown option ${a}`;
    else rest.push(a);
  }
  if (rest.length !== 1) return rest.length === 0 ? "which cluster?" : `one cluster at a time, got ${rest.join(" ")}`;
  return { cluster: rest[0]!, file };
}

/** The opened cluster, or the exit code after printing why there is none (0 after --help). */
export async function openClusterCommand(args: ReadonlyArray<string>, io: ClusterCommandIo, text: ClusterCommandText): Promise<OpenedCluster | number> {
  if (args.includes("-h") || args.includes("--help")) {
    io.stdout(text.help);
    return 0;
  }
  const parsed = parseClusterArgs(args);
  if (typeof parsed === "string") {
    io.stderr(`${parsed}; ${text.usage}`);
    return 2;
  }
  const file = parsed.file ?? io.defaultFile ?? tenantsFileFromEnv();
  const config = await loadOrReport(file, io.stderr, { warnings: text.warnings ?? true });
  if (!config) return 2;
  const plan = planClusters(config).find((p) => p.cluster.name === parsed.cluster);
  if (!plan) {
    io.stderr(`${file}: cluster ${JSON.stringify(parsed.cluster)} is not in clusters[]; clusters: ${config.clusters.map((c) => c.name).join(", ")}`);
    return 2;
  }
  return { file, config, plan };
}
