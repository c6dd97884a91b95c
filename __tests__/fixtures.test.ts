/** __tests__/fixtures.ts: the defaults make a valid file, and what a test gives wins. */
import { parse } from "yaml";
import { configOf } from "./helpers";
import { tenantsFile, tenantsObject } from "./fixtures";

it("makes a valid file of one cluster and no tenant by default", async () => {
  expect(parse(tenantsFile())).toEqual({ clusters: [{ name: "demo", region: "us-east-1" }], tenants: [] });
  expect((await configOf(tenantsFile())).clusters.map((c) => c.name)).toEqual(["demo"]);
});

it("gives each tenant its name as namespace and service account unless the test sets them", async () => {
  const text = tenantsFile({ tenants: [{ name: "web" }, { name: "jobs", namespace: "batch", serviceAccount: "runner", managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }] });
  const config = await configOf(text);
  expect(config.tenants.map((t) => [t.name, t.namespace, t.serviceAccount])).toEqual([
    ["web", "web", "web"],
    ["jobs", "batch", "runner"],
  ]);
  expect(config.tenants[1]!.managedPolicyArns).toEqual(["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
});

it("keeps other top-level keys, between clusters and tenants, and writes JSON on request", async () => {
  const fixture = { clusters: [{ name: "a", region: "eu-west-1", accountId: "111122223333" }], sharedRoles: [{ name: "team" }], tenants: [{ name: "t", sharedRole: "team" }] };
  expect(Object.keys(tenantsObject(fixture))).toEqual(["clusters", "sharedRoles", "tenants"]);
  expect(JSON.parse(tenantsFile(fixture, "json"))).toEqual(parse(tenantsFile(fixture)));
  expect((await configOf(tenantsFile(fixture))).clusters[0]).toMatchObject({ name: "a", region: "eu-west-1", accountId: "111122223333" });
});
