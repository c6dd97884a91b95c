/**
 * lib/file/imports-file.ts and its use in synthesis: imports/<cluster>.json becomes Terraform
 * import blocks with the providers' documented import IDs, and never changes an address.
 */
import { tempDir } from "./temp-dir";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { App, Testing } from "cdktf";
import { planClusters } from "../lib/plan/plan";
import { formatProblem } from "../lib/diagnostics/problems";
import { formatImportsFile, importsFilePath, loadClusterImports, loadImports } from "../lib/file/imports-file";
import { buildStacks } from "../stacks/build-stacks";
import { configOf, parse, type Json } from "./helpers";
import { runApp, runNode } from "./run";
import { terraformAvailable, requiredTerraformTest } from "./terraform";

const YAML = `clusters:
  - { name: demo, region: eu-west-1 }
  - { name: other, region: eu-west-1 }
tenants:
  - { name: web, namespace: web, serviceAccount: app }
  - { name: api, namespace: api, serviceAccount: api, role: { name: api-role }, clusters: [demo] }
  - { name: jobs, namespace: jobs, serviceAccount: runner, createServiceAccount: false, clusters: [other] }
`;

function dirWith(imports: Record<string, string>): { dir: string; file: string } {
  const dir = tempDir("imports-");
  const file = join(dir, "tenants.yaml");
  writeFileSync(file, YAML);
  mkdirSync(join(dir, "imports"));
  for (const [cluster, text] of Object.entries(imports)) writeFileSync(join(dir, "imports", `${cluster}.json`), text);
  return { dir, file };
}

const GOOD = `{
  "cluster": "demo",
  "tenants": {
    "api": {
      "association": {
        "id": "a-0123456789abcdefg",
        "namespace": "api",
        "serviceAccount": "api",
        "roleArn": "arn:aws:iam::111122223333:role/api-role"
      },
      "roleName": "api-role",
      "serviceAccount": "api/api"
    },
    "web": {
      "association": {
        "id": "a-web",
        "namespace": "web",
        "serviceAccount": "app",
        "roleArn": "arn:aws:iam::111122223333:role/web.demo"
      }
    }
  }
}
`;

const assoc = (id: string, namespace: string, serviceAccount: string, role: string) => ({ id, namespace, serviceAccount, roleArn: `arn:aws:iam::111122223333:role/${role}` });

it("lives beside the tenants file, in imports/<cluster>.json", () => {
  expect(importsFilePath("examples/multi.yaml", "demo")).toBe(join("examples", "imports", "demo.json"));
});

it("formats what adopt recorded with sorted tenants and fixed key order, and reads it back", async () => {
  const text = formatImportsFile(
    "demo",
    new Map([
      ["web", { association: { roleArn: "arn:aws:iam::111122223333:role/web.demo", serviceAccount: "app", namespace: "web", id: "a-web" } }],
      ["api", { serviceAccount: "api/api", roleName: "api-role", association: assoc("a-0123456789abcdefg", "api", "api", "api-role") }],
    ]),
  );
  expect(text).toBe(GOOD);
  const { file } = dirWith({ demo: text });
  const config = await configOf(YAML);
  const r = loadImports(file, config);
  expect(r.problems).toEqual([]);
  expect([...r.imports!.keys()]).toEqual(["demo"]);
  expect(Object.fromEntries(r.imports!.get("demo")!)).toEqual({
    api: { associationId: "a-0123456789abcdefg", role: true, serviceAccount: true },
    web: { associationId: "a-web", role: false, serviceAccount: false },
  });
});

