import { formatSeconds, planSizeFindings, proposeSplit } from "../lib/checks/plan-size-checks";
import { estimatePlan, PLAN_COST, tenantObjects } from "../lib/plan/plan-time";
import { configOf, problemsOf } from "./helpers";

const tenant = (i: number, extra = "") => `  - { name: t${String(i).padStart(3, "0")}, namespace: n${i}, serviceAccount: app${extra} }`;
const file = (n: number, budget: number | undefined, extra: (i: number) => string = () => "", head = "") => `
clusters: [{ name: prod, region: us-east-1, accountId: "111122223333" }]
${budget === undefined ? "" : `planBudget: { cpuSeconds: ${budget} }\n`}${head}tenants:
${Array.from({ length: n }, (_, i) => tenant(i, extra(i))).join("\n")}
`;
/** What one plain tenant (own role, its trust, association, service account, output entry) costs beside the fixed cost. */
const perTenant = () => estimatePlan({ resources: 3, policyDocuments: 1, outputEntries: 1 }).cpuSeconds - PLAN_COST.fixedCpuS;
/** The smallest budget that holds a tenant, and how many plain tenants it holds. */
const BUDGET = Math.ceil(PLAN_COST.fixedCpuS) + 1;
const fits = () => Math.floor((BUDGET - PLAN_COST.fixedCpuS) / perTenant());
const pad = (i: number) => `t${String(i).padStart(3, "0")}`;

describe("plan size", () => {
  it("says nothing about a stack within the budget, or with the default budget of 120 s", async () => {
    expect(planSizeFindings(await configOf(file(fits(), BUDGET)))).toEqual([]);
    expect(planSizeFindings(await configOf(file(40, undefined)))).toEqual([]);
  });

  it("warns at the cluster's name, with the estimate and a split whose every group fits the budget", async () => {
    const m = fits();
    const n = 2 * m + 3;
    const findings = planSizeFindings(await configOf(file(n, BUDGET)));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.path).toEqual(["clusters", 0, "name"]);
    expect(findings[0]!.severity).toBe("warning");
    const head = `stack "prod": its plan is estimated at ${formatSeconds(estimatePlan({ resources: 3 * n, policyDocuments: n, outputEntries: n }).cpuSeconds)} s of CPU`;
    expect(findings[0]!.message.startsWith(head)).toBe(true);
    expect(findings[0]!.message).toContain(`MiB (${n} tenants, at the per-object costs npm run bench:plan measured), above the budget of ${BUDGET} s (planBudget.cpuSeconds); `);
    expect(findings[0]!.message).toMatch(new RegExp(`; split it into 3 stack groups with tenants\\[\\]\\.stack: part-1 for t000 … ${pad(m - 1)} \\(${m}\\), part-2 for ${pad(m)} … ${pad(2 * m - 1)} \\(${m}\\), part-3 for ${pad(2 * m)} … ${pad(n - 1)} \\(3\\)$`));
    // Following the proposal leaves no stack over the budget.
    const split = file(n, BUDGET, (i) => `, stack: part-${Math.floor(i / m) + 1}`);
    expect(planSizeFindings(await configOf(split))).toEqual([]);
  });

  it("splits an oversized group into the group and numbered siblings, and warns at its first tenant's stack", async () => {
    const m = fits();
    const findings = planSizeFindings(await configOf(file(2 * m + 6, BUDGET, (i) => (i < 5 ? "" : ", stack: batch"))));
    expect(findings.map((f) => f.path)).toEqual([["tenants", 5, "stack"]]);
    expect(findings[0]!.message).toContain('stack "prod-batch"');
    expect(findings[0]!.message).toContain(`split it into 3 stack groups with tenants[].stack: batch for t005 … ${pad(m + 4)} (${m}), batch-2 for ${pad(m + 5)} … ${pad(2 * m + 4)} (${m}), batch-3 for ${pad(2 * m + 5)} (1)`);
  });

  it("keeps shared roles' members in the base stack, and says so when they alone are over the budget", async () => {
    const shared = "sharedRoles: [{ name: batch, grants: [{ s3: { bucket: acme-batch, access: read } }] }]\n";
    const findings = planSizeFindings(await configOf(file(fits() + 20, BUDGET, () => ", sharedRole: batch", shared)));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/; what must stay in it \(shared roles and their members, add-ons, controllers\) is over the budget already$/);
  });

  it("lists at most six groups and sums up the rest", async () => {
    const m = fits();
    const findings = planSizeFindings(await configOf(file(9 * m, BUDGET)));
    expect(findings[0]!.message).toMatch(new RegExp(`part-6 for ${pad(5 * m)} … ${pad(6 * m - 1)} \\(${m}\\), and 3 more groups in the same way$`));
  });

  it("leaves a cluster over the association quota to the quota's error: no split would fix it", async () => {
    const problems = await problemsOf(file(5001, BUDGET));
    // The role quota of the account speaks too (role-quota.test.ts); the plan size does not.
    expect(problems).toContainEqual(expect.stringMatching(/^tenants\.yaml:2:\d+: clusters\[0\]\.name: cluster "prod" would hold 5001 Pod Identity associations; EKS allows at most 5000/));
    expect(problems.filter((p) => p.includes("its plan is estimated"))).toEqual([]);
  });

  it("is an error under strict: true", async () => {
    const problems = await problemsOf(`${file(fits() + 1, BUDGET)}strict: true\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^tenants\.yaml:2:\d+: clusters\[0\]\.name: stack "prod": its plan is estimated at .* \(an error because strict is true\)$/);
  });

  it("refuses a budget that is not a whole number of seconds from 1 to 86,400", async () => {
    expect(await problemsOf(file(1, 0))).toEqual([expect.stringMatching(/^tenants\.yaml:3:27: planBudget\.cpuSeconds: .*1.*86400/)]);
  });
});

describe("formatSeconds", () => {
  it("shows tenths below 100 s and whole seconds with thousands separators above", () => {
    expect([formatSeconds(7.43), formatSeconds(7), formatSeconds(99.94), formatSeconds(483.4), formatSeconds(2328.6)]).toEqual(["7.4", "7", "99.9", "483", "2,329"]);
  });
});

describe("proposeSplit", () => {
  it("fills groups in name order up to the capacity, whatever the file's order", async () => {
    const config = await configOf(file(5, undefined));
    const tenants = config.tenants.map((tenant) => ({ tenant, roleName: tenant.name })).reverse();
    const one = estimatePlan(tenantObjects(config.tenants[0]!)).cpuSeconds - PLAN_COST.fixedCpuS;
    expect(proposeSplit(tenants, one * 2.5, (i) => `g${i}`)).toEqual([
      { group: "g1", first: "t000", last: "t001", tenants: 2 },
      { group: "g2", first: "t002", last: "t003", tenants: 2 },
      { group: "g3", first: "t004", last: "t004", tenants: 1 },
    ]);
  });
});
