/** lib/live/irsa-scan.ts: which IRSA service accounts become which tenant entries, without a network. */
import { parse } from "yaml";
import { planClusters } from "../lib/config/plan";
import { formatIrsaEntries, scanIrsa } from "../lib/live/irsa-scan";
import { configOf } from "./helpers";

const ARN = "arn:aws:eks:eu-west-1:111122223333:cluster/demo";
const ISSUER = "https://oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF";
const role = (r: string) => ({ "eks.amazonaws.com/role-arn": r });

async function scan(yaml: string, accounts: Parameters<typeof scanIrsa>[0], cluster = { arn: ARN, issuer: ISSUER }) {
  const config = await configOf(yaml);
  return scanIrsa(accounts, config, planClusters(config)[0]!, cluster);
}

const FILE = `clusters:
  - name: demo
    region: eu-west-1
    addons: [{ name: my-addon, serviceAccount: my-addon-sa, managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] }]
tenants:
  - { name: orders-api, namespace: web, serviceAccount: app }
`;

it("turns each annotated service account the file does not cover into an entry that adopts the role", async () => {
  const r = await scan(FILE, [
    { namespace: "shop", name: "orders-api", annotations: role("arn:aws:iam::111122223333:role/svc/orders") },
    { namespace: "orders", name: "api", annotations: role("arn:aws:iam::111122223333:role/orders-api-role") },
    { namespace: "web", name: "app", annotations: role("arn:aws:iam::111122223333:role/web") },
    { namespace: "plain", name: "plain", annotations: {} },
    { namespace: "amazon-cloudwatch", name: "cloudwatch-agent", annotations: role("arn:aws:iam::111122223333:role/cw") },
    { namespace: "anywhere", name: "my-addon-sa", annotations: role("arn:aws:iam::111122223333:role/addon") },
  ]);
  expect(r.skipped).toEqual([]);
  const provider = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/ABCDEF";
  expect(r.entries).toEqual([
    // "orders-api" is taken by a tenant of the file, so the name gets a suffix.
    { name: "orders-api-2", namespace: "orders", serviceAccount: "api", clusters: ["demo"], createServiceAccount: false, role: { name: "orders-api-role" }, irsa: { oidcProviderArn: provider } },
    { name: "shop-orders-api", namespace: "shop", serviceAccount: "orders-api", clusters: ["demo"], createServiceAccount: false, role: { name: "orders", path: "/svc/" }, irsa: { oidcProviderArn: provider } },
  ]);
});

it("leaves out irsa when the cluster reports no issuer, and prints YAML that parses back to the entries", async () => {
  const r = await scan(FILE, [{ namespace: "a", name: "b", annotations: role("arn:aws:iam::111122223333:role/r") }], { arn: ARN, issuer: undefined as unknown as string });
  expect(r.entries).toEqual([{ name: "a-b", namespace: "a", serviceAccount: "b", clusters: ["demo"], createServiceAccount: false, role: { name: "r" } }]);
  const text = formatIrsaEntries("demo", r.entries);
  expect(text.startsWith("# 1 IRSA service account(s) of cluster demo, as tenant entries: paste them under tenants:,\n")).toBe(true);
  expect(parse(text)).toEqual(r.entries);
  expect(formatIrsaEntries("demo", [])).toBe("# demo: no IRSA service account left to migrate\n");
});
