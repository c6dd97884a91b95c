/**
 * lib/live/deploy-role-credentials.ts and its use by the live commands: real SDK clients against a
 * stand-in STS and a stand-in EKS on 127.0.0.1.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDrift } from "../lib/commands/drift-command";
import { runAdopt } from "../lib/commands/adopt-command";
import { runIrsaScan } from "../lib/commands/irsa-scan-command";
import { describeCluster, liveEksClient, liveIamClient } from "../lib/live/aws";
import { DEFAULT_SESSION_NAME, REFRESH_MARGIN_MS, deployRoleCredentials, liveStsClient } from "../lib/live/deploy-role-credentials";
import { DEFAULT_LIMITS } from "../lib/live/limits";
import { associationAddresses } from "../stacks/association-addresses";
import { awsEnv, startAwsStandIn, type AwsStandIn } from "./stand-in/aws-api";
import { startStsStandIn, type StsStandIn } from "./stand-in/sts-api";
import { startStalled } from "./stand-in/stalled";
import { tempDir } from "./temp-dir";

const ROLE = "arn:aws:iam::111122223333:role/pod-identity-deploy";
const DENIED = "arn:aws:iam::444455556666:role/pod-identity-deploy";
const saved = { ...process.env };
let eks: AwsStandIn;
let sts: StsStandIn;

beforeAll(async () => {
  eks = await startAwsStandIn({
    clusters: [
      {
        name: "demo",
        account: "111122223333",
        region: "eu-west-1",
        endpoint: "https://ABC.gr7.eu-west-1.eks.amazonaws.com",
        associations: [
          { associationId: "a-1", namespace: "web", serviceAccount: "web-sa", roleArn: "arn:aws:iam::111122223333:role/web.demo" },
        ],
      },
      { name: "denied", account: "444455556666", region: "eu-west-1", associations: [] },
    ],
    roles: [{ name: "web.demo", path: "/", account: "111122223333" }],
  });
  sts = await startStsStandIn({ accessKeyId: "ASIASESSION", denied: [DENIED] });
  Object.assign(process.env, awsEnv(eks.url), { AWS_ENDPOINT_URL_STS: sts.url });
});

afterAll(async () => {
  process.env = saved;
  await Promise.all([eks.close(), sts.close()]);
});

beforeEach(() => {
  sts.calls.length = 0;
  eks.requests.length = 0;
  eks.signedWith.length = 0;
});

const sdkSts = (region: string) => liveStsClient(region, DEFAULT_LIMITS, { maxAttempts: 1 });

test("AssumeRole sends the role, the session name and the external ID, signed with the ambient credentials", async () => {
  const provider = deployRoleCredentials(sdkSts("eu-west-1"), { roleArn: ROLE, externalId: "ci-external-1", sessionName: "pod-identity-ci" });
  const creds = await provider();
  expect(creds).toMatchObject({ accessKeyId: "ASIASESSION1", secretAccessKey: "stand-in-session-secret", sessionToken: "stand-in-session-token" });
  expect(creds.expiration).toBeInstanceOf(Date);
  expect(sts.calls).toEqual([{ action: "AssumeRole", version: "2011-06-15", roleArn: ROLE, roleSessionName: "pod-identity-ci", externalId: "ci-external-1", signedWith: "AKIDSTANDIN" }]);
});

test("without sessionName and externalId: the default session name, and no ExternalId at all", async () => {
  expect(DEFAULT_SESSION_NAME).toMatch(/^[\w+=,.@-]{2,64}$/);
  await deployRoleCredentials(sdkSts("eu-west-1"), { roleArn: ROLE })();
  expect(sts.calls.map((c) => [c.roleSessionName, c.externalId])).toEqual([[DEFAULT_SESSION_NAME, null]]);
});

test("concurrent requests share one session, and it is assumed again near its expiration", async () => {
  let now = Date.now();
  const provider = deployRoleCredentials(sdkSts("eu-west-1"), { roleArn: ROLE }, () => now);
  const [a, b] = await Promise.all([provider(), provider()]);
  expect(a.accessKeyId).toBe(b.accessKeyId);
  expect(sts.calls).toHaveLength(1);
  now = a.expiration!.getTime() - REFRESH_MARGIN_MS - 1000;
  expect((await provider()).accessKeyId).toBe(a.accessKeyId);
  expect(sts.calls).toHaveLength(1);
  now = a.expiration!.getTime() - REFRESH_MARGIN_MS + 1000;
  expect((await provider()).accessKeyId).toBe("ASIASESSION2");
  expect(sts.calls).toHaveLength(2);
});

test("a failed AssumeRole is not kept: the next request tries again", async () => {
  const provider = deployRoleCredentials(sdkSts("eu-west-1"), { roleArn: DENIED });
  await expect(provider()).rejects.toMatchObject({ name: "DeployRoleError" });
  await expect(provider()).rejects.toMatchObject({ name: "DeployRoleError" });
  expect(sts.calls).toHaveLength(2);
});

test("the EKS client signs with the assumed role's keys; without a role, with the ambient ones and no STS call", async () => {
  await describeCluster(liveEksClient("eu-west-1", DEFAULT_LIMITS, { roleArn: ROLE, sessionName: "eks-client-test" }), "demo");
  expect(sts.calls.map((c) => c.roleArn)).toEqual([ROLE]);
  expect(eks.signedWith).toEqual(["ASIASESSION1"]);

  sts.calls.length = 0;
  eks.signedWith.length = 0;
  await describeCluster(liveEksClient("eu-west-1", DEFAULT_LIMITS), "demo");
  expect(sts.calls).toEqual([]);
  expect(eks.signedWith).toEqual(["AKIDSTANDIN"]);
});

function tenantsFile(accounts: string, cluster: string, accountId: string): string {
  const file = join(tempDir("deploy-role-"), "tenants.yaml");
  writeFileSync(
    file,
    `accounts:\n${accounts}clusters:\n  - { name: ${cluster}, region: eu-west-1, accountId: "${accountId}" }\ntenants:\n  - { name: web, namespace: web, serviceAccount: web-sa }\n`,
  );
  return file;
}

async function drift(file: string, cluster: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDrift([cluster, "--file", file], { client: liveEksClient, addresses: associationAddresses, stdout: (t) => out.push(t), stderr: (l) => err.push(l) });
  return { code, out: out.join(""), err };
}

test("drift assumes the cluster's deploy role from the file, then reads EKS as that role", async () => {
  const file = tenantsFile(`  "111122223333": { deployRoleArn: ${ROLE}, externalId: drift-ext-1, sessionName: drift-e2e }\n`, "demo", "111122223333");
  const r = await drift(file, "demo");
  expect(r.err).toEqual([]);
  expect(r.code).toBe(0);
  expect(sts.calls).toEqual([{ action: "AssumeRole", version: "2011-06-15", roleArn: ROLE, roleSessionName: "drift-e2e", externalId: "drift-ext-1", signedWith: "AKIDSTANDIN" }]);
  expect(eks.requests).toEqual(["GET /clusters/demo/pod-identity-associations?maxResults=100", "GET /clusters/demo/pod-identity-associations/a-1"]);
  expect(eks.signedWith).toEqual(["ASIASESSION1", "ASIASESSION1"]);
});

test("an AccessDenied from STS is exit 2 and one line naming the role, and EKS is never called", async () => {
  const file = tenantsFile(`  "444455556666": { deployRoleArn: ${DENIED} }\n`, "denied", "444455556666");
  const r = await drift(file, "denied");
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err).toHaveLength(1);
  expect(r.err[0]).toMatch(
    new RegExp(
      `^error: cannot assume the deploy role ${DENIED.replace(/[/]/g, "\\/")}: AccessDenied: User: arn:aws:iam::999999999999:user/ci is not authorized to perform: sts:AssumeRole on resource: ${DENIED} \\(HTTP 403 from POST http://127\\.0\\.0\\.1:\\d+/\\)$`,
    ),
  );
  expect(eks.requests).toEqual([]);
});

test("irsa-scan names the role of a failed AssumeRole through the same error line", async () => {
  const file = tenantsFile(`  "444455556666": { deployRoleArn: ${DENIED} }\n`, "denied", "444455556666");
  const err: string[] = [];
  const code = await runIrsaScan(["denied", "--file", file], {
    eks: liveEksClient,
    kube: () => {
      throw new Error("the kubeconfig is not read before EKS answers");
    },
    stdout: () => undefined,
    stderr: (l) => err.push(l),
  });
  expect(code).toBe(2);
  expect(err).toHaveLength(1);
  expect(err[0]).toContain(`error: cannot assume the deploy role ${DENIED}: AccessDenied`);
});

test("a stalled STS ends in exit 2 within --timeout, one line naming the role and STS's endpoint", async () => {
  const stalled = await startStalled();
  const role = "arn:aws:iam::555555555555:role/stalled-deploy";
  const file = tenantsFile(`  "555555555555": { deployRoleArn: ${role} }\n`, "stalled", "555555555555");
  process.env.AWS_ENDPOINT_URL_STS = stalled.url;
  try {
    const out: string[] = [];
    const err: string[] = [];
    const started = Date.now();
    const code = await runDrift(["stalled", "--file", file, "--timeout", "1"], { client: liveEksClient, addresses: associationAddresses, stdout: (t) => out.push(t), stderr: (l) => err.push(l) });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(code).toBe(2);
    expect(err).toEqual([
      `error: cannot assume the deploy role ${role}: timed out after 1s waiting for STS AssumeRole in eu-west-1 at ${stalled.url}, retries included (--timeout <seconds> sets the limit)`,
    ]);
    expect(stalled.hits()).toBeGreaterThan(0);
    expect(eks.requests).toEqual([]);
  } finally {
    process.env.AWS_ENDPOINT_URL_STS = sts.url;
    await stalled.close();
  }
});

test("adopt reads EKS and IAM as the deploy role, with one AssumeRole for both", async () => {
  const file = tenantsFile(`  "111122223333": { deployRoleArn: ${ROLE}, sessionName: adopt-e2e }\n`, "demo", "111122223333");
  const err: string[] = [];
  const written: string[] = [];
  const code = await runAdopt(["demo", "--file", file], {
    eks: liveEksClient,
    iam: liveIamClient,
    // The Kubernetes side uses the kubeconfig's own token (lib/live/kube.ts), not these credentials.
    kube: () => ({ context: "deploy-role", server: "https://ABC.gr7.eu-west-1.eks.amazonaws.com", list: async () => [] }),
    writeFile: (p) => written.push(p),
    stdout: () => undefined,
    stderr: (l) => err.push(l),
  });
  expect(err).toEqual([]);
  expect(code).toBe(1);
  expect(sts.calls.map((c) => [c.roleArn, c.roleSessionName])).toEqual([[ROLE, "adopt-e2e"]]);
  expect(eks.requests).toEqual(["GET /clusters/demo/pod-identity-associations?maxResults=100", "GET /clusters/demo/pod-identity-associations/a-1", "IAM GetRole web.demo", "GET /clusters/demo"]);
  expect(eks.signedWith).toEqual(["ASIASESSION1", "ASIASESSION1", "ASIASESSION1", "ASIASESSION1"]);
});
