/**
 * A stand-in for the EKS and IAM APIs on 127.0.0.1, for real SDK clients: EKS speaks REST JSON
 * (https://docs.aws.amazon.com/eks/latest/APIReference/), IAM the query protocol with XML
 * answers (https://docs.aws.amazon.com/IAM/latest/APIReference/). It serves only reads, and
 * refuses and records any write, so a test can show that nothing was written.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface StandInAssociation {
  readonly associationId: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly roleArn: string;
  readonly ownerArn?: string;
  /** As the association was created: DescribePodIdentityAssociation returns them. @default false, none */
  readonly disableSessionTags?: boolean;
  readonly policy?: string;
}

export interface StandInCluster {
  readonly name: string;
  readonly account: string;
  readonly region: string;
  readonly associations: ReadonlyArray<StandInAssociation>;
  /** The Kubernetes API URL DescribeCluster reports. */
  readonly endpoint?: string;
  /** The OIDC issuer URL. */
  readonly issuer?: string;
}

export interface StandInRole {
  readonly name: string;
  readonly path: string;
  readonly account: string;
  /** Inline policies by name, as JSON documents. @default none */
  readonly inlinePolicies?: Readonly<Record<string, string>>;
  /** Attached managed policies. @default none */
  readonly attachedPolicyArns?: ReadonlyArray<string>;
}

export interface AwsStandIn {
  readonly url: string;
  /** `METHOD path` for EKS, `IAM Action RoleName` for IAM, in order. */
  readonly requests: string[];
  /** Every write that was attempted (and refused). */
  readonly writes: string[];
  /** The access key ID each request was signed with (SigV4 `Credential=<AKID>/...`), in order. */
  readonly signedWith: string[];
  close(): Promise<void>;
}

export interface AwsStandInOptions {
  readonly clusters: ReadonlyArray<StandInCluster>;
  readonly roles?: ReadonlyArray<StandInRole>;
  /** Page size of ListPodIdentityAssociations, whatever maxResults asks. @default 2 */
  readonly pageSize?: number;
  /** Operations answered once with a throttling error before they succeed: ListPodIdentityAssociations, DescribePodIdentityAssociation, DescribeCluster, GetRole. */
  readonly throttleOnce?: ReadonlyArray<string>;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let b = "";
    req.on("data", (d: Buffer) => (b += d.toString()));
    req.on("end", () => resolve(b));
  });
}

function json(res: ServerResponse, status: number, value: unknown, errorType?: string): void {
  res.writeHead(status, { "content-type": "application/json", ...(errorType ? { "x-amzn-errortype": errorType } : {}) });
  res.end(JSON.stringify(value));
}

