/**
 * The credentials of the live commands (drift, adopt, irsa-scan) for a cluster with a deploy role
 * (lib/plan/deploy-role.ts): the CI identity's own credentials, from the SDK's usual chain,
 * assume the role with STS AssumeRole, as Terraform's providers do for the same cluster
 * (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). The STS client gets
 * the same time limits and retries as the EKS and IAM clients (lib/live/aws.ts).
 *
 * The provider returns `expiration`, and re-assumes the role shortly before it, so that a long run
 * never signs with expired keys (AWS SDK for JavaScript v3, "Setting credentials in Node.js",
 * https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html).
 */
import { AssumeRoleCommand, STSClient } from "@aws-sdk/client-sts";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@aws-sdk/types";
import type { DeployRole } from "../plan/deploy-role";
import type { NetworkLimits } from "./limits";
import { limitClient } from "./sdk-limits";

/**
 * The session name when the account's entry has none. AssumeRole's RoleSessionName is 2-64
 * characters of [\w+=,.@-] (AssumeRole API reference, RoleSessionName); this one is 24.
 */
export const DEFAULT_SESSION_NAME = "eks-pod-identity-tenants";

/** Re-assume this long before the session expires: a request signed just before expiry may arrive after it. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** An AssumeRole that failed; its message names the role, for the live commands' error lines. */
export class DeployRoleError extends Error {
  override readonly name = "DeployRoleError";
}

export interface StsApi {
  send(command: AssumeRoleCommand): Promise<{ Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } }>;
}

export function liveStsClient(region: string, limits: NetworkLimits, clientConfig: object): STSClient {
  return limitClient(new STSClient({ ...clientConfig, region }), "STS", region, limits);
}

function oneLine(e: unknown): string {
  const err = e as { name?: string; message?: string };
  const message = String(err?.message ?? e).split("\n")[0]!.trim();
  // NetworkTimeout's message already says what timed out and where.
  return err?.name === undefined || err.name === "NetworkTimeout" || err.name === "Error" ? message : `${err.name}: ${message}`;
}

async function assume(sts: StsApi, role: DeployRole): Promise<AwsCredentialIdentity> {
  let r;
  try {
    r = await sts.send(
      new AssumeRoleCommand({
        RoleArn: role.roleArn,
        RoleSessionName: role.sessionName ?? DEFAULT_SESSION_NAME,
        ...(role.externalId !== undefined ? { ExternalId: role.externalId } : {}),
      }),
    );
  } catch (e) {
    const error = new DeployRoleError(`cannot assume the deploy role ${role.roleArn}: ${oneLine(e)}`);
    // Keep the request it came from (lib/live/sdk-limits.ts), for the error line's tail.
    const { $metadata, $request } = e as { $metadata?: unknown; $request?: unknown };
    throw Object.assign(error, $metadata === undefined ? {} : { $metadata }, $request === undefined ? {} : { $request });
  }
  const c = r.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey) throw new DeployRoleError(`cannot assume the deploy role ${role.roleArn}: STS AssumeRole returned no credentials`);
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}

/**
 * A provider that assumes the role once and shares the session among concurrent requests, and
 * assumes it again within REFRESH_MARGIN_MS of its expiration. A failure is not kept: the next
 * request tries again.
 */
export function deployRoleCredentials(sts: StsApi, role: DeployRole, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let current: Promise<AwsCredentialIdentity> | undefined;
  let expiresAt = 0;
  return () => {
    if (current === undefined || now() >= expiresAt - REFRESH_MARGIN_MS) {
      const pending = assume(sts, role);
      current = pending;
      expiresAt = Number.POSITIVE_INFINITY;
      pending.then(
        (c) => {
          if (current === pending) expiresAt = c.expiration?.getTime() ?? Number.POSITIVE_INFINITY;
        },
        () => {
          if (current === pending) current = undefined;
        },
      );
    }
    return current;
  };
}
