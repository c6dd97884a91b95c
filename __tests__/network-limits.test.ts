/**
 * lib/live/limits.ts, lib/live/sdk-limits.ts and the time limit of lib/live/kube.ts:
 * the compiled live commands against endpoints on 127.0.0.1 that never answer, answer too late,
 * or answer an empty error, with a small --timeout so that the tests are quick.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsEnv, startAwsStandIn, type AwsStandIn } from "./stand-in/aws-api";
import { writeKubeconfig } from "./stand-in/kube-api";
import { runNodeAsync } from "./stand-in/spawn";
import { slowEks, startHttp, startStalled, type Endpoint } from "./stand-in/stalled";

// Each spawned command loads the SDK: seconds on a busy machine.
jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "network-limits-"));
const file = join(dir, "tenants.yaml");
writeFileSync(file, "clusters: [{ name: demo, region: eu-west-1 }]\ntenants:\n  - { name: web, namespace: web, serviceAccount: web-sa }\n");
const empty = join(dir, "empty.yaml");
writeFileSync(empty, "clusters: [{ name: demo, region: eu-west-1 }]\ntenants: []\n");

const eksAt = (url: string) => ({ ...awsEnv(url), AWS_ENDPOINT_URL_IAM: url });
const timedOut = (seconds: string, what: string, url: string) =>
  `error: timed out after ${seconds} waiting for ${what} at ${url}, retries included (--timeout <seconds> sets the limit)\n`;

let stalled: Endpoint;
beforeAll(async () => {
  stalled = await startStalled();
});
afterAll(() => stalled.close());

describe("an endpoint that accepts connections and never answers", () => {
  it("ends drift, adopt and irsa-scan in exit 2, naming the endpoint, after the SDK retried", async () => {
    const started = Date.now();
    const [drift, adopt, scan] = await Promise.all([
      runNodeAsync(["dist/bin/drift.js", "demo", "--file", file, "--timeout", "1.5"], eksAt(stalled.url)),
      runNodeAsync(["dist/bin/adopt.js", file, "demo", "--timeout=1.5"], eksAt(stalled.url)),
      runNodeAsync(["dist/bin/irsa-scan.js", "demo", file, "--timeout", "1.5"], eksAt(stalled.url)),
    ]);
    expect(drift).toEqual({ code: 2, stdout: "", stderr: timedOut("1.5s", "EKS ListPodIdentityAssociations in eu-west-1", stalled.url) });
    expect(adopt).toEqual({ code: 2, stdout: "", stderr: timedOut("1.5s", "EKS ListPodIdentityAssociations in eu-west-1", stalled.url) });
    expect(scan).toEqual({ code: 2, stdout: "", stderr: timedOut("1.5s", "EKS DescribeCluster in eu-west-1", stalled.url) });
    // Each attempt ends after a fifth of the limit and is retried: more than one connection per command.
    expect(stalled.hits()).toBeGreaterThanOrEqual(6);
    // Far below the 60-second default: --timeout applied, and nothing waited for the stalled sockets.
    expect(Date.now() - started).toBeLessThan(45_000);
  });

  it("ends the Kubernetes listing too", async () => {
    const aws = await startAwsStandIn({ clusters: [{ name: "demo", account: "111122223333", region: "eu-west-1", associations: [], endpoint: stalled.url, issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE" }] });
    try {
      const kubeconfig = writeKubeconfig(mkdtempSync(join(dir, "kube-")), stalled.url);
      const r = await runNodeAsync(["dist/bin/irsa-scan.js", "demo", "--file", file, "--timeout", "1"], { ...awsEnv(aws.url), KUBECONFIG: kubeconfig });
      expect(r).toEqual({ code: 2, stdout: "", stderr: timedOut("1s", "the Kubernetes API (list service accounts)", stalled.url) });
    } finally {
      await aws.close();
    }
  });
});

describe("an endpoint that answers too slowly", () => {
  it("times out as a stalled one does", async () => {
    const slow = await slowEks(10_000);
    try {
      const r = await runNodeAsync(["dist/bin/drift.js", "demo", "--file", empty, "--timeout", "1"], eksAt(slow.url));
      expect(r).toEqual({ code: 2, stdout: "", stderr: timedOut("1s", "EKS ListPodIdentityAssociations in eu-west-1", slow.url) });
      expect(slow.hits()).toBeGreaterThanOrEqual(2);
    } finally {
      await slow.close();
    }
  });

  it("is retried: an attempt that stalls is followed by one that answers", async () => {
    const flaky = await startHttp((_req, res, hit) => {
      if (hit === 1) return; // the first attempt gets nothing
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ associations: [] }));
    });
    try {
      const r = await runNodeAsync(["dist/bin/drift.js", "demo", "--file", empty, "--timeout", "5"], eksAt(flaky.url));
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(flaky.hits()).toBe(2);
    } finally {
      await flaky.close();
    }
  });
});

describe("errors the SDK cannot name", () => {
  it("an empty 404 names the HTTP status and the request", async () => {
    const blank = await startHttp((_req, res) => {
      res.writeHead(404);
      res.end();
    });
    try {
      const r = await runNodeAsync(["dist/bin/drift.js", "demo", "--file", empty], eksAt(blank.url));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^error: \S+ from EKS for cluster demo in eu-west-1: .*\(HTTP 404 from GET http:\/\/127\.0\.0\.1:\d+\/clusters\/demo\/pod-identity-associations\?maxResults=100\)\n$/);
      expect(r.stderr).toContain(`${blank.url}/clusters/demo/pod-identity-associations?maxResults=100`);
    } finally {
      await blank.close();
    }
  });
});

describe("no kubeconfig at all", () => {
  let aws: AwsStandIn;
  beforeAll(async () => {
    aws = await startAwsStandIn({ clusters: [{ name: "demo", account: "111122223333", region: "eu-west-1", associations: [], endpoint: "https://example.eks.amazonaws.com", issuer: "https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE" }] });
  });
  afterAll(() => aws.close());

  it("says so, instead of blaming a made-up context at localhost:8080", async () => {
    const home = mkdtempSync(join(dir, "home-"));
    const r = await runNodeAsync(["dist/bin/irsa-scan.js", "demo", "--file", file], { ...awsEnv(aws.url), HOME: home, KUBECONFIG: "" });
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: `error: cannot load the kubeconfig: no kubeconfig: KUBECONFIG is not set and ${join(home, ".kube", "config")} does not exist; run aws eks update-kubeconfig --name <cluster>, or set KUBECONFIG\n`,
    });
  });
});

it("--timeout must be a number of seconds above 0", async () => {
  const r = await runNodeAsync(["dist/bin/drift.js", "demo", "--file", file, "--timeout", "0"], {});
  expect(r.code).toBe(2);
  expect(r.stderr).toBe('--timeout must be a number of seconds above 0, not "0"; usage: npm run drift -- [tenants file] <cluster> [--file <tenants file>] [--timeout <seconds>]\n');
});
