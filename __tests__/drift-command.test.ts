import { tempDir } from "./temp-dir";
import { existsSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runDrift } from "../lib/commands/drift-command";
import { associationAddresses } from "../stacks/association-addresses";
import type { EksApi } from "../lib/live/drift-aws";
import { fakeEks, type Assoc } from "./fake-eks";
import { synthYaml } from "./helpers";
import { runNode } from "./run";
import { awsEnv, startAwsStandIn, type AwsStandIn } from "./stand-in/aws-api";
import { runNodeAsync } from "./stand-in/spawn";

const YAML = `clusters:
  - name: demo
    region: eu-west-1
  - name: other
    region: us-east-1
tenants:
  - { name: web, namespace: web, serviceAccount: web-sa }
  - { name: api, namespace: api, serviceAccount: api-sa }
`;

function tenantsFile(text = YAML): string {
  const dir = tempDir("drift-");
  const file = join(dir, "tenants.yaml");
  writeFileSync(file, text);
  return file;
}

async function run(args: string[], client: (region: string) => EksApi, defaultFile?: string) {
  const out: string[] = [];
  const err: string[] = [];
  const regions: string[] = [];
  const code = await runDrift(args, {
    client: (region) => {
      regions.push(region);
      return client(region);
    },
    stdout: (t) => out.push(t),
    stderr: (l) => err.push(l),
    defaultFile,
    addresses: associationAddresses,
  });
  return { code, out: out.join(""), err, regions };
}

const live = (id: string, ns: string, sa: string, role: string): Assoc => ({ associationId: id, namespace: ns, serviceAccount: sa, roleArn: `arn:aws:iam::111122223333:role/${role}` });

