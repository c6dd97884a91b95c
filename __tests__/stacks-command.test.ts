import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeStacks, runStacks, STACKS_USAGE } from "../lib/commands/stacks-command";
import { buildStacks } from "../stacks/build-stacks";
import { planSizeFindings } from "../lib/checks/plan-size-checks";
import { estimatePlan, type PlanObjects } from "../lib/plan/plan-time";
import { configOf } from "./helpers";
import { runNode } from "./run";

const FILE = `
clusters:
  - { name: prod, region: eu-west-1, accountId: "111122223333" }
state: { cloud: { organization: acme, workspacePrefix: pi- } }
tenants:
  - { name: web, namespace: web, serviceAccount: web }
  - name: indexer
    namespace: search
    serviceAccount: indexer
    stack: search
    grants: [{ s3: { bucket: index, access: read } }]
`;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (l: string) => err.push(l) } };
}

/** The plan-time figures of a stack of these objects, rounded as the command prints them, and no warning. */
const plan = (o: PlanObjects) => ({ planCpuSeconds: Math.round(estimatePlan(o).cpuSeconds), planPeakRssMiB: Math.round(estimatePlan(o).peakRssMiB), planWarning: null });

describe("describeStacks", () => {
  it("lists each stack with its cluster, group, dependencies, folder, workspace and refresh cost", async () => {
    const stacks = describeStacks(await configOf(FILE), buildStacks);
    expect(stacks.map(({ warning, ...s }) => s)).toEqual([
      {
        name: "prod",
        cluster: "prod",
        group: null,
        dependsOn: [],
        directory: "cdktf.out/stacks/prod",
        workspace: "pi-prod",
        tenants: 1,
        // the agent add-on; web's role, service account, association
        resources: 4,
        // eks_cluster, the agent's version lookup, web's trust document
        dataSources: 3,
        // provider 1; add-on 1; role 3; service account 1; association 1; DescribeCluster 1; DescribeAddonVersions 1
        refreshCalls: 9,
        iamCalls: 3,
        // web: role, service account, association; its trust document; its output entry
        ...plan({ resources: 3, policyDocuments: 1, outputEntries: 1 }),
      },
      {
        name: "prod-search",
        cluster: "prod",
        group: "search",
        dependsOn: ["prod"],
        directory: "cdktf.out/stacks/prod-search",
        workspace: "pi-prod-search",
        tenants: 1,
        // role, inline policy, service account, association
        resources: 4,
        // eks_cluster, trust and permissions documents
        dataSources: 3,
        // provider 1; role 3 + GetRolePolicy 1; policy 1; service account 1; association 1; DescribeCluster 1
        refreshCalls: 9,
        iamCalls: 5,
        // indexer: role, inline policy, service account, association; two documents; its output entry
        ...plan({ resources: 4, policyDocuments: 2, outputEntries: 1 }),
      },
    ]);
    expect(stacks.map((s) => s.warning)).toEqual([null, null]);
  });

  it("warns about a stack above the threshold and suggests how many groups", async () => {
    const [base] = describeStacks(await configOf(FILE), buildStacks, { maxCalls: 4, outdir: "out" });
    expect(base!.directory).toBe("out/stacks/prod");
    expect(base!.warning).toBe('stack "prod": a plan refreshes 4 resources with an estimated 9 API calls (3 to IAM), above 4; split its 1 tenants into about 3 stack groups with tenants[].stack');
  });

  it("warns about a stack whose plan is estimated above the CPU budget, with the split validate proposes", async () => {
    const config = await configOf(FILE);
    const [base, search] = describeStacks(config, buildStacks, { maxPlanCpu: 1 });
    expect(base!.planWarning).toBe(planSizeFindings({ ...config, planBudget: { cpuSeconds: 1 } })[0]!.message);
    expect(base!.planWarning).toMatch(/^stack "prod": its plan is estimated at [\d.]+ s of CPU .* above the budget of 1 s \(planBudget\.cpuSeconds\); what must stay/);
    expect(search!.planWarning).toMatch(/^stack "prod-search": /);
    expect(describeStacks({ ...config, planBudget: { cpuSeconds: 1 } }, buildStacks).map((s) => s.planWarning === null)).toEqual([false, false]);
  });
});

