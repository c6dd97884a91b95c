import { groupStackName, planStacks, stackNames, workspaceName } from "../lib/plan/stack-plan";
import { configOf } from "./helpers";

const FILE = `
clusters:
  - { name: prod, region: eu-west-1 }
  - { name: dev, region: eu-west-1 }
sharedRoles: [{ name: batch }]
tenants:
  - { name: zeta, namespace: z, serviceAccount: z, stack: search }
  - { name: web, namespace: web, serviceAccount: web }
  - { name: beta, namespace: b, serviceAccount: b, stack: payments, clusters: [prod] }
  - { name: alpha, namespace: a, serviceAccount: a, stack: payments }
  - { name: nightly, namespace: n, serviceAccount: n, sharedRole: batch }
`;

describe("planStacks", () => {
  it("keeps ungrouped tenants and shared roles in the base plan, and groups the rest per cluster, in name order", async () => {
    const plans = planStacks(await configOf(FILE));
    expect(plans.map((p) => ({ base: p.base.cluster.name, tenants: p.base.tenants.map((t) => t.tenant.name), shared: p.base.sharedRoles.map((r) => r.sharedRole.name) }))).toEqual([
      { base: "prod", tenants: ["nightly", "web"], shared: ["batch"] },
      { base: "dev", tenants: ["nightly", "web"], shared: ["batch"] },
    ]);
    expect(plans.map((p) => p.groups.map((g) => [g.stackName, g.group, g.cluster.name, g.tenants.map((t) => t.tenant.name)]))).toEqual([
      [
        ["prod-payments", "payments", "prod", ["alpha", "beta"]],
        ["prod-search", "search", "prod", ["zeta"]],
      ],
      [
        ["dev-payments", "payments", "dev", ["alpha"]],
        ["dev-search", "search", "dev", ["zeta"]],
      ],
    ]);
  });

  it("derives a grouped tenant's role name from its cluster, as in the base stack", async () => {
    const [prod] = planStacks(await configOf(FILE));
    expect(prod!.groups[0]!.tenants.map((t) => t.roleName)).toEqual(["alpha.prod", "beta.prod"]);
  });

  it("lists every stack name, and makes <cluster>-<group>", async () => {
    expect(stackNames(await configOf(FILE))).toEqual(["prod", "prod-payments", "prod-search", "dev", "dev-payments", "dev-search"]);
    expect(groupStackName("Prod_1", "blue")).toBe("Prod_1-blue");
  });

  it("makes no group stacks for a file without groups", async () => {
    const plans = planStacks(await configOf("clusters: [{ name: c, region: us-east-1 }]\ntenants: [{ name: t, namespace: n, serviceAccount: s }]\n"));
    expect(plans.map((p) => [p.base.tenants.length, p.groups.length])).toEqual([[1, 0]]);
  });
});

describe("workspaceName", () => {
  it("names workspaces by prefix and stack", () => {
    expect(workspaceName({ organization: "o", workspacePrefix: "team_a-" }, "prod-payments")).toBe("team_a-prod-payments");
  });
});