describe("npm run drift", () => {
  it("exits 0 and prints the table when the cluster matches the file", async () => {
    const file = tenantsFile();
    const outdir = join(process.cwd(), "cdktf.out");
    const before = existsSync(outdir) ? statSync(outdir).mtimeMs : undefined;
    const r = await run(["demo", "--file", file], () => fakeEks([live("a-1", "web", "web-sa", "web.demo"), live("a-2", "api", "api-sa", "api.demo")]));
    expect(r.code).toBe(0);
    expect(r.err).toEqual([]);
    expect(r.regions).toEqual(["eu-west-1"]);
    // The in-memory stack for import addresses must not touch the project's cdktf.out.
    expect(existsSync(outdir) ? statSync(outdir).mtimeMs : undefined).toBe(before);
    expect(r.out).toBe(
      [
        "STATUS  NAMESPACE/SERVICE-ACCOUNT  OWNER       WANT ROLE  LIVE ROLE  ASSOCIATION  NOTE",
        "ok      api/api-sa                 tenant api  api.demo   api.demo   a-2",
        "ok      web/web-sa                 tenant web  web.demo   web.demo   a-1",
        "",
        "demo: no drift: 2 ok, 0 missing, 0 extra, 0 different, 0 conflict, 0 add-on",
        "",
      ].join("\n"),
    );
  });

  it("exits 1 on drift, with an import command whose address is the one synth writes", async () => {
    const file = tenantsFile();
    const r = await run([`--file=${file}`, "demo"], () => fakeEks([live("a-7", "web", "web-sa", "hand-made"), live("a-8", "gone", "gone-sa", "gone.demo")]));
    expect(r.code).toBe(1);
    const synth = (await synthYaml(YAML)).demo!;
    const [address] = Object.keys(JSON.parse(synth).resource.aws_eks_pod_identity_association).filter((k) => k.startsWith("web_"));
    expect(address).toMatch(/^web_association_[0-9A-F]{8}$/);
    expect(r.out).toContain(`  terraform import 'aws_eks_pod_identity_association.${address}' 'demo,a-7'\n`);
    expect(r.out).toContain("demo: drift: 0 ok, 1 missing, 1 extra, 0 different, 1 conflict, 0 add-on\n");
  });

  it("reads TENANTS_FILE's default when --file is left out", async () => {
    const file = tenantsFile();
    const r = await run(["other"], () => fakeEks([]), file);
    expect(r.code).toBe(1);
    expect(r.regions).toEqual(["us-east-1"]);
    expect(r.out).toContain("other: drift: 0 ok, 2 missing,");
  });

  it("exits 2 with one line on an AWS error", async () => {
    const file = tenantsFile();
    const failing: EksApi = { send: (async () => Promise.reject(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" }))) as EksApi["send"] };
    const r = await run(["demo", "--file", file], () => failing);
    expect(r).toEqual({
      code: 2,
      out: "",
      err: ["error: no AWS credentials for eu-west-1: Could not load credentials from any providers (set AWS_PROFILE, or run in an environment with credentials)"],
      regions: ["eu-west-1"],
    });
  });

  it("exits 2 for a cluster that is not in the file, without calling AWS", async () => {
    const file = tenantsFile();
    const r = await run(["prod", "--file", file], () => fakeEks([]));
    expect(r).toEqual({ code: 2, out: "", err: [`${file}: cluster "prod" is not in clusters[]; clusters: demo, other`], regions: [] });
  });

  it("exits 2 with the file's problems when it is invalid", async () => {
    const file = tenantsFile("clusters: []\n");
    const r = await run(["demo", "--file", file], () => fakeEks([]));
    expect(r).toEqual({ code: 2, out: "", err: [`${file}:1:11: clusters: at least one cluster is required`], regions: [] });
  });

  it("exits 2 with the usage on bad arguments", async () => {
    for (const [args, why] of [
      [[], "which cluster?"],
      [["a", "b"], "one cluster at a time, got a b"],
      [["demo", "--file"], "--file needs a tenants file"],
      [["demo", "-x"], "unknown option -x"],
    ] as const) {
      const r = await run([...args], () => fakeEks([]));
      expect(r).toEqual({ code: 2, out: "", err: [`${why}; usage: npm run drift -- [tenants file] <cluster> [--file <tenants file>] [--timeout <seconds>]`], regions: [] });
    }
  });
});

it("the compiled command fails in one line without credentials, with no SDK notices", () => {
  const r = runNode(["dist/bin/drift.js", "demo-cluster"], {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_PROFILE: "no-such-profile-here",
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: undefined,
  });
  expect(r.status).toBe(2);
  // One line: tenants.yaml's lint warning (AmazonS3FullAccess) is left to validate.
  const lines = r.stderr.split("\n").filter(Boolean);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
});

it("--help prints the usage on stdout and exits 0, before reading any file", () => {
  const r = runNode(["dist/bin/drift.js", "--help"], { TENANTS_FILE: "/nonexistent.yaml" });
  expect(r.status).toBe(0);
  expect(r.stderr).toBe("");
  expect(r.stdout.split("\n")[0]).toBe("usage: npm run drift -- [tenants file] <cluster> [--file <tenants file>] [--timeout <seconds>]");
  expect(r.stdout).toContain("Exit codes: 0 no drift; 1 drift; 2 usage, file or AWS error.");
});

it("does not repeat the file's lint warnings, but still prints its errors", async () => {
  const warned = tenantsFile(YAML.replace("serviceAccount: web-sa }", "serviceAccount: web-sa, managedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess] }"));
  const ok = await run(["demo", "--file", warned], () => fakeEks([live("a-1", "web", "web-sa", "web.demo"), live("a-2", "api", "api-sa", "api.demo")]));
  expect(ok.code).toBe(0);
  expect(ok.err).toEqual([]);
  const broken = tenantsFile(YAML.replace("namespace: web,", "namespace: Web,"));
  const bad = await run(["demo", "--file", broken], () => fakeEks([]));
  expect(bad.code).toBe(2);
  expect(bad.err).toHaveLength(1);
  expect(bad.err[0]!.startsWith(`${broken}:7:`)).toBe(true);
  expect(bad.err[0]).toContain(': tenants[0].namespace: "Web" is not a valid namespace');
});

it("refuses to compare a same-named cluster of another account than the file pins", async () => {
  const file = tenantsFile(YAML.replace("    region: eu-west-1\n", '    region: eu-west-1\n    accountId: "111122223333"\n'));
  const foreign: Assoc = { ...live("a-1", "web", "web-sa", "web.demo"), associationArn: "arn:aws:eks:eu-west-1:999999999999:podidentityassociation/demo/a-1" };
  const r = await run(["demo", "--file", file], () => fakeEks([foreign]));
  expect(r.code).toBe(2);
  expect(r.out).toBe("");
  expect(r.err).toEqual([`error: cluster demo in eu-west-1 belongs to account 999999999999, but ${file} pins account 111122223333; use credentials for 111122223333`]);
});

describe("the compiled command against EKS over HTTP (a stand-in on 127.0.0.1)", () => {
  // The spawned command loads the SDK: seconds on a busy machine, as in irsa-scan-command.test.ts.
  jest.setTimeout(60_000);
  let api: AwsStandIn;
  const assoc = (id: string, ns: string, sa: string, role: string) => ({ associationId: id, namespace: ns, serviceAccount: sa, roleArn: `arn:aws:iam::111122223333:role/${role}` });

  beforeAll(async () => {
    api = await startAwsStandIn({
      clusters: [{ name: "demo", account: "111122223333", region: "eu-west-1", associations: [assoc("a-1", "web", "web-sa", "web.demo"), assoc("a-2", "api", "api-sa", "api.demo"), assoc("a-3", "tools", "tools-sa", "tools")] }],
      pageSize: 2,
      throttleOnce: ["ListPodIdentityAssociations"],
    });
  });
  afterAll(() => api.close());

  it("reads every page with the SDK's retries, reports the drift, exits 1 and writes nothing", async () => {
    const file = tenantsFile();
    const r = await runNodeAsync(["dist/bin/drift.js", "demo", "--file", file], awsEnv(api.url));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("ok      api/api-sa ");
    expect(r.stdout).toContain("ok      web/web-sa ");
    expect(r.stdout).toMatch(/^extra +tools\/tools-sa +.*a-3/m);
    expect(r.stdout).toContain("demo: drift: 2 ok, 0 missing, 1 extra, 0 different, 0 conflict, 0 add-on\n");
    // The first page twice (throttled once), then the second; one describe per association.
    expect(api.requests.filter((q) => q.startsWith("GET /clusters/demo/pod-identity-associations?"))).toHaveLength(3);
    expect(api.requests.filter((q) => /^GET \/clusters\/demo\/pod-identity-associations\/a-\d$/.test(q)).sort()).toEqual(["a-1", "a-2", "a-3"].map((id) => `GET /clusters/demo/pod-identity-associations/${id}`));
    expect(api.writes).toEqual([]);
  });
});
