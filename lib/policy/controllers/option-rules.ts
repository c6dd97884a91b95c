/**
 * The rules a controller's options follow, against the cluster: ARNs of the right service,
 * partition, region and account, and what some controllers need together. Shared by the tenants
 * file's checks (lib/checks/controller-checks.ts) and ControllerIdentity.
 */
import { hasWildcard, parseArn } from "../../aws/arn";
import { regionPartition as partitionOf } from "../../aws/region-rules";
import { formatPath, type FieldPath } from "../../diagnostics/problems";
import type { ControllerConfig } from "./controller-types";
import { MANAGED_POLICY_LIMIT } from "./pack";
import type * as Registry from "./registry";
import type { ArnKind } from "./types";

/**
 * The controllers' definitions, some twenty modules: loaded when a file names a controller, so
 * that a file without any starts without them.
 */
const registry = (): typeof Registry => require("./registry") as typeof Registry;

/** What an option's ARNs are checked against. */
export interface ControllerCluster {
  readonly name: string;
  readonly region: string;
  /** The pinned account, when there is one. */
  readonly accountId?: string;
}

/**
 * Why the resource part has a wildcard the kind does not take: only a kind with `wildcard:
 * "prefix"` takes one, a single trailing `*` after the name's first characters, as a name prefix.
 */
function wildcardProblem(resource: string, kind: ArnKind): string | undefined {
  if (!hasWildcard(resource)) return undefined;
  const what = kind.noun;
  if (kind.wildcard !== "prefix") return `has a wildcard in its resource part; name each ${what} in full`;
  const head = resource.slice(0, -1);
  if (!resource.endsWith("*") || hasWildcard(head)) return `has a wildcard other than one trailing '*'; write ${kind.shape}`;
  // With the '*' standing for the whole name, the ARN would reach every such resource of the account and region.
  if (!kind.resource.test(head) && kind.resource.test(`${head}x`)) return `has a '*' in place of the whole name, so it reaches every ${what} of its account and region; write the name, or a prefix of it, before the '*'`;
  return undefined;
}

/** Why `arn` is not a `kind` ARN usable on `cluster`, or undefined. */
export function arnProblem(arn: string, kind: ArnKind, cluster: ControllerCluster): string | undefined {
  const partition = partitionOf(cluster.region);
  const example = `arn:${partition}:${kind.service}:${kind.region === "none" ? "" : cluster.region}:${kind.account === "none" ? "" : (cluster.accountId ?? "<account>")}:${kind.shape}`;
  const expected = `expected ${example}`;
  const a = parseArn(arn);
  if (a === undefined || a.service !== kind.service) return `${arn} is not a ${kind.service} ARN; ${expected}`;
  const { partition: p, region, account } = a;
  if (p !== partition) return `${arn} is in partition ${JSON.stringify(p)}, but cluster ${JSON.stringify(cluster.name)} is in ${cluster.region}, partition ${JSON.stringify(partition)}; ${expected}`;
  if (kind.region === "none" && region !== "") return `${arn} has a region, but ${kind.service} ARNs have none; ${expected}`;
  if (kind.region === "required" && (region === "" || partitionOf(region) !== partition)) return `${arn} needs a region of partition ${JSON.stringify(partition)}; ${expected}`;
  if (kind.account === "none" && account !== "") return `${arn} has an account, but these ${kind.service} ARNs have none; ${expected}`;
  if (kind.account === "required" && !/^\d{12}$/.test(account)) return `${arn} needs a 12-digit account; ${expected}`;
  const wildcard = wildcardProblem(a.resource, kind);
  if (wildcard) return `${arn} ${wildcard}; ${expected}`;
  const refined = kind.refine?.(a.resource);
  if (refined) return `${arn} ${refined}; ${expected}`;
  const resource = kind.wildcard === "prefix" ? a.resource.replace(/\*$/, "") : a.resource;
  if (!kind.resource.test(resource)) return `${arn} does not name a ${kind.shape}${kind.hint ? ` (${kind.hint})` : ""}; ${expected}`;
  const why = kind.placeReason ? `: ${kind.placeReason}` : "";
  if (kind.sameAccount && cluster.accountId !== undefined && account !== cluster.accountId) {
    return `${arn} is in account ${account}, but cluster ${JSON.stringify(cluster.name)} is in account ${cluster.accountId}, and this must be in the same account${why}`;
  }
  if (kind.sameRegion && region !== cluster.region) return `${arn} is in region ${region}, but cluster ${JSON.stringify(cluster.name)} is in ${cluster.region}, and this must be in the same region${why}`;
  return undefined;
}

