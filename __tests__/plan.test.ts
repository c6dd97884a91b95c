import { planClusters, tenantsOn } from "../lib/plan/plan";
import { configOf } from "./helpers";

const YAML = `
clusters:
  - { name: a, region: us-east-1 }
  - { name: b, region: eu-west-1 }
tenants:
  - { name: everywhere, namespace: n1, serviceAccount: s }
  - { name: only-b, namespace: n2, serviceAccount: s, clusters: [b] }
  - { name: named, namespace: n3, serviceAccount: s, clusters: [a], role: { name: fixed } }
`;

it("puts a tenant without clusters on every cluster, and the others where they say", async () => {
  const config = await configOf(YAML);
  expect(tenantsOn(config, "a").map((t) => t.name)).toEqual(["everywhere", "named"]);
  expect(tenantsOn(config, "b").map((t) => t.name)).toEqual(["everywhere", "only-b"]);
});

it("resolves each tenant's role name per cluster", async () => {
  const plans = planClusters(await configOf(YAML));
  expect(plans.map((p) => [p.cluster.name, p.tenants.map((t) => t.roleName)])).toEqual([
    ["a", ["everywhere.a", "fixed"]],
    ["b", ["everywhere.b", "only-b.b"]],
  ]);
});

it("plans tenants in name order, whatever their order in the file", async () => {
  const plans = planClusters(await configOf(YAML.replace("  - { name: everywhere, namespace: n1, serviceAccount: s }\n", "") + "  - { name: everywhere, namespace: n1, serviceAccount: s }\n"));
  expect(plans.map((p) => p.tenants.map((t) => t.tenant.name))).toEqual([
    ["everywhere", "named"],
    ["everywhere", "only-b"],
  ]);
});