describe("runStacks", () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "stacks-command-"));
    file = join(dir, "tenants.yaml");
    writeFileSync(file, FILE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("prints JSON for a CI matrix", async () => {
    const r = io();
    expect(await runStacks(["--format", "json", file], "missing.yaml", r.io, buildStacks)).toBe(0);
    const json = JSON.parse(r.out.join("")) as { maxRefreshCalls: number; stacks: Array<{ name: string; dependsOn: string[] }> };
    expect(json.maxRefreshCalls).toBe(5000);
    expect(json.stacks.map((s) => [s.name, s.dependsOn])).toEqual([
      ["prod", []],
      ["prod-search", ["prod"]],
    ]);
    expect(r.err).toEqual([]);
  });

  it("prints a table, and warnings on stderr", async () => {
    const r = io();
    expect(await runStacks([file, "--max-calls=8"], "missing.yaml", r.io, buildStacks)).toBe(0);
    expect(r.out.join("")).toBe(
      [
        "STACK        DEPENDS ON  TENANTS  RESOURCES  REFRESH CALLS  IAM CALLS  PLAN CPU S",
        `prod         -                 1          4              9          3  ${String(plan({ resources: 3, policyDocuments: 1, outputEntries: 1 }).planCpuSeconds).padStart(10)}`,
        `prod-search  prod              1          4              9          5  ${String(plan({ resources: 4, policyDocuments: 2, outputEntries: 1 }).planCpuSeconds).padStart(10)}`,
        "",
      ].join("\n"),
    );
    expect(r.err).toEqual([
      'warning: stack "prod": a plan refreshes 4 resources with an estimated 9 API calls (3 to IAM), above 8; split its 1 tenants into about 2 stack groups with tenants[].stack',
      'warning: stack "prod-search": a plan refreshes 4 resources with an estimated 9 API calls (5 to IAM), above 8; split its 1 tenants into about 2 stack groups with tenants[].stack',
    ]);
  });

  it("exits 1 on an invalid file and 2 on bad usage", async () => {
    writeFileSync(join(dir, "bad.yaml"), "clusters: []\n");
    const bad = io();
    expect(await runStacks([join(dir, "bad.yaml")], "x", bad.io, buildStacks)).toBe(1);
    expect(bad.err).toEqual([`${join(dir, "bad.yaml")}:1:11: clusters: at least one cluster is required`]);
    for (const args of [["--format", "yaml"], ["--max-calls", "0"], ["--max-plan-cpu", "2m"], ["--nope"], ["a.yaml", "b.yaml"]]) {
      const r = io();
      expect(await runStacks(args, "x", r.io, buildStacks)).toBe(2);
      expect(r.err[1]).toBe(STACKS_USAGE.split("\n")[0]);
    }
  });
});

describe("the stacks command", () => {
  it("prints its usage with --help and exits 0", () => {
    const r = runNode(["dist/bin/stacks.js", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(STACKS_USAGE);
  });

  it("lists the example's stacks from TENANTS_FILE", () => {
    const r = runNode(["dist/bin/stacks.js", "--format", "json"], { TENANTS_FILE: "examples/stack-groups.yaml" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as { stacks: Array<{ name: string }> }).stacks.map((s) => s.name)).toEqual(["prod-us", "prod-us-payments", "prod-us-search", "staging", "staging-payments"]);
  });
});

describe("--base: tenants and namespaces that moved to another stack", () => {
  const OLD = `
clusters: [{ name: prod, region: eu-west-1 }]
tenants:
  - { name: web, namespace: web, serviceAccount: web }
  - { name: checkout, namespace: payments, serviceAccount: checkout, createNamespace: true }
`;
  const NOW = OLD.replace("createNamespace: true }", "createNamespace: true, stack: payments }");
  function files(imports?: string) {
    const dir = mkdtempSync(join(tmpdir(), "stacks-base-"));
    writeFileSync(join(dir, "old.yaml"), OLD);
    writeFileSync(join(dir, "tenants.yaml"), NOW);
    if (imports) {
      mkdirSync(join(dir, "imports"));
      writeFileSync(join(dir, "imports", "prod.json"), imports);
    }
    return { dir, old: join(dir, "old.yaml"), file: join(dir, "tenants.yaml") };
  }

  it("fails on a move the imports file does not record, saying what to run", async () => {
    const { old, file } = files();
    const r = io();
    expect(await runStacks(["--base", old, file], "unused.yaml", r.io, buildStacks)).toBe(1);
    expect(r.err).toEqual([
      `error: namespace payments on cluster prod moved from stack prod to prod-payments without a record; run npm run adopt -- prod --base ${old}`,
      `error: tenant checkout on cluster prod moved from stack prod to prod-payments without a record; run npm run adopt -- prod --base ${old}`,
    ]);
    expect(r.out.join("").split("\n\n")[1]).toBe(
      [
        `namespace payments on cluster prod moves from stack prod to prod-payments: not recorded, so a deploy would destroy it in prod and create it again in prod-payments; run npm run adopt -- prod --base ${old}`,
        `tenant checkout on cluster prod moves from stack prod to prod-payments: not recorded, so a deploy would destroy it in prod and create it again in prod-payments; run npm run adopt -- prod --base ${old}`,
        "",
      ].join("\n"),
    );
  });

  it("passes once adopt has recorded both, and lists them in the JSON", async () => {
    const association = { id: "a-1", namespace: "payments", serviceAccount: "checkout", roleArn: "arn:aws:iam::111122223333:role/checkout.prod" };
    const { old, file } = files(JSON.stringify({ cluster: "prod", tenants: { checkout: { movedFrom: "prod", association } }, namespaces: { payments: { movedFrom: "prod" } } }));
    const r = io();
    expect(await runStacks(["--format", "json", `--base=${old}`, file], "unused.yaml", r.io, buildStacks)).toBe(0);
    expect(r.err).toEqual([]);
    expect(JSON.parse(r.out.join("")).moves).toEqual([
      { kind: "namespace", name: "payments", cluster: "prod", from: "prod", to: "prod-payments", recorded: true },
      { kind: "tenant", name: "checkout", cluster: "prod", from: "prod", to: "prod-payments", recorded: true },
    ]);
    // Without --base, nothing about moves.
    const plain = io();
    expect(await runStacks(["--format", "json", file], "unused.yaml", plain.io, buildStacks)).toBe(0);
    expect(JSON.parse(plain.out.join("")).moves).toBeUndefined();
  });

  it("needs a file after --base", async () => {
    const r = io();
    expect(await runStacks(["--base"], "unused.yaml", r.io, buildStacks)).toBe(2);
    expect(r.err[0]).toBe("error: --base needs the older tenants file");
  });
});
