/**
 * lib/commands/adopt-command.ts and bin/adopt.ts: real SDK clients and the real Kubernetes client
 * against stand-in servers on 127.0.0.1; the stand-ins refuse and record any write.
 */
import { tempDir } from "./temp-dir";
import { readFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { formatProblem } from "../lib/diagnostics/problems";
import { loadImports } from "../lib/file/imports-file";
import { configOf } from "./helpers";
import { ADOPT_USAGE, runAdopt, type AdoptDeps } from "../lib/commands/adopt-command";
import { liveEksClient, liveIamClient } from "../lib/live/aws";
import { awsEnv, startAwsStandIn, type AwsStandIn } from "./stand-in/aws-api";
import { startKubeStandIn, writeKubeconfig, type KubeStandIn } from "./stand-in/kube-api";
import { runNodeAsync } from "./stand-in/spawn";
import { runNode } from "./run";

// Each spawned command loads the SDK and the Kubernetes client: seconds on a busy machine.
jest.setTimeout(60_000);

const ACCOUNT = "111122223333";
const YAML = `clusters:
  - name: demo
    region: eu-west-1
tenants:
  - { name: web, namespace: web, serviceAccount: web-sa, createServiceAccount: false }
  - { name: api, namespace: api, serviceAccount: api-sa, createServiceAccount: false, role: { name: api-role } }
  - { name: jobs, namespace: jobs, serviceAccount: runner, createServiceAccount: false }
`;

function tenantsFile(text = YAML): string {
  const dir = tempDir("adopt-");
  const file = join(dir, "tenants.yaml");
  writeFileSync(file, text);
  return file;
}

const saved = { ...process.env };
let api: AwsStandIn;

beforeAll(async () => {
  api = await startAwsStandIn({
    clusters: [
      {
        name: "demo",
        account: ACCOUNT,
        region: "eu-west-1",
        associations: [
          { associationId: "a-web", namespace: "web", serviceAccount: "web-sa", roleArn: `arn:aws:iam::${ACCOUNT}:role/handmade` },
          { associationId: "a-cni", namespace: "kube-system", serviceAccount: "aws-node", roleArn: `arn:aws:iam::${ACCOUNT}:role/cni`, ownerArn: `arn:aws:eks:eu-west-1:${ACCOUNT}:addon/demo/vpc-cni/abc` },
          { associationId: "a-stray", namespace: "tools", serviceAccount: "old", roleArn: `arn:aws:iam::${ACCOUNT}:role/old` },
          { associationId: "a-jobs", namespace: "jobs", serviceAccount: "runner", roleArn: `arn:aws:iam::${ACCOUNT}:role/x`, ownerArn: `arn:aws:eks:eu-west-1:${ACCOUNT}:addon/demo/some-addon/def` },
          { associationId: "a-other", namespace: "other", serviceAccount: "sa", roleArn: `arn:aws:iam::${ACCOUNT}:role/y` },
        ],
      },
    ],
    roles: [
      { name: "api-role", path: "/", account: ACCOUNT },
      { name: "jobs.demo", path: "/legacy/", account: ACCOUNT },
    ],
    throttleOnce: ["ListPodIdentityAssociations"],
  });
  Object.assign(process.env, awsEnv(api.url));
});

afterAll(async () => {
  process.env = saved;
  await api.close();
});

async function run(args: string[], over: Partial<AdoptDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, string> = {};
  const code = await runAdopt(args, {
    eks: liveEksClient,
    iam: liveIamClient,
    kube: () => {
      throw new Error("no kubeconfig in this test");
    },
    writeFile: (p, t) => (written[p] = t),
    stdout: (t) => out.push(t),
    stderr: (l) => err.push(l),
    ...over,
  });
  return { code, out: out.join(""), err, written };
}

test("records live associations and existing roles of the file's tenants, reports the rest, pages and retries", async () => {
  const file = tenantsFile();
  const r = await run(["demo", "--file", file]);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(1);
  expect(Object.keys(r.written)).toEqual([join(file, "..", "imports", "demo.json")]);
  expect(JSON.parse(r.written[join(file, "..", "imports", "demo.json")]!)).toEqual({
    cluster: "demo",
    tenants: { api: { roleName: "api-role" }, web: { association: { id: "a-web", namespace: "web", serviceAccount: "web-sa", roleArn: `arn:aws:iam::${ACCOUNT}:role/handmade` } } },
  });
  expect(r.out).toBe(
    [
      "import       tenant api: role api-role (import id api-role)",
      "import       tenant web: association a-web of web/web-sa (import id demo,a-web)",
      "conflict     tenant jobs: jobs/runner is associated by add-on some-addon (a-jobs); an add-on's association cannot be imported: remove it from the add-on, or give the tenant another service account",
      "conflict     tenant jobs: role jobs.demo exists with path /legacy/, but the file says /; a new path replaces the role, so it is not imported: set role.path: /legacy/",
      "not-in-file  -: association a-other of other/sa (role arn:aws:iam::111122223333:role/y) is in no tenant of the file; not imported: add a tenant for it and run adopt again, or delete it",
      "not-in-file  -: association a-stray of tools/old (role arn:aws:iam::111122223333:role/old) is in no tenant of the file; not imported: add a tenant for it and run adopt again, or delete it",
      "add-on       add-on vpc-cni: association a-cni of kube-system/aws-node: owned by the add-on; never imported",
      "",
      "demo: 2 to import, 2 conflict, 2 not in the file, 1 owned by add-ons",
      `wrote ${join(file, "..", "imports", "demo.json")}: commit it; the next npm run synth emits import blocks, and the first deploy imports instead of creating. Delete the file after that deploy.`,
      "",
    ].join("\n"),
  );
  const lists = api.requests.filter((q) => q.startsWith("GET /clusters/demo/pod-identity-associations?"));
  // Three pages of two, the first asked twice because it was throttled once.
  expect(lists).toEqual([
    "GET /clusters/demo/pod-identity-associations?maxResults=100",
    "GET /clusters/demo/pod-identity-associations?maxResults=100",
    "GET /clusters/demo/pod-identity-associations?maxResults=100&nextToken=t2",
    "GET /clusters/demo/pod-identity-associations?maxResults=100&nextToken=t4",
  ]);
  expect(api.writes).toEqual([]);
});

test("what adopt writes is read back by synth: the association checked against its tenant, the role change only reported", async () => {
  const file = tenantsFile();
  const r = await run(["demo", "--file", file]);
  const [path, text] = Object.entries(r.written)[0]!;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  const loaded = loadImports(file, await configOf(YAML));
  expect(loaded.problems.map((p) => formatProblem({ ...p, file: "demo.json" }))).toEqual([
    "warning: demo.json:12:20: tenants.web.association.roleArn: association a-web of web/web-sa binds arn:aws:iam::111122223333:role/handmade now; the first deploy sets it to the tenant's role web.demo in place (role_arn is updated, the association is kept), so pods of web/web-sa then get that role's permissions",
  ]);
  expect(Object.fromEntries(loaded.imports!.get("demo")!)).toEqual({
    api: { associationId: undefined, role: true, serviceAccount: false },
    web: { associationId: "a-web", role: false, serviceAccount: false },
  });
});

test("--base records the tenants that moved to another stack since the older file, for synth to move them without a destroy", async () => {
  const old = tenantsFile();
  const file = join(dirname(old), "moved.yaml");
  writeFileSync(file, YAML.replace("createServiceAccount: false }\n  - { name: api", "createServiceAccount: false, stack: front }\n  - { name: api"));
  const r = await run(["demo", "--base", old, "--file", file]);
  expect(r.err).toEqual([]);
  expect(r.code).toBe(1);
  const written = JSON.parse(r.written[join(dirname(file), "imports", "demo.json")]!);
  expect(written.tenants.web).toEqual({ movedFrom: "demo", association: { id: "a-web", namespace: "web", serviceAccount: "web-sa", roleArn: `arn:aws:iam::${ACCOUNT}:role/handmade` } });
  expect(r.out.split("\n")[0]).toBe("move         tenant web: from stack demo to demo-front: its resources are removed (destroy = false) from the old stack and imported into the new one");
  // An older file that cannot be read is one line and exit 2, before any AWS call.
  const before = api.requests.length;
  const bad = await run(["demo", "--file", file, "--base", join(dirname(file), "missing.yaml")]);
  expect(bad.code).toBe(2);
  expect(bad.err).toHaveLength(1);
  expect(api.requests.length).toBe(before);
  expect((await run(["demo", "--base"])).err).toEqual([`--base needs the older tenants file; ${ADOPT_USAGE}`]);
});

test("a missing cluster is one line and exit 2", async () => {
  const r = await run(["gone", "--file", tenantsFile(YAML.replace("name: demo", "name: gone"))]);
  expect(r.code).toBe(2);
  expect(r.err).toEqual(["error: cluster gone was not found in eu-west-1: No cluster found for name: gone."]);
  expect(r.written).toEqual({});
});

test("an unreachable API is one line and exit 2", async () => {
  process.env.AWS_ENDPOINT_URL_EKS = "http://127.0.0.1:9";
  process.env.AWS_MAX_ATTEMPTS = "1";
  try {
    const r = await run(["demo", "--file", tenantsFile()], { eks: (region) => liveEksClient(region) });
    expect(r.code).toBe(2);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(/^error: .*demo.*eu-west-1.*ECONNREFUSED/);
  } finally {
    process.env.AWS_ENDPOINT_URL_EKS = api.url;
    delete process.env.AWS_MAX_ATTEMPTS;
  }
});

test("a tenants file without the cluster, and bad arguments, are exit 2", async () => {
  const file = tenantsFile();
  const missing = await run(["nope", "--file", file]);
  expect(missing.code).toBe(2);
  expect(missing.err).toEqual([`${file}: cluster "nope" is not in clusters[]; clusters: demo`]);
  const usage = await run([]);
  expect(usage.code).toBe(2);
  expect(usage.err).toEqual(["which cluster?; usage: npm run adopt -- [tenants file] <cluster> [--file <tenants file>] [--base <older tenants file>] [--timeout <seconds>]"]);
});

describe("bin/adopt.js with a kubeconfig", () => {
  let kube: KubeStandIn;
  let dir: string;
  beforeAll(async () => {
    kube = await startKubeStandIn(
      [
        { namespace: "default", name: "default" },
        { namespace: "web", name: "web-sa" },
        { namespace: "api", name: "api-sa" },
        { namespace: "api", name: "other" },
      ],
      { maxPage: 3 },
    );
    dir = tempDir("adopt-bin-");
  });
  afterAll(() => kube.close());

  test("records existing service accounts the stack would create, reading every page, writing nothing", async () => {
    const file = join(dir, "tenants.yaml");
    writeFileSync(file, "clusters: [{ name: kubed, region: eu-west-1 }]\ntenants:\n  - { name: web, namespace: web, serviceAccount: web-sa }\n  - { name: new, namespace: new, serviceAccount: app }\n");
    const aws = await startAwsStandIn({ clusters: [{ name: "kubed", account: ACCOUNT, region: "eu-west-1", associations: [], endpoint: kube.url }] });
    try {
      const r = await runNodeAsync(["dist/bin/adopt.js", "kubed", "--file", file], { ...awsEnv(aws.url), KUBECONFIG: writeKubeconfig(dir, kube.url) });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(1);
      expect(JSON.parse(readFileSync(join(dir, "imports", "kubed.json"), "utf8"))).toEqual({ cluster: "kubed", tenants: { web: { serviceAccount: "web/web-sa" } } });
      expect(existsSync(join(dir, "imports", "kubed.json.tmp"))).toBe(false);
      expect(kube.requests.filter((q) => q.startsWith("GET /api/v1/serviceaccounts"))).toEqual(["GET /api/v1/serviceaccounts?limit=500", "GET /api/v1/serviceaccounts?continue=c3&limit=500"]);
      expect(kube.writes).toEqual([]);
      expect(aws.writes).toEqual([]);
    } finally {
      await aws.close();
    }
  });

  test("a context that points at another cluster is one line and exit 2", async () => {
    const file = join(dir, "tenants2.yaml");
    writeFileSync(file, "clusters: [{ name: kubed, region: eu-west-1 }]\ntenants:\n  - { name: web, namespace: web, serviceAccount: web-sa }\n");
    const aws = await startAwsStandIn({ clusters: [{ name: "kubed", account: ACCOUNT, region: "eu-west-1", associations: [], endpoint: "https://elsewhere.example" }] });
    try {
      const r = await runNodeAsync(["dist/bin/adopt.js", "kubed", "--file", file], { ...awsEnv(aws.url), KUBECONFIG: writeKubeconfig(dir, kube.url) });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`error: the kubeconfig's current context stand-in points at ${kube.url}, but cluster kubed is at https://elsewhere.example; switch context (aws eks update-kubeconfig --name kubed)\n`);
    } finally {
      await aws.close();
    }
  });
});

it("--help prints the usage on stdout and exits 0, before reading any file", () => {
  const r = runNode(["dist/bin/adopt.js", "--help"], { TENANTS_FILE: "/nonexistent.yaml" });
  expect(r.status).toBe(0);
  expect(r.stderr).toBe("");
  expect(r.stdout.split("\n")[0]).toBe("usage: npm run adopt -- [tenants file] <cluster> [--file <tenants file>] [--base <older tenants file>] [--timeout <seconds>]");
  expect(r.stdout).toContain("Exit codes: 0 nothing to adopt; 1 imports recorded or findings to act on; 2 usage, file, AWS or Kubernetes error.");
});
