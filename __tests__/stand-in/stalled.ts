/**
 * Endpoints on 127.0.0.1 that misbehave the way a stalled proxy or VPC endpoint does: one that
 * accepts connections and never answers, one that answers too late, and one that answers a
 * fixed status with an empty body.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

export interface Endpoint {
  readonly url: string;
  /** Connections (stalled) or requests (HTTP) received. */
  readonly hits: () => number;
  close(): Promise<void>;
}

/** Accepts every connection and never sends a byte. */
export async function startStalled(): Promise<Endpoint> {
  const sockets = new Set<Socket>();
  let hits = 0;
  const server = createTcpServer((s) => {
    hits++;
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** An HTTP server whose answers come from `answer`, which may wait before answering. */
export async function startHttp(answer: (req: IncomingMessage, res: ServerResponse, hit: number) => void): Promise<Endpoint> {
  let hits = 0;
  const server = createHttpServer((req, res) => answer(req, res, ++hits));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers each request after `ms`, with an empty list of associations. */
export function slowEks(ms: number): Promise<Endpoint> {
  return startHttp((_req, res) => {
    const t = setTimeout(() => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ associations: [] }));
    }, ms);
    res.on("close", () => clearTimeout(t));
  });
}
