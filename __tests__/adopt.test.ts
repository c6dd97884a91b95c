/** lib/live/adopt.ts: which live things become which recorded imports, without a network. */
import { planClusters } from "../lib/plan/plan";
import { formatAdoption, needsServiceAccounts, ownRoleNames, planAdoption } from "../lib/live/adopt";
import { stackMoves } from "../lib/plan/stack-moves";
import { configOf } from "./helpers";

const ACCOUNT = "111122223333";
const role = (name: string, path = "/") => ({ name, path, arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}` });

async function planOf(yaml: string) {
  return planClusters(await configOf(yaml))[0]!;
}

const YAML = `clusters:
  - name: demo
    region: eu-west-1
    addons: [{ name: vpc-cni }]
sharedRoles: [{ name: teams }]
tenants:
  - { name: web, namespace: web, serviceAccount: app }
  - { name: a, namespace: a, serviceAccount: app, sharedRole: teams }
  - { name: helm, namespace: helm, serviceAccount: chart, createServiceAccount: false }
`;

it("asks IAM only about tenants' own roles, and Kubernetes only when the stack creates a service account", async () => {
  const plan = await planOf(YAML);
  expect(ownRoleNames(plan)).toEqual(["helm.demo", "web.demo"]);
  expect(needsServiceAccounts(plan)).toBe(true);
  expect(needsServiceAccounts(await planOf("clusters: [{ name: demo, region: eu-west-1 }]\ntenants: [{ name: h, namespace: h, serviceAccount: s, createServiceAccount: false }]\n"))).toBe(false);
});

it("records association, role and service account of a tenant, but not a shared role, nor a service account the stack does not create", async () => {
  const plan = await planOf(YAML);
  const a = planAdoption(plan, {
    associations: [
      { associationId: "a-web", namespace: "web", serviceAccount: "app", roleArn: `arn:aws:iam::${ACCOUNT}:role/handmade` },
      { associationId: "a-a", namespace: "a", serviceAccount: "app", roleArn: `arn:aws:iam::${ACCOUNT}:role/teams.demo` },
    ],
    roles: new Map([["web.demo", role("web.demo")], ["teams.demo", role("teams.demo")], ["helm.demo", role("helm.demo")]]),
    serviceAccounts: new Set(["web/app", "helm/chart", "a/app"]),
  });
  expect(Object.fromEntries(a.imports)).toEqual({
    // Each association with what it was, so that synth can check it is the tenant's.
    web: { association: { id: "a-web", namespace: "web", serviceAccount: "app", roleArn: `arn:aws:iam::${ACCOUNT}:role/handmade` }, roleName: "web.demo", serviceAccount: "web/app" },
    // A member of a shared role: its association and service account, never the shared role.
    a: { association: { id: "a-a", namespace: "a", serviceAccount: "app", roleArn: `arn:aws:iam::${ACCOUNT}:role/teams.demo` }, serviceAccount: "a/app" },
    helm: { roleName: "helm.demo" },
  });
  expect(a.actionNeeded).toBe(true);
});

it("never imports an add-on's association: a tenant's is a conflict, the others are reported", async () => {
  const plan = await planOf(YAML);
  const cni = `arn:aws:eks:eu-west-1:${ACCOUNT}:addon/demo/vpc-cni/1`;
  const ebs = `arn:aws:eks:eu-west-1:${ACCOUNT}:addon/demo/aws-ebs-csi-driver/2`;
  const a = planAdoption(plan, {
    associations: [
      { associationId: "a-1", namespace: "kube-system", serviceAccount: "aws-node", roleArn: "r", ownerArn: cni },
      { associationId: "a-2", namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa", roleArn: "r", ownerArn: ebs },
      { associationId: "a-3", namespace: "web", serviceAccount: "app", roleArn: "r", ownerArn: ebs },
    ],
    roles: new Map(),
    serviceAccounts: new Set(),
  });
  expect(a.imports.size).toBe(0);
  expect(a.findings).toEqual([
    { kind: "conflict", owner: "tenant web", what: "web/app is associated by add-on aws-ebs-csi-driver (a-3); an add-on's association cannot be imported: remove it from the add-on, or give the tenant another service account" },
    { kind: "add-on", owner: "add-on aws-ebs-csi-driver", what: "association a-2 of kube-system/ebs-csi-controller-sa: owned by the add-on; never imported" },
    { kind: "add-on", owner: "add-on vpc-cni", what: "association a-1 of kube-system/aws-node: clusters[].addons manages it through the add-on; never imported" },
  ]);
  expect(a.actionNeeded).toBe(true);
});

it("with nothing live, needs no action, writes no file, and says so", async () => {
  const plan = await planOf(YAML);
  const a = planAdoption(plan, { associations: [], roles: new Map(), serviceAccounts: new Set() });
  expect(a).toEqual({ imports: new Map(), namespaces: new Map(), findings: [], actionNeeded: false });
  expect(formatAdoption("demo", a, undefined)).toBe("demo: 0 to import, 0 conflict, 0 not in the file, 0 owned by add-ons\n");
});

it("does not import a role whose path differs from the file's: the deploy would replace it", async () => {
  const plan = await planOf("clusters: [{ name: demo, region: eu-west-1 }]\ntenants: [{ name: web, namespace: web, serviceAccount: app, createServiceAccount: false, role: { path: /teams/ } }]\n");
  const a = planAdoption(plan, { associations: [], roles: new Map([["web.demo", role("web.demo", "/")]]) });
  expect(a.imports.size).toBe(0);
  expect(a.findings).toEqual([{ kind: "conflict", owner: "tenant web", what: "role web.demo exists with path /, but the file says /teams/; a new path replaces the role, so it is not imported: set role.path: /" }]);
});

describe("with the moves of --base", () => {
  const OLD = `clusters: [{ name: demo, region: eu-west-1 }]
tenants:
  - { name: web, namespace: web, serviceAccount: app }
  - { name: pay, namespace: payments, serviceAccount: pay, createNamespace: true }
  - { name: new, namespace: new, serviceAccount: app }
`;
  const NOW = OLD.replace("createNamespace: true }", "createNamespace: true, stack: payments }").replace("serviceAccount: app }\n  - { name: pay", "serviceAccount: app, stack: front }\n  - { name: pay");

  it("records movedFrom for a moved tenant with a live association, and the moved namespace; a tenant never deployed does not move", async () => {
    const moves = stackMoves(await configOf(OLD), await configOf(NOW));
    expect(moves).toEqual([
      { kind: "namespace", name: "payments", cluster: "demo", from: "demo", to: "demo-payments" },
      { kind: "tenant", name: "pay", cluster: "demo", from: "demo", to: "demo-payments" },
      { kind: "tenant", name: "web", cluster: "demo", from: "demo", to: "demo-front" },
    ]);
    const plan = await planOf(NOW);
    const roleArn = `arn:aws:iam::${ACCOUNT}:role/pay.demo`;
    const a = planAdoption(plan, { associations: [{ associationId: "a-pay", namespace: "payments", serviceAccount: "pay", roleArn }], roles: new Map([["pay.demo", role("pay.demo")]]) }, moves);
    expect(Object.fromEntries(a.imports)).toEqual({ pay: { movedFrom: "demo", association: { id: "a-pay", namespace: "payments", serviceAccount: "pay", roleArn }, roleName: "pay.demo" } });
    expect(a.namespaces).toEqual(new Map([["payments", "demo"]]));
    expect(a.findings.filter((f) => f.kind === "move")).toEqual([
      { kind: "move", owner: "namespace payments", what: "from stack demo to demo-payments: removed (destroy = false) from the old stack, imported into the new one" },
      { kind: "move", owner: "tenant pay", what: "from stack demo to demo-payments: its resources are removed (destroy = false) from the old stack and imported into the new one" },
      { kind: "move", owner: "tenant web", what: "from stack demo to demo-front, but it has no live association: the old stack never deployed it, so nothing moves" },
    ]);
    expect(a.actionNeeded).toBe(true);
    expect(formatAdoption("demo", a, undefined).split("\n").at(-2)).toBe("demo: 3 moved between stacks, 2 to import, 0 conflict, 0 not in the file, 0 owned by add-ons");
  });
});
