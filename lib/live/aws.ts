/**
 * The AWS clients of the live commands (drift, adopt, irsa-scan) and their few read-only calls.
 * The SDK's usual credential chain applies; for a cluster with a deploy role, those credentials
 * assume the role first (deploy-role-credentials.ts). The SDK's endpoint overrides
 * (AWS_ENDPOINT_URL_EKS, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL_STS) point the tests at stand-in servers. Throttling (ThrottlingException,
 * HTTP 429) is retried by the SDK's standard retry strategy with exponential backoff and jitter
 * (AWS SDKs and Tools reference guide, "Retry behavior",
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html).
 * Association listing and paging are the drift check's (lib/live/drift-aws.ts).
 */
import { DescribeClusterCommand, EKSClient } from "@aws-sdk/client-eks";
import { GetRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import type { AwsCredentialIdentityProvider } from "@aws-sdk/types";
import type { DeployRole } from "../plan/deploy-role";
import { DEFAULT_LIMITS, type NetworkLimits } from "./limits";
import { limitClient, requestOf } from "./sdk-limits";
import { deployRoleCredentials, liveStsClient } from "./deploy-role-credentials";

/** Five attempts rather than the default three: adopt reads one role per tenant, in bursts. */
export const MAX_ATTEMPTS = 5;

/**
 * Each attempt gets an equal share of the limit, so that a stalled endpoint is retried
 * MAX_ATTEMPTS times before the call's own deadline (lib/live/limits.ts) ends it.
 */
function clientConfig(region: string, limits: NetworkLimits) {
  const attempt = Math.max(1, Math.floor(limits.timeoutMs / MAX_ATTEMPTS));
  return { region, maxAttempts: MAX_ATTEMPTS, retryMode: "standard", requestHandler: { connectionTimeout: attempt, requestTimeout: attempt, throwOnRequestTimeout: true } };
}

/**
 * One provider per role, region and limit, so that adopt's EKS and IAM clients share one session
 * instead of assuming the role twice. STS is called in the cluster's region: the SDK's STS client
 * uses regional endpoints (https://docs.aws.amazon.com/sdkref/latest/guide/feature-sts-regionalized-endpoints.html).
 */
const providers = new Map<string, AwsCredentialIdentityProvider>();

function credentialsFor(role: DeployRole | undefined, region: string, limits: NetworkLimits): { credentials?: AwsCredentialIdentityProvider } {
  if (role === undefined) return {};
  const key = JSON.stringify([role.roleArn, role.externalId, role.sessionName, region, limits.timeoutMs]);
  let provider = providers.get(key);
  if (provider === undefined) {
    provider = deployRoleCredentials(liveStsClient(region, limits, clientConfig(region, limits)), role);
    providers.set(key, provider);
  }
  return { credentials: provider };
}

/**
 * The client, built with the role's credentials, assuming the role before each call's own time
 * limit starts: the AssumeRole has its own limit (on the STS client), so that a stalled STS
 * endpoint is reported as STS's, with the role, rather than as the EKS or IAM call that waited.
 */
function withRole<C>(make: (config: object) => C, service: string, region: string, limits: NetworkLimits, role: DeployRole | undefined): C {
  const creds = credentialsFor(role, region, limits);
  const client = limitClient(make({ ...clientConfig(region, limits), ...creds }), service, region, limits);
  const provider = creds.credentials;
  if (provider === undefined) return client;
  const c = client as unknown as { send: (command: unknown, options?: unknown) => Promise<unknown> };
  const send = c.send.bind(client);
  c.send = async (command, options) => {
    await provider();
    return send(command, options);
  };
  return client;
}

/** Without a deploy role, the SDK's usual credential chain. */
export function liveEksClient(region: string, limits: NetworkLimits = DEFAULT_LIMITS, role?: DeployRole): EKSClient {
  return withRole((config) => new EKSClient(config), "EKS", region, limits, role);
}

/** IAM is global within a partition; the SDK resolves any region of it to IAM's endpoint. */
export function liveIamClient(region: string, limits: NetworkLimits = DEFAULT_LIMITS, role?: DeployRole): IAMClient {
  return withRole((config) => new IAMClient(config), "IAM", region, limits, role);
}

export interface IamApi {
  send(command: GetRoleCommand): Promise<{ Role?: { RoleName?: string; Path?: string; Arn?: string } }>;
}

export interface ClusterApi {
  send(command: DescribeClusterCommand): Promise<{ cluster?: { arn?: string; endpoint?: string; identity?: { oidc?: { issuer?: string } } } }>;
}

export interface ExistingRole {
  readonly name: string;
  readonly path: string;
  readonly arn: string;
}

/** The roles among `names` that exist, by name; GetRole's NoSuchEntity means absent. */
export async function existingRoles(iam: IamApi, names: ReadonlyArray<string>, concurrency = 5): Promise<Map<string, ExistingRole>> {
  const out = new Map<string, ExistingRole>();
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++]!;
      try {
        const r = await iam.send(new GetRoleCommand({ RoleName: name }));
        if (r.Role?.RoleName) out.set(name, { name: r.Role.RoleName, path: r.Role.Path ?? "/", arn: r.Role.Arn ?? "" });
      } catch (e) {
        if ((e as { name?: string }).name === "NoSuchEntityException" || (e as { name?: string }).name === "NoSuchEntity") continue;
        throw e;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return out;
}

export interface LiveCluster {
  readonly arn?: string;
  /** The Kubernetes API server's URL. */
  readonly endpoint?: string;
  /** The OIDC issuer URL (`identity.oidc.issuer`); every EKS cluster has one. */
  readonly issuer?: string;
}

export async function describeCluster(eks: ClusterApi, name: string): Promise<LiveCluster> {
  const r = await eks.send(new DescribeClusterCommand({ name }));
  return { arn: r.cluster?.arn, endpoint: r.cluster?.endpoint, issuer: r.cluster?.identity?.oidc?.issuer };
}

/**
 * Why the kubeconfig's current context is not this cluster, or undefined: a scan of another
 * cluster's service accounts would produce wrong entries without a word. The Kubernetes side
 * reads with the kubeconfig's own credentials, so for a cluster with a deploy role the hint
 * writes a context whose token is that role's (`aws eks update-kubeconfig --role-arn`,
 * https://docs.aws.amazon.com/cli/latest/reference/eks/update-kubeconfig.html).
 */
export function contextMismatch(server: string, cluster: LiveCluster, name: string, context: string, roleArn?: string): string | undefined {
  if (cluster.endpoint === undefined) return undefined;
  const norm = (u: string) => u.replace(/\/+$/, "").toLowerCase();
  return norm(server) === norm(cluster.endpoint)
    ? undefined
    : `the kubeconfig's current context ${context} points at ${server}, but cluster ${name} is at ${cluster.endpoint}; switch context (aws eks update-kubeconfig --name ${name}${roleArn === undefined ? "" : ` --role-arn ${roleArn}`})`;
}

/** One line for an AWS error of the live commands, never a stack trace. */
export function describeLiveError(e: unknown, what: string, region: string): string {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = err?.name ?? "Error";
  const message = String(err?.message ?? e).split("\n")[0]!.trim();
  if (name === "NetworkTimeout") return message;
  if (name === "DeployRoleError") return `${message}${requestOf(e)}`;
  if (name === "TimeoutError") return `timed out ${what} in ${region}: ${message}${requestOf(e)}`;
  if (name === "CredentialsProviderError" || /credential/i.test(name)) return `no AWS credentials for ${region}: ${message} (set AWS_PROFILE, or run where credentials are available)`;
  if (name === "AccessDeniedException" || name === "AccessDenied") return `access denied ${what} in ${region}: ${message}`;
  if ((err as { code?: string }).code === "ECONNREFUSED" || /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT/.test(message)) return `cannot reach AWS ${what} in ${region}: ${message}`;
  return `${name} ${what} in ${region}: ${message}${requestOf(e)}`;
}
