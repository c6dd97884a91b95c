/**
 * A stand-in Kubernetes API on 127.0.0.1 that lists service accounts in chunks (`limit` and
 * `continue`, https://kubernetes.io/docs/reference/using-api/api-concepts/#retrieving-large-results-sets-in-chunks),
 * and a kubeconfig whose current context points at it. Any verb but GET is refused and recorded.
 */
import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { stringify } from "yaml";

export interface StandInServiceAccount {
  readonly namespace: string;
  readonly name: string;
  readonly annotations?: Record<string, string>;
}

export interface KubeStandIn {
  readonly url: string;
  readonly requests: string[];
  readonly writes: string[];
  close(): Promise<void>;
}

export async function startKubeStandIn(accounts: ReadonlyArray<StandInServiceAccount>, opts: { maxPage?: number } = {}): Promise<KubeStandIn> {
  const requests: string[] = [];
  const writes: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    const send = (status: number, v: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(v));
    };
    if (req.method !== "GET") {
      writes.push(`${req.method} ${url.pathname}`);
      return send(405, { kind: "Status", apiVersion: "v1", status: "Failure", message: "the stand-in refuses writes", code: 405 });
    }
    if (url.pathname !== "/api/v1/serviceaccounts") return send(404, { kind: "Status", apiVersion: "v1", status: "Failure", message: "not found", code: 404 });
    const limit = Math.min(Number(url.searchParams.get("limit") ?? accounts.length) || accounts.length, opts.maxPage ?? Infinity);
    const start = Number(url.searchParams.get("continue")?.slice(1) ?? 0);
    const items = accounts.slice(start, start + limit);
    const more = start + limit < accounts.length;
    send(200, {
      kind: "ServiceAccountList",
      apiVersion: "v1",
      metadata: { resourceVersion: "1", ...(more ? { continue: `c${start + limit}` } : {}) },
      items: items.map((a) => ({ metadata: { name: a.name, namespace: a.namespace, ...(a.annotations ? { annotations: a.annotations } : {}) } })),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, writes, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Writes a kubeconfig into `dir` whose current context is the stand-in; returns its path. */
export function writeKubeconfig(dir: string, server: string): string {
  const file = join(dir, "kubeconfig");
  writeFileSync(
    file,
    stringify({
      apiVersion: "v1",
      kind: "Config",
      // Plain HTTP: the client refuses it unless TLS verification is off for this cluster.
      clusters: [{ name: "stand-in", cluster: { server, "insecure-skip-tls-verify": true } }],
      users: [{ name: "tester", user: { token: "stand-in-token" } }],
      contexts: [{ name: "stand-in", context: { cluster: "stand-in", user: "tester" } }],
      "current-context": "stand-in",
    }),
  );
  return file;
}