function xml(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/xml" });
  res.end(text);
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function iamError(res: ServerResponse, status: number, code: string, message: string): void {
  xml(res, status, `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`);
}

export async function startAwsStandIn(opts: AwsStandInOptions): Promise<AwsStandIn> {
  const requests: string[] = [];
  const writes: string[] = [];
  const signedWith: string[] = [];
  const throttle = new Set(opts.throttleOnce ?? []);
  const pageSize = opts.pageSize ?? 2;
  const throttled = (op: string) => {
    if (!throttle.has(op)) return false;
    throttle.delete(op);
    return true;
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const text = await body(req);
    signedWith.push(/Credential=([^/]+)\//.exec(req.headers.authorization ?? "")?.[1] ?? "(unsigned)");
    // IAM: POST / with a form body.
    if (req.method === "POST" && url.pathname === "/") {
      const form = new URLSearchParams(text);
      const action = form.get("Action") ?? "";
      requests.push(`IAM ${action} ${form.get("RoleName") ?? ""}`.trim());
      if (!/^(Get|List)/.test(action)) {
        writes.push(`IAM ${action}`);
        return iamError(res, 403, "AccessDenied", `the stand-in refuses ${action}: it is a write`);
      }
      // What the Terraform AWS provider reads of an imported role besides GetRole: its inline
      // and attached policies.
      const known = opts.roles?.find((r) => r.name === form.get("RoleName"));
      if (action === "ListRolePolicies") {
        const names = Object.keys(known?.inlinePolicies ?? {}).map((n) => `<member>${esc(n)}</member>`).join("");
        return xml(res, 200, `<ListRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolePoliciesResult><IsTruncated>false</IsTruncated><PolicyNames>${names}</PolicyNames></ListRolePoliciesResult></ListRolePoliciesResponse>`);
      }
      if (action === "ListAttachedRolePolicies") {
        const attached = (known?.attachedPolicyArns ?? []).map((a) => `<member><PolicyName>${esc(a.slice(a.lastIndexOf("/") + 1))}</PolicyName><PolicyArn>${esc(a)}</PolicyArn></member>`).join("");
        return xml(res, 200, `<ListAttachedRolePoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListAttachedRolePoliciesResult><IsTruncated>false</IsTruncated><AttachedPolicies>${attached}</AttachedPolicies></ListAttachedRolePoliciesResult></ListAttachedRolePoliciesResponse>`);
      }
      if (action === "GetRolePolicy") {
        const doc = known?.inlinePolicies?.[form.get("PolicyName") ?? ""];
        if (doc === undefined) return iamError(res, 404, "NoSuchEntity", `The role policy with name ${form.get("PolicyName")} cannot be found.`);
        return xml(res, 200, `<GetRolePolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRolePolicyResult><RoleName>${esc(known!.name)}</RoleName><PolicyName>${esc(form.get("PolicyName")!)}</PolicyName><PolicyDocument>${esc(encodeURIComponent(doc))}</PolicyDocument></GetRolePolicyResult></GetRolePolicyResponse>`);
      }
      if (action !== "GetRole") return iamError(res, 400, "InvalidAction", `the stand-in does not serve ${action}`);
      if (throttled("GetRole")) return iamError(res, 400, "Throttling", "Rate exceeded");
      const name = form.get("RoleName") ?? "";
      const role = opts.roles?.find((r) => r.name === name);
      if (!role) return iamError(res, 404, "NoSuchEntity", `The role with name ${name} cannot be found.`);
      const arn = `arn:aws:iam::${role.account}:role${role.path}${role.name}`;
      return xml(
        res,
        200,
        `<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>${esc(role.path)}</Path><RoleName>${esc(role.name)}</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>${esc(arn)}</Arn><CreateDate>2024-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration></Role></GetRoleResult><ResponseMetadata><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ResponseMetadata></GetRoleResponse>`,
      );
    }

    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.method !== "GET") {
      writes.push(`${req.method} ${url.pathname}`);
      return json(res, 405, { message: "the stand-in refuses writes" }, "InvalidRequestException");
    }
    const m = /^\/clusters\/([^/]+)(\/pod-identity-associations(?:\/([^/]+))?)?$/.exec(url.pathname);
    const cluster = m ? opts.clusters.find((c) => c.name === decodeURIComponent(m[1]!)) : undefined;
    if (!m) return json(res, 404, { message: "no such route" }, "ResourceNotFoundException");
    if (!cluster) return json(res, 404, { message: `No cluster found for name: ${decodeURIComponent(m[1]!)}.` }, "ResourceNotFoundException");
    const assocArn = (id: string) => `arn:aws:eks:${cluster.region}:${cluster.account}:podidentityassociation/${cluster.name}/${id}`;

    if (!m[2]) {
      if (throttled("DescribeCluster")) return json(res, 429, { message: "Rate exceeded" }, "ThrottlingException");
      return json(res, 200, {
        cluster: {
          name: cluster.name,
          arn: `arn:aws:eks:${cluster.region}:${cluster.account}:cluster/${cluster.name}`,
          endpoint: cluster.endpoint,
          status: "ACTIVE",
          identity: cluster.issuer ? { oidc: { issuer: cluster.issuer } } : undefined,
          // The rest of a cluster's description, which the Terraform provider's
          // data.aws_eks_cluster reads.
          createdAt: 1700000000,
          version: "1.31",
          platformVersion: "eks.1",
          roleArn: `arn:aws:iam::${cluster.account}:role/cluster`,
          certificateAuthority: { data: "Y2E=" },
          resourcesVpcConfig: { subnetIds: [], securityGroupIds: [], clusterSecurityGroupId: "sg-0", vpcId: "vpc-0", endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ["0.0.0.0/0"] },
          kubernetesNetworkConfig: { serviceIpv4Cidr: "10.100.0.0/16", ipFamily: "ipv4", elasticLoadBalancing: { enabled: false } },
          accessConfig: { authenticationMode: "API", bootstrapClusterCreatorAdminPermissions: true },
          upgradePolicy: { supportType: "STANDARD" },
          zonalShiftConfig: { enabled: false },
          computeConfig: { enabled: false, nodePools: [] },
          storageConfig: { blockStorage: { enabled: false } },
          remoteNetworkConfig: { remoteNodeNetworks: [], remotePodNetworks: [] },
          logging: { clusterLogging: [] },
          tags: {},
        },
      });
    }
    if (!m[3]) {
      if (throttled("ListPodIdentityAssociations")) return json(res, 429, { message: "Rate exceeded" }, "ThrottlingException");
      const start = Number(url.searchParams.get("nextToken")?.slice(1) ?? 0);
      const page = cluster.associations.slice(start, start + pageSize);
      const next = start + pageSize < cluster.associations.length ? `t${start + pageSize}` : undefined;
      return json(res, 200, {
        associations: page.map((a) => ({ clusterName: cluster.name, namespace: a.namespace, serviceAccount: a.serviceAccount, associationId: a.associationId, associationArn: assocArn(a.associationId), ownerArn: a.ownerArn })),
        nextToken: next,
      });
    }
    if (throttled("DescribePodIdentityAssociation")) return json(res, 429, { message: "Rate exceeded" }, "ThrottlingException");
    const a = cluster.associations.find((x) => x.associationId === m[3]);
    if (!a) return json(res, 404, { message: `No association ${m[3]}` }, "ResourceNotFoundException");
    return json(res, 200, { association: { clusterName: cluster.name, ...a, associationArn: assocArn(a.associationId), disableSessionTags: a.disableSessionTags ?? false } });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    writes,
    signedWith,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Environment for real SDK clients aimed at the stand-in: endpoints and throwaway credentials. */
export function awsEnv(url: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_EKS: url,
    AWS_ENDPOINT_URL_IAM: url,
    AWS_ACCESS_KEY_ID: "AKIDSTANDIN",
    AWS_SECRET_ACCESS_KEY: "stand-in-secret",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}