it("reports every problem with its line and column: unknown tenants, stale names, another cluster, bad IDs, unknown keys", async () => {
  const bad = `{
  "cluster": "other",
  "tenants": {
    "gone": { "association": { "id": "a-1", "namespace": "gone", "serviceAccount": "x", "roleArn": "arn:aws:iam::111122223333:role/x" } },
    "api": { "association": { "id": "a-1,a-2", "namespace": "api", "serviceAccount": "api", "roleArn": "arn:aws:iam::111122223333:role/api-role" }, "roleName": "old-name", "serviceAccount": "api/other" },
    "web": { "associationID": "a-web" }
  }
}
`;
  const { file } = dirWith({ demo: bad });
  const config = await configOf(YAML);
  const plan = planClusters(config).find((p) => p.cluster.name === "demo")!;
  const path = importsFilePath(file, "demo");
  const lines = loadClusterImports(path, plan).problems.map(formatProblem);
  expect(lines).toEqual([
    `${path}:5:37: tenants.api.association.id: must be a non-empty ID without spaces or commas, as ListPodIdentityAssociations returns it`,
    `${path}:6:14: tenants.web.associationID: unknown key "associationID"; allowed: movedFrom, association, roleName, serviceAccount`,
  ]);
  // Shape first; once the shape is right, the references are checked, all at once.
  const stale = bad.replace("a-1,a-2", "a-2").replace('"associationID": "a-web"', '"association": { "id": "a-web", "namespace": "web", "serviceAccount": "app", "roleArn": "arn:aws:iam::111122223333:role/web.demo" }');
  writeFileSync(path, stale);
  expect(loadClusterImports(path, plan).problems.map(formatProblem)).toEqual([
    `${path}:2:14: cluster: "other" is not this file's cluster: imports/demo.json holds the imports of cluster "demo"`,
    `${path}:4:5: tenants.gone: tenant "gone" is not in the tenants file on cluster "demo"; run npm run adopt -- demo again, or remove the entry`,
    `${path}:5:157: tenants.api.roleName: tenant "api" now has role "api-role", not "old-name"; run npm run adopt -- demo again`,
    `${path}:5:187: tenants.api.serviceAccount: tenant "api" now has service account api/api, not api/other; run npm run adopt -- demo again`,
  ]);
  writeFileSync(path, "{ not json");
  expect(loadClusterImports(path, plan).problems.map(formatProblem)).toHaveLength(1);
});

it("refuses a service account import for a tenant that does not create it, and a tenant of another cluster", async () => {
  const config = await configOf(YAML);
  const plan = planClusters(config).find((p) => p.cluster.name === "other")!;
  const { file } = dirWith({ other: `{"cluster":"other","tenants":{"jobs":{"serviceAccount":"jobs/runner"},"api":{"roleName":"api-role"}}}` });
  const path = importsFilePath(file, "other");
  expect(loadClusterImports(path, plan).problems.map(formatProblem)).toEqual([
    `${path}:1:56: tenants.jobs.serviceAccount: tenant "jobs" has createServiceAccount: false, so there is no service account to import into; remove serviceAccount`,
    `${path}:1:71: tenants.api: tenant "api" is not in the tenants file on cluster "other"; run npm run adopt -- other again, or remove the entry`,
  ]);
});

