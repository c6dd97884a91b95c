/** Kubernetes API errors as one line; apart from kube.ts so that it loads without the client. */
/** One line for a Kubernetes API error. */
export function describeKubeError(e: unknown, server: string): string {
  const err = e as { code?: number | string; message?: string; body?: unknown };
  const message = String(err?.message ?? e).split("\n")[0]!.trim();
  if ((err as { name?: string })?.name === "NetworkTimeout") return message;
  if (typeof err?.code === "number") return `the Kubernetes API at ${server} answered ${err.code}: ${message.slice(0, 300)}`;
  return `cannot list service accounts at ${server}: ${message.slice(0, 300)}`;
}
