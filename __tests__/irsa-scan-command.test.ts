/**
 * lib/commands/irsa-scan-command.ts, bin/irsa-scan.ts and lib/live/kube.ts: the real Kubernetes
 * client with a kubeconfig aimed at a stand-in API, and real EKS clients at a stand-in EKS.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { awsEnv, startAwsStandIn, type AwsStandIn } from "./stand-in/aws-api";
import { startKubeStandIn, writeKubeconfig, type KubeStandIn } from "./stand-in/kube-api";
import { runNodeAsync } from "./stand-in/spawn";
import { runNode } from "./run";
import { problemsOf } from "./helpers";

// Each spawned command loads the SDK and the Kubernetes client: seconds on a busy machine.
jest.setTimeout(60_000);

const ACCOUNT = "111122223333";
const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE`;
const irsa = (arn: string) => ({ "eks.amazonaws.com/role-arn": arn });

let kube: KubeStandIn;
let aws: AwsStandIn;
let dir: string;
let kubeconfig: string;

beforeAll(async () => {
  kube = await startKubeStandIn(
    [
      { namespace: "default", name: "default" },
      { namespace: "kube-system", name: "aws-node", annotations: irsa(`arn:aws:iam::${ACCOUNT}:role/cni`) },
      { namespace: "kube-system", name: "ebs-csi-controller-sa", annotations: irsa(`arn:aws:iam::${ACCOUNT}:role/ebs`) },
      { namespace: "orders", name: "orders-api", annotations: irsa(`arn:aws:iam::${ACCOUNT}:role/teams/orders-api`) },
      { namespace: "web", name: "web-sa", annotations: irsa(`arn:aws:iam::${ACCOUNT}:role/web`) },
      { namespace: "reports", name: "reports", annotations: { ...irsa(`arn:aws:iam::${ACCOUNT}:role/reports-reader`), team: "bi" } },
      { namespace: "tools", name: "cross", annotations: irsa("arn:aws:iam::444455556666:role/elsewhere") },
      { namespace: "tools", name: "broken", annotations: irsa("not-an-arn") },
      { namespace: "tools", name: "china", annotations: irsa(`arn:aws-cn:iam::${ACCOUNT}:role/cn`) },
      // One IRSA role, two service accounts: neither may lose it.
      { namespace: "batch", name: "runner", annotations: irsa(`arn:aws:iam::${ACCOUNT}:role/batch-shared`) },
      { namespace: "etl", name: "runner", annotations: irsa(`arn:aws:iam::${ACCOUNT}:role/batch-shared`) },
    ],
    { maxPage: 3 },
  );
  aws = await startAwsStandIn({
    clusters: [{ name: "demo", account: ACCOUNT, region: "eu-west-1", associations: [], endpoint: kube.url, issuer: ISSUER }],
    throttleOnce: ["DescribeCluster"],
  });
  dir = mkdtempSync(join(tmpdir(), "irsa-scan-"));
  kubeconfig = writeKubeconfig(dir, kube.url);
});

afterAll(async () => {
  await kube.close();
  await aws.close();
});

const FILE = "clusters: [{ name: demo, region: eu-west-1 }]\ntenants:\n  - { name: web, namespace: web, serviceAccount: web-sa }\n";

test("prints tenant entries for the IRSA service accounts the file does not cover, and nothing else", async () => {
  const file = join(dir, "tenants.yaml");
  writeFileSync(file, FILE);
  const r = await runNodeAsync(["dist/bin/irsa-scan.js", "demo", "--file", file], { ...awsEnv(aws.url), KUBECONFIG: kubeconfig });
  expect(r.stderr).toBe(
    [
      "skipped: tools/broken: its eks.amazonaws.com/role-arn annotation \"not-an-arn\" is not an IAM role ARN that the tenants file can name",
      "skipped: tools/china: its role arn:aws-cn:iam::111122223333:role/cn is in partition aws-cn, not the cluster's partition aws; a tenant's role lives in the cluster's partition and account, so migrate this one by hand",
      "skipped: tools/cross: its role arn:aws:iam::444455556666:role/elsewhere is in account 444455556666, not the cluster's account 111122223333; a tenant's role lives in the cluster's account, so migrate this one by hand",
      "",
    ].join("\n"),
  );
  expect(r.code).toBe(1);
  const member = (namespace: string) => ({ name: `${namespace}-runner`, namespace, serviceAccount: "runner", clusters: ["demo"], createServiceAccount: false, sharedRole: "batch-shared" });
  expect(parse(r.stdout)).toEqual({
    sharedRoles: [{ name: "batch-shared" }],
    tenants: [
      member("batch"),
      member("etl"),
      { name: "orders-api", namespace: "orders", serviceAccount: "orders-api", clusters: ["demo"], createServiceAccount: false, role: { name: "orders-api", path: "/teams/" }, irsa: { oidcProviderArn: PROVIDER } },
      { name: "reports", namespace: "reports", serviceAccount: "reports", clusters: ["demo"], createServiceAccount: false, role: { name: "reports-reader" }, irsa: { oidcProviderArn: PROVIDER } },
    ],
  });
  // Every page was read; nothing was written to either API.
  expect(kube.requests.filter((q) => q.startsWith("GET /api/v1/serviceaccounts"))).toEqual([
    "GET /api/v1/serviceaccounts?limit=500",
    "GET /api/v1/serviceaccounts?continue=c3&limit=500",
    "GET /api/v1/serviceaccounts?continue=c6&limit=500",
    "GET /api/v1/serviceaccounts?continue=c9&limit=500",
  ]);
  expect(kube.writes).toEqual([]);
  expect(aws.writes).toEqual([]);
  // The throttled DescribeCluster was retried.
  expect(aws.requests.filter((q) => q === "GET /clusters/demo")).toHaveLength(2);

  // Added to the file's lists, as the printed comment says, the entries make a file without a
  // single problem, warnings included.
  const out = parse(r.stdout) as { sharedRoles: unknown[]; tenants: unknown[] };
  const merged = stringify({ ...(parse(FILE) as object), sharedRoles: out.sharedRoles, tenants: [...(parse(FILE) as { tenants: unknown[] }).tenants, ...out.tenants] });
  expect(await problemsOf(merged)).toEqual([]);
  expect(r.stdout).toContain(`# replaces the IRSA role arn:aws:iam::${ACCOUNT}:role/batch-shared, which batch/runner, etl/runner share: copy its policies here;`);
});

test("a missing cluster is one line and exit 2", async () => {
  const file = join(dir, "gone.yaml");
  writeFileSync(file, "clusters: [{ name: gone, region: eu-west-1 }]\n");
  const r = await runNodeAsync(["dist/bin/irsa-scan.js", "gone", "--file", file], { ...awsEnv(aws.url), KUBECONFIG: kubeconfig });
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toBe("error: cluster gone was not found in eu-west-1: No cluster found for name: gone.\n");
});

test("no kubeconfig context is one line and exit 2", async () => {
  const file = join(dir, "tenants.yaml");
  writeFileSync(file, FILE);
  const empty = join(dir, "empty-kubeconfig");
  writeFileSync(empty, "apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n");
  const r = await runNodeAsync(["dist/bin/irsa-scan.js", "demo", "--file", file], { ...awsEnv(aws.url), KUBECONFIG: empty });
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^error: cannot load the kubeconfig: [^\n]+\n$/);
});

it("--help prints the usage on stdout and exits 0, before reading any file", () => {
  const r = runNode(["dist/bin/irsa-scan.js", "--help"], { TENANTS_FILE: "/nonexistent.yaml" });
  expect(r.status).toBe(0);
  expect(r.stderr).toBe("");
  expect(r.stdout.split("\n")[0]).toBe("usage: npm run irsa-scan -- [tenants file] <cluster> [--file <tenants file>] [--timeout <seconds>]");
  expect(r.stdout).toContain("Exit codes: 0 nothing to migrate; 1 entries printed; 2 usage, file, AWS or Kubernetes error.");
});