describe("association entries record whose association it was", () => {
  async function problemsFor(entries: Record<string, unknown>, yaml = YAML): Promise<{ lines: string[]; imported: boolean }> {
    const config = await configOf(yaml);
    const plan = planClusters(config).find((p) => p.cluster.name === "demo")!;
    const { file } = dirWith({ demo: JSON.stringify({ cluster: "demo", tenants: entries }, null, 2) });
    const r = loadClusterImports(importsFilePath(file, "demo"), plan);
    return { lines: r.problems.map((p) => formatProblem({ ...p, file: "demo.json" })), imported: r.imports !== undefined };
  }

  it("refuses another service account's association, stale or planted: the import would rebind it to this tenant's role", async () => {
    expect(await problemsFor({ web: { association: assoc("a-x", "web", "other", "web.demo") }, api: { association: assoc("a-y", "kube-system", "api", "api-role") } })).toEqual({
      lines: [
        `demo.json:8:27: tenants.web.association.serviceAccount: association a-x is of service account web/other, not tenant "web"'s web/app: importing it would rebind another workload's association to this tenant's role, and its pods would lose their credentials; run npm run adopt -- demo again`,
        `demo.json:15:22: tenants.api.association.namespace: association a-y is of service account kube-system/api, not tenant "api"'s api/api: importing it would rebind another workload's association to this tenant's role, and its pods would lose their credentials; run npm run adopt -- demo again`,
      ],
      imported: false,
    });
  });

  it("refuses one ID claimed by two tenants, naming both", async () => {
    const { lines } = await problemsFor({ web: { association: assoc("a-1", "web", "app", "web.demo") }, api: { association: assoc("a-1", "api", "api", "api-role") } });
    expect(lines).toEqual([
      `demo.json:14:15: tenants.api.association.id: association a-1 is claimed by tenants "web" and "api"; an association binds one service account, so at most one tenant imports it: run npm run adopt -- demo again`,
    ]);
  });

  it("allows another role, which the deploy updates in place, with a warning that names both roles, also under strict", async () => {
    for (const yaml of [YAML, `strict: true\n${YAML}`]) {
      const r = await problemsFor({ web: { association: assoc("a-web", "web", "app", "handmade") } }, yaml);
      expect(r).toEqual({
        lines: [
          `warning: demo.json:9:20: tenants.web.association.roleArn: association a-web of web/app binds arn:aws:iam::111122223333:role/handmade now; the first deploy sets it to the tenant's role web.demo in place (role_arn is updated, the association is kept), so pods of web/app then get that role's permissions`,
        ],
        imported: true,
      });
    }
    // The tenant's own role, by name and path, is no news; nor is a shared role for its member.
    expect(await problemsFor({ web: { association: assoc("a-web", "web", "app", "web.demo") } })).toEqual({ lines: [], imported: true });
    const shared = `clusters: [{ name: demo, region: eu-west-1, accountId: "111122223333" }]\nsharedRoles: [{ name: teams, role: { path: /t/ } }]\ntenants: [{ name: web, namespace: web, serviceAccount: app, sharedRole: teams }]\n`;
    expect(await problemsFor({ web: { association: { ...assoc("a-web", "web", "app", "x"), roleArn: "arn:aws:iam::111122223333:role/t/teams.demo" } } }, shared)).toEqual({ lines: [], imported: true });
    expect((await problemsFor({ web: { association: { ...assoc("a-web", "web", "app", "x"), roleArn: "arn:aws:iam::444455556666:role/t/teams.demo" } } }, shared)).lines[0]).toMatch(/^warning: .*binds arn:aws:iam::444455556666:role\/t\/teams.demo now; the first deploy sets it to the tenant's role teams.demo in place/);
  });

  it("refuses the older form, which recorded only the ID, with what to do", async () => {
    const { lines } = await problemsFor({ web: { associationId: "a-web" } });
    expect(lines).toEqual([
      `demo.json:5:7: tenants.web.associationId: is the older form, which records no namespace, service account or role for the association, so nothing shows whose association it is; run npm run adopt -- demo again: it writes association: { id, namespace, serviceAccount, roleArn } instead`,
    ]);
  });

  it("names the allowed keys of an association, and needs all of them", async () => {
    const { lines } = await problemsFor({ web: { association: { id: "a-web", namespace: "web", serviceAccount: "app", role: "x" } } });
    expect(lines).toEqual([
      "demo.json:5:22: tenants.web.association.roleArn: Invalid input: expected string, received undefined",
      `demo.json:9:9: tenants.web.association.role: unknown key "role"; allowed: id, namespace, serviceAccount, roleArn`,
    ]);
  });
});

describe("moves between stacks (movedFrom)", () => {
  const GROUPS = `clusters: [{ name: demo, region: eu-west-1 }]
tenants:
  - { name: web, namespace: web, serviceAccount: app, stack: front, createNamespace: true }
  - { name: api, namespace: api, serviceAccount: api }
`;
  async function check(body: Record<string, unknown>): Promise<{ lines: string[]; moves?: unknown }> {
    const config = await configOf(GROUPS);
    const plan = planClusters(config)[0]!;
    const { file } = dirWith({ demo: JSON.stringify({ cluster: "demo", ...body }, null, 2) });
    const r = loadClusterImports(importsFilePath(file, "demo"), plan);
    return { lines: r.problems.map((p) => formatProblem({ ...p, file: "demo.json" })), moves: r.moves && { tenants: Object.fromEntries(r.moves.tenants), namespaces: Object.fromEntries(r.moves.namespaces) } };
  }
  const web = assoc("a-web", "web", "app", "web.demo");

  it("reads a tenant's and a namespace's old stack", async () => {
    expect(await check({ tenants: { web: { movedFrom: "demo", association: web } }, namespaces: { web: { movedFrom: "demo" } } })).toEqual({
      lines: [],
      moves: { tenants: { web: "demo" }, namespaces: { web: "demo" } },
    });
  });

  it("refuses the stack it is in now, another cluster's stack, a moved tenant without its association, and a namespace no stack creates", async () => {
    const { lines } = await check({
      tenants: { web: { movedFrom: "demo-front" }, api: { movedFrom: "other", association: assoc("a-api", "api", "api", "api.demo") } },
      namespaces: { api: { movedFrom: "demo-front" }, web: { movedFrom: "demo-front" } },
    });
    expect(lines).toEqual([
      `demo.json:5:20: tenants.web.movedFrom: tenant "web" is in stack "demo-front" now, and movedFrom must name the stack it was in before; run npm run adopt -- demo --base <older tenants file>, or remove movedFrom`,
      `demo.json:8:20: tenants.api.movedFrom: "other" is not a stack of cluster "demo": its stacks are "demo" and "demo-<group>"`,
      `demo.json:18:5: namespaces.api: namespace "api" is created by no stack of cluster "demo" now (no tenant on it sets createNamespace), so there is nothing to move; remove the entry`,
      `demo.json:22:20: namespaces.web.movedFrom: namespace "web" is in stack "demo-front" now, and movedFrom must name the stack it was in before; run npm run adopt -- demo --base <older tenants file>, or remove movedFrom`,
    ]);
    expect((await check({ tenants: { web: { movedFrom: "demo" } } })).lines).toEqual([
      `demo.json:5:20: tenants.web.movedFrom: tenant "web" moves from stack "demo" to "demo-front", where its association is imported by its ID, which this entry does not record; run npm run adopt -- demo --base <older tenants file>`,
    ]);
  });

  it("only imports, with a warning, from a stack that is no longer synthesized", async () => {
    expect(await check({ tenants: { web: { movedFrom: "demo-old", association: web } } })).toEqual({
      lines: [
        `warning: demo.json:5:20: tenants.web.movedFrom: stack "demo-old" is no longer synthesized, so nothing in it is destroyed, and tenant "web" is only imported into "demo-front"; its old state still lists the resources: delete that state once the deploy has imported them`,
      ],
      moves: { tenants: { web: "demo-old" }, namespaces: {} },
    });
  });
});

describe("synthesis with an imports file", () => {
  async function synth(withImports: boolean): Promise<Record<string, Json>> {
    const config = await configOf(YAML);
    const { file } = dirWith(withImports ? { demo: GOOD } : {});
    const { imports } = loadImports(file, config);
    const app = Testing.app();
    return Object.fromEntries(buildStacks(app as App, config, imports).map((s) => [s.node.id, parse(Testing.synth(s))]));
  }

  it("adds only import blocks, with the documented IDs, to the same resources at the same addresses", async () => {
    const a = await synth(true);
    const b = await synth(false);
    const demo = a.demo!;
    const id = (type: string, prefix: string) => Object.keys(demo.resource[type]).find((k) => k.startsWith(prefix))!;
    expect(demo.import).toEqual(
      expect.arrayContaining([
        { id: "demo,a-0123456789abcdefg", to: `aws_eks_pod_identity_association.${id("aws_eks_pod_identity_association", "api_")}` },
        { id: "api-role", to: `aws_iam_role.${id("aws_iam_role", "api_")}` },
        { id: "api/api", to: `kubernetes_service_account_v1.${id("kubernetes_service_account_v1", "api_")}` },
        { id: "demo,a-web", to: `aws_eks_pod_identity_association.${id("aws_eks_pod_identity_association", "web_")}` },
      ]),
    );
    expect(demo.import).toHaveLength(4);
    expect(a.other!.import).toBeUndefined();
    delete demo.import;
    expect(a).toEqual(b);
  });
});

describe("the app (cdktf.json) reads imports/<cluster>.json", () => {
  if (terraformAvailable("terraform", "imports in the app")) {
    it("writes the import blocks into cdk.tf.json, and refuses a bad imports file with located errors and nothing written", () => {
      const { dir, file } = dirWith({ demo: GOOD });
      const out = join(dir, "out");
      const ok = runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: out });
      expect(ok.stderr).toBe("");
      expect(ok.status).toBe(0);
      const stack = JSON.parse(readFileSync(join(out, "stacks", "demo", "cdk.tf.json"), "utf8")) as Json;
      expect((stack.import as Json[]).map((i) => i.id).sort()).toEqual(["api-role", "api/api", "demo,a-0123456789abcdefg", "demo,a-web"]);

      writeFileSync(join(dir, "imports", "other.json"), `{"cluster":"other","tenants":{"nobody":{}}}`);
      const never = join(dir, "never");
      const bad = runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: never });
      expect(bad.status).toBe(1);
      expect(bad.stderr).toBe(`${join(dir, "imports", "other.json")}:1:31: tenants.nobody: tenant "nobody" is not in the tenants file on cluster "other"; run npm run adopt -- other again, or remove the entry\n`);
      expect(readdirSync(dir)).not.toContain("never");
      const validate = runNode(["dist/bin/validate.js", file]);
      expect(validate.status).toBe(1);
      expect(validate.stderr).toBe(bad.stderr);
    });

    it("without terraform on the PATH, says in one line that import blocks need it, and writes nothing", () => {
      const { dir, file } = dirWith({ demo: GOOD });
      const run = runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: join(dir, "out"), PATH: dirname(process.execPath), TERRAFORM_BINARY_NAME: undefined });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        `error: ${join(dir, "imports", "demo.json")} asks for import blocks, which need Terraform 1.5 or later on the PATH at synth time (cdktf runs terraform version), and terraform could not be run: install Terraform, or delete the imports file\n`,
      );
      expect(readdirSync(dir)).not.toContain("out");
      // Without an imports file, synth needs no terraform.
      const plain = dirWith({});
      expect(runApp({ TENANTS_FILE: plain.file, CDKTF_OUTDIR: join(plain.dir, "out"), PATH: dirname(process.execPath) }).status).toBe(0);
    });
  } else requiredTerraformTest("imports in the app");
});
