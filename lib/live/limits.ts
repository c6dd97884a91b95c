/**
 * Time limits on the live commands' network calls (drift, adopt, irsa-scan). Without them a
 * connection that is accepted and never answered (a stalled proxy or VPC endpoint) hangs the
 * command for ever, and the SDK's retries never start, since nothing fails.
 *
 * Two limits: each attempt of an AWS request ends after a share of the limit (the SDK's
 * NodeHttpHandler connectionTimeout and requestTimeout,
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/node-configuring-maxsockets.html
 * and https://github.com/smithy-lang/smithy-typescript/blob/main/packages/node-http-handler/src/node-http-handler.ts),
 * with throwOnRequestTimeout, since without it a late answer is only logged; the SDK's standard
 * retry strategy retries the resulting TimeoutError as a transient error; and each call, retries
 * included, ends at the whole limit, by aborting it.
 */

/** The default of --timeout: one minute per call, retries included. */
export const DEFAULT_TIMEOUT_SECONDS = 60;

export interface NetworkLimits {
  /** The longest one call may take, retries included. */
  readonly timeoutMs: number;
}

export const DEFAULT_LIMITS: NetworkLimits = { timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000 };

/** A call that ran out of time; its message names the endpoint. */
export class NetworkTimeout extends Error {
  override readonly name = "NetworkTimeout";
}

export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))}s`;
}

export function timeoutMessage(limits: NetworkLimits, what: string, endpoint: string | undefined): string {
  return `timed out after ${seconds(limits.timeoutMs)} waiting for ${what}${endpoint ? ` at ${endpoint}` : ""}, retries included (--timeout <seconds> sets the limit)`;
}

/**
 * `work`, rejected with a NetworkTimeout when it takes longer than the limit. `work` gets an
 * AbortSignal that fires then, so that its socket is closed and the process can exit.
 */
export async function withinLimit<T>(limits: NetworkLimits, describe: () => string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new NetworkTimeout(describe()));
      controller.abort();
    }, limits.timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
