/**
 * The one wording of an AWS error for the live commands (drift, adopt, irsa-scan): one line
 * that says what the command was doing, where, and what to do about it, never a stack trace.
 * The SDK names its errors by the service's error code (`name`), and gives the HTTP status in
 * `$metadata`; sdk-limits.ts adds the request (`$request`) that failed.
 */
import { requestOf } from "./sdk-limits";

/** The AWS call that failed, as the message names it. */
export interface AwsCall {
  /** What the command was doing, as a phrase: "describing cluster demo". */
  readonly doing: string;
  readonly region: string;
  /** The cluster the call is about: a ResourceNotFoundException then means it does not exist. */
  readonly cluster?: string;
  /** The IAM actions the call needs, named when access is denied. */
  readonly needs?: ReadonlyArray<string>;
}

/** A network failure below HTTP: Node's own error codes for a refused, unknown or silent host. */
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/;

export function describeAwsError(e: unknown, call: AwsCall): string {
  const err = e as { name?: string; message?: string; code?: string } | undefined;
  const name = err?.name ?? "Error";
  const message = String(err?.message ?? e).split("\n")[0]!.trim();
  const { doing, region } = call;
  // Both already name what timed out or which role could not be assumed (sdk-limits.ts, deploy-role-credentials.ts).
  if (name === "NetworkTimeout") return message;
  if (name === "DeployRoleError") return `${message}${requestOf(e)}`;
  if (name === "TimeoutError") return `timed out ${doing} in ${region}: ${message}${requestOf(e)}`;
  if (name === "ResourceNotFoundException" && call.cluster !== undefined) return `cluster ${call.cluster} was not found in ${region}: ${message}`;
  if (name === "CredentialsProviderError" || /credential/i.test(name)) return `no AWS credentials for ${region}: ${message} (set AWS_PROFILE, or run where credentials are available)`;
  if (name === "AccessDeniedException" || name === "AccessDenied") {
    return `access denied ${doing} in ${region}: ${message}${call.needs === undefined ? "" : ` (needs ${call.needs.join(" and ")})`}`;
  }
  if (err?.code === "ECONNREFUSED" || UNREACHABLE.test(message)) return `cannot reach AWS ${doing} in ${region}: ${message}`;
  return `${name} ${doing} in ${region}: ${message}${requestOf(e)}`;
}
