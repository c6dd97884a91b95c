/**
 * stacks/move-blocks.ts: a tenant (and the namespace it creates) moved to another stack is
 * forgotten by the old stack (`removed`, destroy = false) and imported by the new one, with every
 * resource's documented import ID; then the real terraform, with the AWS provider of the local
 * mirror and IAM and EKS answered by the stand-in, plans "forget" in the old stack and "import"
 * in the new one, and no delete or create anywhere.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App, Testing } from "cdktf";
import { buildStacks } from "../stacks/build-stacks";
import type { ClusterMoves } from "../lib/file/imports-file";
import { configOf, parse, type Json } from "./helpers";
import { awsPart } from "./aws-part";
import { awsEnv, startAwsStandIn } from "./stand-in/aws-api";
import { tempDir } from "./temp-dir";
import { pluginMirror, requiredTerraformTest, terraform, terraformAvailable } from "./terraform";

jest.setTimeout(300_000);

const ACCOUNT = "111122223333";
const TENANTS = (checkoutStack: string) => `clusters: [{ name: prod, region: eu-west-1, accountId: "${ACCOUNT}", agent: { install: none } }]
tenants:
  - { name: web, namespace: web, serviceAccount: app }
  - name: checkout
    namespace: payments
    serviceAccount: checkout
    createNamespace: true
    smokeTest: true
    managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"]
    grants: [{ s3: { bucket: orders-bucket } }]${checkoutStack}
`;
const BEFORE = TENANTS("");
const AFTER = TENANTS("\n    stack: payments");
const MOVES: ClusterMoves = { tenants: new Map([["checkout", "prod"]]), namespaces: new Map([["payments", "prod"]]) };

async function synth(yaml: string, moves?: ClusterMoves): Promise<Record<string, Json>> {
  const config = await configOf(yaml);
  const imports = moves ? new Map([["prod", new Map([["checkout", { associationId: "a-checkout" }]])]]) : undefined;
  const stacks = buildStacks(Testing.app() as App, config, imports, moves ? new Map([["prod", moves]]) : undefined);
  return Object.fromEntries(stacks.map((s) => [s.node.id, parse(Testing.synth(s))]));
}

const addressesOf = (stack: Json, type: string, prefix: string) => Object.keys(stack.resource[type] ?? {}).filter((k) => k.startsWith(prefix)).map((k) => `${type}.${k}`);

describe("the blocks", () => {
  it("forget every resource of the tenant and its namespace in the old stack, and import each in the new one, at the same addresses", async () => {
    const before = await synth(BEFORE);
    const after = await synth(AFTER, MOVES);
    const moved = ["aws_iam_role", "aws_iam_role_policy", "aws_iam_role_policy_attachment", "aws_eks_pod_identity_association", "kubernetes_service_account_v1", "kubernetes_job_v1"].flatMap((t) => addressesOf(before.prod!, t, "checkout_"));
    expect(moved).toHaveLength(6);
    const all = [...moved, "kubernetes_namespace_v1.namespace_payments"].sort();
    expect(after.prod!.removed).toEqual(all.map((from) => ({ from, lifecycle: { destroy: false } })));
    // The same addresses in the new stack, each imported once.
    const group = after["prod-payments"]!;
    const ids = Object.fromEntries((group.import as Json[]).map((i) => [i.to, i.id]));
    expect(Object.keys(ids).sort()).toEqual(all);
    const at = (type: string) => all.find((a) => a.startsWith(`${type}.`))!;
    expect(ids).toEqual({
      [at("aws_iam_role")]: "checkout.prod",
      [at("aws_iam_role_policy")]: "checkout.prod:least-privilege",
      [at("aws_iam_role_policy_attachment")]: "checkout.prod/arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
      [at("aws_eks_pod_identity_association")]: "prod,a-checkout",
      [at("kubernetes_service_account_v1")]: "payments/checkout",
      [at("kubernetes_job_v1")]: "payments/pod-identity-smoke-test-checkout",
      "kubernetes_namespace_v1.namespace_payments": "payments",
    });
    // Nothing else changes: without the blocks, each stack is what it would be anyway.
    const plain = await synth(AFTER);
    delete after.prod!.removed;
    delete group.import;
    expect(after).toEqual(plain);
    expect(after.prod!.removed).toBeUndefined();
    expect(plain.prod!.import).toBeUndefined();
  });

  it("refuses, naming the tenant, a resource whose import ID it does not know, rather than recreating it", async () => {
    const config = await configOf(AFTER);
    // No association ID recorded: the association's import ID is unknown.
    expect(() => buildStacks(Testing.app() as App, config, new Map(), new Map([["prod", MOVES]]))).toThrow(
      /^tenant "checkout": cannot move aws_eks_pod_identity_association .*checkout\/association to another stack: its import ID is not known; move it by hand, or keep tenant "checkout" in its stack$/,
    );
  });
});

/** The stack's AWS part (aws-part.ts), with its import and removed blocks of AWS resources. */
function awsOnly(stack: Json, url: string): Json {
  const { json } = awsPart(JSON.stringify(stack), { providerVersion: "5.100.0", endpoints: { eks: url, iam: url } });
  for (const key of ["import", "removed"]) {
    const blocks = ((stack[key] ?? []) as Json[]).filter((b) => String(b.to ?? b.from).startsWith("aws_"));
    if (blocks.length > 0) json[key] = blocks;
  }
  return json;
}

