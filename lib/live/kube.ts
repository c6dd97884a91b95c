/**
 * The Kubernetes side of the live commands: every service account of the cluster, read with
 * `@kubernetes/client-node` and the user's kubeconfig (KUBECONFIG, else ~/.kube/config; its
 * current context), a page at a time with `limit` and `continue` (Kubernetes API concepts,
 * "Retrieving large results sets in chunks",
 * https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks).
 *
 * `@kubernetes/client-node` 1.x is an ES module; Node 20.19 and later load it with require().
 * Only bin/adopt.ts and bin/irsa-scan.ts load this file, so synth never does.
 */
import { CoreV1Api, KubeConfig } from "@kubernetes/client-node";

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

/** The kubeconfig's current context, and a lister of its service accounts. */
export function kubeTarget(): KubeTarget {
  const kc = new KubeConfig();
  kc.loadFromDefault();
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!context || !cluster) throw new Error("no current context in the kubeconfig (KUBECONFIG, else ~/.kube/config); run aws eks update-kubeconfig --name <cluster>");
  const api = kc.makeApiClient(CoreV1Api);
  return { context, server: cluster.server, list: () => listServiceAccounts(api) };
}

export async function listServiceAccounts(api: Pick<CoreV1Api, "listServiceAccountForAllNamespaces">): Promise<LiveServiceAccount[]> {
  const out: LiveServiceAccount[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  do {
    const page = await api.listServiceAccountForAllNamespaces({ limit: PAGE_SIZE, _continue: token });
    for (const sa of page.items) {
      if (sa.metadata?.name && sa.metadata.namespace) out.push({ namespace: sa.metadata.namespace, name: sa.metadata.name, annotations: sa.metadata.annotations ?? {} });
    }
    token = page.metadata?._continue || undefined;
    if (token !== undefined && seen.has(token)) throw new Error("the Kubernetes API returned the same continue token twice");
    if (token !== undefined) seen.add(token);
  } while (token);
  return out;
}
