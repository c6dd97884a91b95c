/**
 * A stand-in for the EKS API on 127.0.0.1 (and for the STS and IAM endpoints, which must get no
 * call), for `terraform plan` of a stack's AWS part. It answers DescribeCluster and
 * DescribeAddonVersions, the only reads the stacks' data sources make (EKS API reference:
 * GET /clusters/{name}, GET /addons/supported-versions). Any other call is recorded as
 * unexpected and answered with an error, so that the test can fail on it.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the stand-in says about every cluster: its account, Kubernetes version and the agent add-on's version. */
export const STAND_IN = {
  account: "111122223333",
  kubernetesVersion: "1.31",
  agentAddonVersion: "v1.3.8-eksbuild.2",
} as const;

export interface EksStandIn {
  readonly url: string;
  /** Every request, as `METHOD path`. */
  readonly calls: string[];
  /** Requests the stand-in does not serve. */
  readonly unexpected: string[];
  close(): Promise<void>;
}

/** The region a SigV4-signed request was signed for: `Credential=<key>/<date>/<region>/<service>/aws4_request`. */
function signedRegion(req: IncomingMessage): string {
  const m = /Credential=[^/]+\/\d{8}\/([a-z0-9-]+)\/eks\/aws4_request/.exec(req.headers.authorization ?? "");
  return m?.[1] ?? "unsigned";
}

export async function startEksStandIn(): Promise<EksStandIn> {
  const calls: string[] = [];
  const unexpected: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const call = `${req.method} ${url.pathname}${url.search}`;
    calls.push(call);
    req.resume();
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const cluster = /^\/clusters\/([^/]+)$/.exec(url.pathname);
    if (req.method === "GET" && cluster) {
      const name = decodeURIComponent(cluster[1]!);
      const region = signedRegion(req);
      return send(200, {
        cluster: {
          name,
          arn: `arn:aws:eks:${region}:${STAND_IN.account}:cluster/${name}`,
          version: STAND_IN.kubernetesVersion,
          status: "ACTIVE",
          endpoint: `https://${name}.example.eks.amazonaws.com`,
          certificateAuthority: { data: "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCg==" },
          roleArn: `arn:aws:iam::${STAND_IN.account}:role/eks-cluster`,
          platformVersion: "eks.1",
          createdAt: 1700000000,
          resourcesVpcConfig: { subnetIds: [], securityGroupIds: [], vpcId: "vpc-0123456789abcdef0", endpointPublicAccess: true, endpointPrivateAccess: false, publicAccessCidrs: ["0.0.0.0/0"] },
          kubernetesNetworkConfig: { ipFamily: "ipv4", serviceIpv4Cidr: "10.100.0.0/16" },
          accessConfig: { authenticationMode: "API" },
          tags: {},
        },
      });
    }
    if (req.method === "GET" && url.pathname === "/addons/supported-versions" && url.searchParams.get("addonName") === "eks-pod-identity-agent") {
      return send(200, {
        addons: [
          {
            addonName: "eks-pod-identity-agent",
            type: "security",
            addonVersions: [
              {
                addonVersion: STAND_IN.agentAddonVersion,
                architecture: ["amd64", "arm64"],
                compatibilities: [{ clusterVersion: url.searchParams.get("kubernetesVersion") ?? STAND_IN.kubernetesVersion, defaultVersion: true, platformVersions: ["*"] }],
              },
            ],
          },
        ],
      });
    }
    unexpected.push(call);
    send(400, { message: `the EKS stand-in does not serve ${call}` });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    unexpected,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
