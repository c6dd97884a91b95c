/**
 * The Kubernetes side of the live commands: every service account of the cluster, read with
 * `@kubernetes/client-node` and the user's kubeconfig (KUBECONFIG, else ~/.kube/config; its
 * current context), a page at a time with `limit` and `continue` (Kubernetes API concepts,
 * "Retrieving large results sets in chunks",
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks).
 *
 * `@kubernetes/client-node` 1.x is an ES module; Node 20.19 and later load it with require().
 * Only bin/adopt.ts and bin/irsa-scan.ts load this file, so synth never does.
 *
 * The token is the kubeconfig's (its exec plugin's), never one made here from the AWS clients'
 * credentials: for a cluster with a deploy role, the context must itself use that role
 * (`aws eks update-kubeconfig --name <cluster> --role-arn <deploy role>`), which the
 * context-mismatch hint (aws.ts) says.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { CoreV1Api, KubeConfig, Observable, type ObservableMiddleware, type V1ServiceAccountList } from "@kubernetes/client-node";
import { DEFAULT_LIMITS, timeoutMessage, withinLimit, type NetworkLimits } from "./limits";

export interface LiveServiceAccount {
  readonly namespace: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>>;
}

/** 500 a page, the page size kubectl uses for its own chunked lists. */
const PAGE_SIZE = 500;

export interface KubeTarget {
  readonly context: string;
  readonly server: string;
  readonly list: () => Promise<LiveServiceAccount[]>;
}

/**
 * What client-node's loadFromDefault falls back to when it finds no kubeconfig at all (no
 * KUBECONFIG, no ~/.kube/config, not in a pod): a made-up context at localhost:8080
 * (@kubernetes/client-node 1.4.0, src/config.ts, loadFromDefault). Naming it would send the
 * user looking for a context that does not exist.
 */
function isMadeUpFallback(kc: KubeConfig): boolean {
  const cluster = kc.getCurrentCluster();
  return kc.getCurrentContext() === "loaded-context" && cluster?.name === "cluster" && cluster.server === "http://localhost:8080" && kc.getCurrentUser()?.name === "user";
}

/** The kubeconfig's current context, and a lister of its service accounts. */
export function kubeTarget(limits: NetworkLimits = DEFAULT_LIMITS): KubeTarget {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  if (isMadeUpFallback(kc)) {
    throw new Error(`no kubeconfig: KUBECONFIG is not set and ${join(homedir(), ".kube", "config")} does not exist; run aws eks update-kubeconfig --name <cluster>, or set KUBECONFIG`);
  }
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) throw new Error("no current context in the kubeconfig (KUBECONFIG, else ~/.kube/config); run aws eks update-kubeconfig --name <cluster>");
  const api = kc.makeApiClient(CoreV1Api);
  return { context, server: cluster.server, list: () => listServiceAccounts(api, limits, cluster.server) };
}

type ListServiceAccounts = (param: { limit: number; _continue?: string }, options?: { middleware: ObservableMiddleware[]; middlewareMergeStrategy: "append" }) => Promise<V1ServiceAccountList>;

/** Hands the call's AbortSignal to client-node's fetch (RequestContext.setSignal, client-node 1.4.0 src/gen/http/http.ts). */
function signalMiddleware(signal: AbortSignal): ObservableMiddleware {
  return {
    pre: (ctx) => {
      ctx.setSignal(signal);
      return new Observable(Promise.resolve(ctx));
    },
    post: (ctx) => new Observable(Promise.resolve(ctx)),
  };
}

/** Each page is one call with its own time limit; the signal closes a stalled connection. */
export async function listServiceAccounts(api: { listServiceAccountForAllNamespaces: ListServiceAccounts }, limits: NetworkLimits = DEFAULT_LIMITS, server = "the Kubernetes API"): Promise<LiveServiceAccount[]> {
  const out: LiveServiceAccount[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await withinLimit(
      limits,
      () => timeoutMessage(limits, "the Kubernetes API (list service accounts)", server),
      (signal) =>
        api.listServiceAccountForAllNamespaces(
          { limit: PAGE_SIZE, _continue: token },
          { middleware: [signalMiddleware(signal)], middlewareMergeStrategy: "append" },
        ),
    );
    for (const sa of page.items) {
      if (sa.metadata?.name && sa.metadata.namespace) out.push({ namespace: sa.metadata.namespace, name: sa.metadata.name, annotations: sa.metadata.annotations ?? {} });
    }
    token = page.metadata?._continue || undefined;
    if (token !== undefined && seen.has(token)) throw new Error("the Kubernetes API returned the same continue token twice");
    if (token !== undefined) seen.add(token);
  } while (token);
  return out;
}
