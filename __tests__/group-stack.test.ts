import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { App, Testing } from "cdktf";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildStacks } from "../stacks/build-stacks";
import { GroupStack } from "../stacks/group-stack";
import { configOf, parse, resources, synthYaml, type Json } from "./helpers";

const FILE = `
clusters:
  - { name: prod, region: eu-west-1, accountId: "111122223333" }
  - { name: dev, region: eu-west-1, accountId: "444455556666", agent: { install: helm, chart: { repository: "oci://444455556666.dkr.ecr.eu-west-1.amazonaws.com/helm-charts" } } }
defaults: { tags: { owner: platform } }
sharedRoles:
  - name: batch
tenants:
  - { name: web, namespace: web, serviceAccount: web }
  - { name: nightly, namespace: batch, serviceAccount: nightly, sharedRole: batch }
  - name: checkout
    namespace: payments
    serviceAccount: checkout
    createNamespace: true
    stack: payments
    grants: [{ dynamodb: { table: orders } }]
  - { name: ledger, namespace: payments, serviceAccount: ledger, createNamespace: true, stack: payments, clusters: [prod] }
  - { name: indexer, namespace: search, serviceAccount: indexer, stack: search, clusters: [prod] }
`;

/** Every resource and data source of a stack as `type.id`, sorted. */
function addresses(synth: string): string[] {
  const j = parse(synth);
  return [
    ...Object.entries((j.resource ?? {}) as Record<string, Json>).flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`)),
    ...Object.entries((j.data ?? {}) as Record<string, Json>).flatMap(([type, byId]) => Object.keys(byId).map((id) => `data.${type}.${id}`)),
  ].sort();
}

describe("stacks of a file with groups", () => {
  let out: Record<string, string>;
  beforeAll(async () => {
    out = await synthYaml(FILE);
  });

  it("makes a base stack per cluster and a stack per group of each cluster, named <cluster>-<group>", () => {
    expect(Object.keys(out).sort()).toEqual(["dev", "dev-payments", "prod", "prod-payments", "prod-search"]);
  });

  it("keeps the agent, shared roles, shared-role members and ungrouped tenants in the base stack", () => {
    const prod = out.prod!;
    expect(Object.values(resources(prod, "aws_eks_addon")).map((r) => r.addon_name)).toEqual(["eks-pod-identity-agent"]);
    expect(Object.values(resources(prod, "aws_iam_role")).map((r) => r.name).sort()).toEqual(["batch.prod", "web.prod"]);
    expect(Object.values(resources(prod, "aws_eks_pod_identity_association")).map((a) => a.service_account).sort()).toEqual(["nightly", "web"]);
    // The helm-installed agent stays in dev's base stack, with its provider.
    expect(Object.keys(resources(out.dev!, "helm_release"))).toHaveLength(1);
  });

  it("puts a group's tenants, with the namespace they create, in the group stack and nothing cluster-wide", () => {
    const payments = out["prod-payments"]!;
    expect(Object.values(resources(payments, "aws_iam_role")).map((r) => r.name).sort()).toEqual(["checkout.prod", "ledger.prod"]);
    expect(Object.values(resources(payments, "aws_eks_pod_identity_association")).map((a) => [a.cluster_name, a.namespace, a.service_account]).sort()).toEqual([
      ["prod", "payments", "checkout"],
      ["prod", "payments", "ledger"],
    ]);
    expect(resources(payments, "kubernetes_namespace_v1")).toEqual({ namespace_payments: { metadata: { name: "payments" } } });
    expect(resources(payments, "aws_eks_addon")).toEqual({});
    expect(resources(payments, "helm_release")).toEqual({});
    expect(parse(payments).provider.helm).toBeUndefined();
    // ledger runs on prod only: dev's group stack holds checkout alone.
    expect(Object.values(resources(out["dev-payments"]!, "aws_iam_role")).map((r) => r.name)).toEqual(["checkout.dev"]);
    expect(Object.values(resources(out["prod-search"]!, "aws_iam_role")).map((r) => r.name)).toEqual(["indexer.prod"]);
  });

  it("configures a group stack's providers as its cluster's base stack does", () => {
    const payments = out["prod-payments"]!;
    expect(payments).toHaveProviderWithProperties(AwsProvider, { region: "eu-west-1", allowed_account_ids: ["111122223333"], default_tags: [{ tags: { owner: "platform" } }] });
    expect(parse(payments).provider.kubernetes).toEqual(parse(out.prod!).provider.kubernetes);
    expect(payments).toHaveProviderWithProperties(KubernetesProvider, { host: "${data.aws_eks_cluster.eks_cluster.endpoint}" });
  });

  it("states its Terraform version, like every stack", () => {
    for (const s of Object.values(out)) expect(parse(s).terraform.required_version).toBe(">= 1.10");
  });

  it("makes the namespace, not the agent of another state, what a group's association waits for", () => {
    const payments = out["prod-payments"]!;
    expect(payments).toHaveResourceWithProperties(EksPodIdentityAssociation, { service_account: "checkout", depends_on: ["kubernetes_namespace_v1.namespace_payments"] });
    const search = Object.values(resources(out["prod-search"]!, "aws_eks_pod_identity_association"))[0]!;
    expect(search.depends_on).toBeUndefined();
  });

  it("looks up the account for grants in the group stack that needs it, and only there", () => {
    // accountId is pinned, so no caller identity is needed anywhere.
    expect(parse(out["prod-payments"]!).data.aws_caller_identity).toBeUndefined();
    expect(out["prod-payments"]!).toHaveResourceWithProperties(IamRole, { name: "checkout.prod" });
    expect(Object.keys(resources(out["prod-payments"]!, "aws_iam_role_policy")).map((id) => id.replace(/_[0-9A-F]{8}$/, ""))).toEqual(["checkout_permissions_policy"]);
  });
});

describe("the order of stacks", () => {
  it("makes each group stack depend on its cluster's base stack, so cdktf deploy '*' applies the agent first", async () => {
    const outdir = mkdtempSync(join(tmpdir(), "group-stack-"));
    try {
      const app = new App({ outdir });
      buildStacks(app, await configOf(FILE));
      app.synth();
      const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, { dependencies: string[] }> };
      expect(Object.fromEntries(Object.entries(manifest.stacks).map(([name, s]) => [name, s.dependencies]))).toEqual({
        prod: [],
        "prod-payments": ["prod"],
        "prod-search": ["prod"],
        dev: [],
        "dev-payments": ["dev"],
      });
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe("moving a tenant between stacks", () => {
  const before = `
clusters: [{ name: prod, region: eu-west-1 }]
tenants:
  - { name: web, namespace: web, serviceAccount: web }
  - { name: api, namespace: api, serviceAccount: api, stack: blue }
  - { name: mover, namespace: mover, serviceAccount: mover, managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"], stack: blue }
  - { name: other, namespace: other, serviceAccount: other, stack: green }
  - { name: quiet, namespace: quiet, serviceAccount: quiet, stack: yellow }
`;
  const after = before.replace("AmazonS3ReadOnlyAccess\"], stack: blue }", "AmazonS3ReadOnlyAccess\"], stack: green }");
  let a: Record<string, string>;
  let b: Record<string, string>;
  beforeAll(async () => {
    expect(after).not.toBe(before);
    [a, b] = [await synthYaml(before), await synthYaml(after)];
  });

  it("changes only the two stacks involved, byte for byte", () => {
    const changed = Object.keys(a).filter((s) => a[s] !== b[s]);
    expect(changed.sort()).toEqual(["prod-blue", "prod-green"]);
    expect(Object.keys(b).sort()).toEqual(Object.keys(a).sort());
  });

  it("keeps the tenant's resource addresses: they leave one stack and arrive in the other unchanged", () => {
    const left = addresses(a["prod-blue"]!).filter((x) => !addresses(b["prod-blue"]!).includes(x));
    const arrived = addresses(b["prod-green"]!).filter((x) => !addresses(a["prod-green"]!).includes(x));
    expect(left).toEqual(arrived);
    // cdktf appends a hash of the construct path inside the stack to each logical ID.
    expect(left.map((x) => x.replace(/_[0-9A-F]{8}$/, ""))).toEqual([
      "aws_eks_pod_identity_association.mover_association",
      "aws_iam_role.mover_role",
      "aws_iam_role_policy_attachment.mover_policy-aws-AmazonS3ReadOnlyAccess",
      "data.aws_iam_policy_document.mover_trust",
      "kubernetes_service_account_v1.mover_service-account",
    ]);
    const role = (s: string) => Object.values(resources(s, "aws_iam_role")).find((r) => r.name === "mover.prod");
    expect(role(b["prod-green"]!)).toBeDefined();
    expect(role(b["prod-green"]!)).toEqual(role(a["prod-blue"]!));
  });

  it("keeps the addresses when a tenant moves out of the base stack too", async () => {
    const grouped = await synthYaml(before.replace("{ name: web, namespace: web, serviceAccount: web }", "{ name: web, namespace: web, serviceAccount: web, stack: green }"));
    const webIn = (s: string) => addresses(s).filter((x) => x.includes(".web_"));
    expect(webIn(grouped["prod-green"]!)).toEqual(webIn(a.prod!));
    expect(webIn(a.prod!)).toHaveLength(4);
  });
});

describe("files without groups", () => {
  it("give the base stack the same bytes as the file with its group tenants", async () => {
    const withGroups = await synthYaml(FILE);
    const without = await synthYaml(`
clusters:
  - { name: prod, region: eu-west-1, accountId: "111122223333" }
  - { name: dev, region: eu-west-1, accountId: "444455556666", agent: { install: helm, chart: { repository: "oci://444455556666.dkr.ecr.eu-west-1.amazonaws.com/helm-charts" } } }
defaults: { tags: { owner: platform } }
sharedRoles:
  - name: batch
tenants:
  - { name: web, namespace: web, serviceAccount: web }
  - { name: nightly, namespace: batch, serviceAccount: nightly, sharedRole: batch }
`);
    expect(Object.keys(without).sort()).toEqual(["dev", "prod"]);
    expect(withGroups.prod).toBe(without.prod);
    expect(withGroups.dev).toBe(without.dev);
  });
});

describe("GroupStack from TypeScript", () => {
  it("builds a group stack on its own, with local state named after the stack", async () => {
    const config = await configOf(FILE);
    const cluster = config.clusters[0]!;
    const tenant = config.tenants.find((t) => t.name === "indexer")!;
    const stack = new GroupStack(Testing.app(), { plan: { cluster, group: "search", stackName: "prod-search", tenants: [{ tenant, roleName: "indexer-role" }] } });
    const out = Testing.synth(stack);
    expect(stack.node.id).toBe("prod-search");
    expect(parse(out).terraform.backend).toEqual({ local: { path: "../../../terraform.prod-search.tfstate" } });
    expect(out).toHaveResourceWithProperties(IamRole, { name: "indexer-role" });
    expect([...stack.tenants.keys()]).toEqual(["indexer"]);
  });
});