/** Problems with one validated controllers[] entry's options, with paths relative to the entry. */
export function controllerOptionProblems(c: ControllerConfig, cluster: ControllerCluster): Array<{ field: FieldPath; message: string }> {
  const out: Array<{ field: FieldPath; message: string }> = [];
  const def = registry().controllerDefinition(c.name);
  const values = c as unknown as Record<string, unknown>;
  // Without a pinned account, the options that must be in the cluster's account must at least agree with each other.
  let home: { account: string; at: string } | undefined;
  for (const [option, kind] of Object.entries(def.arnOptions)) {
    const v = values[option];
    if (v === undefined) continue;
    const list = Array.isArray(v) ? (v as string[]) : [v as string];
    const seen = new Set<string>();
    list.forEach((arn, k) => {
      const field = Array.isArray(v) ? [option, k] : [option];
      const p = arnProblem(arn, kind, cluster);
      if (p) out.push({ field, message: p });
      if (seen.has(arn)) out.push({ field, message: `${arn} is listed twice` });
      seen.add(arn);
      const account = parseArn(arn)?.account;
      if (p || !kind.sameAccount || cluster.accountId !== undefined || account === undefined) return;
      if (home === undefined) home = { account, at: formatPath(field) };
      else if (home.account !== account) {
        out.push({ field, message: `${arn} is in account ${account}, but ${home.at} is in account ${home.account}; both must be in the account of cluster ${JSON.stringify(cluster.name)}${kind.placeReason ? `: ${kind.placeReason}` : ""}` });
      }
    });
  }
  if (c.name === "external-secrets" && c.secretsManagerArns === undefined && c.ssmParameterArns === undefined) {
    out.push({ field: ["name"], message: "external-secrets needs secretsManagerArns or ssmParameterArns (or both): the secrets it may read; it gets no access to all secrets by default" });
  }
  if (c.name === "external-secrets" && c.findParameters && c.ssmParameterArns === undefined) {
    out.push({ field: ["findParameters"], message: "external-secrets findParameters needs ssmParameterArns: the parameters it may read once found; finding alone would list every parameter's name and read none" });
  }
  if (c.name === "keda" && c.sqsQueueArns === undefined && c.assumeRoleArns === undefined) {
    out.push({ field: ["name"], message: "keda needs sqsQueueArns or assumeRoleArns (or both): what its operator may read or assume; without either its role could do nothing" });
  }
  if (c.name === "cluster-autoscaler" && c.clusterNames) {
    const seen = new Set<string>();
    c.clusterNames.forEach((n, k) => {
      if (seen.has(n)) out.push({ field: ["clusterNames", k], message: `cluster ${JSON.stringify(n)} is listed twice` });
      seen.add(n);
    });
  }
  return out;
}

/**
 * Why a managed policy of `size` characters, made for a single resource and so not to be split,
 * is too large for IAM; undefined when it fits. Shared with ControllerIdentity's prop checks.
 */
export function oversizedPolicyProblem(size: number): string | undefined {
  return size > MANAGED_POLICY_LIMIT ? `one of its resources alone makes a policy of ${size} characters; IAM allows at most ${MANAGED_POLICY_LIMIT} per managed policy` : undefined;
}