if (terraformAvailable("terraform and the AWS provider mirror", "moves planned by terraform")) {
  test("terraform plans forget in the old stack and import in the new one: nothing destroyed, nothing created", async () => {
    const before = await synth(BEFORE);
    const after = await synth(AFTER, MOVES);
    const role = "checkout.prod";
    const api = await startAwsStandIn({
      clusters: [{ name: "prod", account: ACCOUNT, region: "eu-west-1", associations: [{ associationId: "a-checkout", namespace: "payments", serviceAccount: "checkout", roleArn: `arn:aws:iam::${ACCOUNT}:role/${role}` }] }],
      roles: [{ name: role, path: "/", account: ACCOUNT, inlinePolicies: { "least-privilege": '{"Version":"2012-10-17","Statement":[]}' }, attachedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }],
    });
    const env = { ...awsEnv(api.url), TF_PLUGIN_CACHE_DIR: "" };
    const init = async (dir: string) => expect((await terraform(["init", "-input=false", "-backend=false", `-plugin-dir=${pluginMirror()}`], dir, env)).stderr).toBe("");
    const actions = async (dir: string) => {
      const plan = await terraform(["plan", "-input=false", "-lock=false", "-out=plan.tfplan"], dir, env);
      expect(plan.stderr).toBe("");
      const show = await terraform(["show", "-json", "plan.tfplan"], dir, env);
      return Object.fromEntries(((JSON.parse(show.stdout) as Json).resource_changes as Json[]).map((c) => [c.address, { actions: c.change.actions, importing: c.change.importing?.id }]));
    };
    try {
      // The old stack as deployed: its state holds the tenant's AWS resources, read from the
      // stand-in with `terraform import` (which only reads).
      const old = tempDir("move-old-");
      writeFileSync(join(old, "main.tf.json"), JSON.stringify(awsOnly(before.prod!, api.url)));
      await init(old);
      const ids: Record<string, string> = Object.fromEntries(((after["prod-payments"]!.import as Json[]).filter((i) => i.to.startsWith("aws_"))).map((i) => [i.to, i.id]));
      expect(Object.keys(ids)).toHaveLength(4);
      for (const [to, id] of Object.entries(ids)) {
        const r = await terraform(["import", "-input=false", "-lock=false", to, id], old, env);
        expect(r.stderr).toBe("");
      }
      // After the move: forgotten, never deleted.
      writeFileSync(join(old, "main.tf.json"), JSON.stringify(awsOnly(after.prod!, api.url)));
      const forgotten = await actions(old);
      for (const address of Object.keys(ids)) expect(forgotten[address]).toEqual({ actions: ["forget"], importing: undefined });
      expect(Object.values(forgotten).flatMap((c) => (c as { actions: string[] }).actions)).not.toContain("delete");

      // The new stack imports them: no create, no replace.
      const fresh = join(tempDir("move-new-"), "stack");
      mkdirSync(fresh);
      writeFileSync(join(fresh, "main.tf.json"), JSON.stringify(awsOnly(after["prod-payments"]!, api.url)));
      await init(fresh);
      const imported = await actions(fresh);
      for (const [address, id] of Object.entries(ids)) {
        expect(imported[address]!.importing).toBe(id);
        expect(imported[address]!.actions.some((a: string) => a === "create" || a === "delete")).toBe(false);
      }
      expect(api.writes).toEqual([]);
    } finally {
      await api.close();
    }
  });
} else requiredTerraformTest("moves planned by terraform");
