/**
 * What the live commands add to each AWS SDK client: the per-call deadline of limits.ts,
 * and the request each error came from, so that an error the SDK cannot name (an empty 404
 * reads as "UnknownError") still says which endpoint answered what. The request is read in the
 * "build" step, after the endpoint is resolved and before the retries (SDK v3 middleware stack,
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/middleware.html).
 */
import { timeoutMessage, withinLimit, type NetworkLimits } from "./limits";

interface SdkRequest {
  readonly method?: string;
  readonly protocol?: string;
  readonly hostname?: string;
  readonly port?: number;
  readonly path?: string;
  readonly query?: Record<string, string | ReadonlyArray<string> | null>;
}

interface MiddlewareClient {
  readonly middlewareStack: {
    add(middleware: (next: (args: { request: unknown }) => Promise<unknown>) => (args: { request: unknown }) => Promise<unknown>, options: { step: "build"; name: string }): void;
  };
}

type Send = (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;

export function formatRequest(r: SdkRequest): string {
  const port = r.port === undefined ? "" : `:${r.port}`;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(r.query ?? {})) for (const one of Array.isArray(v) ? v : [v ?? ""]) query.append(k, one as string);
  const search = query.size > 0 ? `?${query}` : "";
  return `${r.method ?? "?"} ${r.protocol ?? "https:"}//${r.hostname ?? "?"}${port}${r.path ?? "/"}${search}`;
}

/** ` (HTTP <status> from <request>)`, or what of it is known, for the end of an error line. */
export function requestOf(e: unknown): string {
  const err = e as { $metadata?: { httpStatusCode?: number }; $request?: string; $response?: { statusCode?: number } };
  const status = err?.$metadata?.httpStatusCode ?? err?.$response?.statusCode;
  const parts = [status === undefined ? undefined : `HTTP ${status}`, err?.$request === undefined ? undefined : `from ${err.$request}`].filter((p) => p !== undefined);
  return parts.length === 0 ? "" : ` (${parts.join(" ")})`;
}

/** The client, its `send` limited and its errors naming their request. */
export function limitClient<C>(client: C, service: string, region: string, limits: NetworkLimits): C {
  let last: string | undefined;
  (client as unknown as MiddlewareClient).middlewareStack.add(
    (next) => async (args) => {
      const request = formatRequest(args.request as SdkRequest);
      last = request.replace(/^\S+ /, "").replace(/^(\w+:\/\/[^/]+).*$/, "$1");
      try {
        return await next(args);
      } catch (e) {
        if (e && typeof e === "object" && !("$request" in e)) Object.assign(e, { $request: request });
        throw e;
      }
    },
    { step: "build", name: "tenantsRequestOfError" },
  );
  const c = client as unknown as { send: Send };
  const send = c.send.bind(client) as Send;
  c.send = (command, options) => {
    const operation = String((command as object).constructor.name).replace(/Command$/, "");
    return withinLimit(limits, () => timeoutMessage(limits, `${service} ${operation} in ${region}`, last), (abortSignal) => send(command, { ...options, abortSignal }));
  };
  return client;
}
