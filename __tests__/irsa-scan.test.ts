/** lib/live/irsa-scan.ts: which IRSA service accounts become which tenant entries, without a network. */
import { parse, stringify } from "yaml";
import { planClusters } from "../lib/plan/plan";
import { formatIrsaEntries, scanIrsa } from "../lib/live/irsa-scan";
import { configOf, problemsOf } from "./helpers";

/** The file with the scan's printed lists added to its own, as the printed comment says. */
function pasted(file: string, printed: string): string {
  const base = parse(file) as Record<string, unknown[]>;
  const add = (parse(printed) ?? {}) as Record<string, unknown[]>;
  for (const key of ["sharedRoles", "tenants"]) if (add[key]) base[key] = [...(base[key] ?? []), ...add[key]!];
  return stringify(base);
}

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
  expect(r.sharedRoles).toEqual([]);
  expect(r.entries).toEqual([
    // "orders-api" is taken by a tenant of the file, so the name gets a suffix.
    { name: "orders-api-2", namespace: "orders", serviceAccount: "api", clusters: ["demo"], createServiceAccount: false, role: { name: "orders-api-role" }, irsa: { oidcProviderArn: provider } },
    { name: "shop-orders-api", namespace: "shop", serviceAccount: "orders-api", clusters: ["demo"], createServiceAccount: false, role: { name: "orders", path: "/svc/" }, irsa: { oidcProviderArn: provider } },
  ]);
});

it("leaves out irsa when the cluster reports no issuer, and prints YAML that parses back to the entries", async () => {
  const r = await scan(FILE, [{ namespace: "a", name: "b", annotations: role("arn:aws:iam::111122223333:role/r") }], { arn: ARN, issuer: undefined as unknown as string });
  expect(r.entries).toEqual([{ name: "a-b", namespace: "a", serviceAccount: "b", clusters: ["demo"], createServiceAccount: false, role: { name: "r" } }]);
  const text = formatIrsaEntries("demo", r);
  expect(text.startsWith("# 1 IRSA service account(s) of cluster demo, as entries of the tenants file: add the items\n")).toBe(true);
  expect(parse(text)).toEqual({ tenants: r.entries });
  expect(formatIrsaEntries("demo", { entries: [], sharedRoles: [] })).toBe("# demo: no IRSA service account left to migrate\n");
});

describe("what it prints validates once pasted, and breaks no service account", () => {
  const ONE = "arn:aws:iam::111122223333:role/shared-reader";
  it("turns a role used by several service accounts into a new shared role with them as members, leaving the IRSA role alone", async () => {
    const accounts = [
      { namespace: "a", name: "app", annotations: role(ONE) },
      { namespace: "b", name: "app", annotations: role(` ${ONE}`) },
      { namespace: "c", name: "worker", annotations: role(ONE) },
      { namespace: "d", name: "solo", annotations: role("arn:aws:iam::111122223333:role/solo") },
    ];
    const r = await scan(FILE, accounts);
    expect(r.skipped).toEqual([]);
    expect(r.sharedRoles).toEqual([{ name: "shared-reader", replaces: ONE }]);
    const member = (namespace: string, serviceAccount: string, name: string) => ({ name, namespace, serviceAccount, clusters: ["demo"], createServiceAccount: false, sharedRole: "shared-reader" });
    expect(r.entries).toEqual([
      member("a", "app", "a-app"),
      member("b", "app", "b-app"),
      member("c", "worker", "c-worker"),
      expect.objectContaining({ name: "d-solo", role: { name: "solo" }, irsa: expect.any(Object) }),
    ]);
    const text = formatIrsaEntries("demo", r);
    expect(text).toContain(`  # replaces the IRSA role ${ONE}, which a/app, b/app, c/worker share: copy its policies here;\n`);
    const file = pasted(FILE, text);
    expect(await problemsOf(file)).toEqual([]);
    // The shared role is created under a name of its own, never taking the IRSA role's trust.
    const plan = planClusters(await configOf(file))[0]!;
    expect(plan.sharedRoles.map((x) => [x.roleName, x.members.map((m) => m.name)])).toEqual([["shared-reader.demo", ["a-app", "b-app", "c-worker"]]]);
  });

  it("gives the shared role a name whose role name is no IRSA role's, and no tenant's or shared role's name", async () => {
    const file = `${FILE}  - { name: reader-2, namespace: x, serviceAccount: y, sharedRole: reader }\nsharedRoles: [{ name: reader }]\n`;
    const r = await scan(file, [
      { namespace: "a", name: "app", annotations: role("arn:aws:iam::111122223333:role/reader") },
      { namespace: "b", name: "app", annotations: role("arn:aws:iam::111122223333:role/reader") },
      { namespace: "c", name: "app", annotations: role("arn:aws:iam::111122223333:role/reader-3.demo") },
    ]);
    // reader is a shared role, reader-2 a tenant, reader-3 would be named reader-3.demo: an IRSA role.
    expect(r.sharedRoles.map((x) => x.name)).toEqual(["reader-4"]);
    expect(await problemsOf(pasted(file, formatIrsaEntries("demo", r)))).toEqual([]);
  });

  it("skips a role of another partition or account, or one the file already names, with a note", async () => {
    const r = await scan(FILE.replace("region: eu-west-1", "region: eu-west-1\n    accountId: \"111122223333\""), [
      { namespace: "a", name: "cn", annotations: role("arn:aws-cn:iam::111122223333:role/r") },
      { namespace: "a", name: "other", annotations: role("arn:aws:iam::444455556666:role/r") },
      { namespace: "a", name: "taken", annotations: role("arn:aws:iam::111122223333:role/orders-api.demo") },
      { namespace: "a", name: "path", annotations: role("arn:aws:iam::111122223333:role/aws-service-role/x") },
    ], { arn: undefined as unknown as string, issuer: ISSUER });
    expect(r.entries).toEqual([]);
    expect(r.skipped).toEqual([
      `a/cn: its role arn:aws-cn:iam::111122223333:role/r is in partition aws-cn, not the cluster's partition aws; a tenant's role lives in the cluster's partition and account, so migrate this one by hand`,
      `a/other: its role arn:aws:iam::444455556666:role/r is in account 444455556666, not the cluster's account 111122223333; a tenant's role lives in the cluster's account, so migrate this one by hand`,
      `a/path: its eks.amazonaws.com/role-arn annotation "arn:aws:iam::111122223333:role/aws-service-role/x" is not an IAM role ARN that the tenants file can name`,
      `a/taken: its role orders-api.demo is already tenant "orders-api"'s role in the file, and one role cannot be two entries' own; give this service account to that entry's role by hand (for example as members of a shared role)`,
    ]);
  });
});
