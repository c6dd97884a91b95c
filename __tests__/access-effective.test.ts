/**
 * Effective statements (lib/access/effective.ts) and what the model reads to make them
 * (lib/access/model.ts, managed-documents.ts): AWS managed policies expanded from their default
 * versions, customer managed ones "not read" and counted, boundaries, sources, and trust.
 */
import { readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { boundaryStatements, effectiveStatements } from "../lib/access/effective";
import { accessReport, type AccessReport, type Identity } from "../lib/access/model";
import { datasetDocuments } from "../scripts/gen-managed-policies";
import { loadTenantsFile } from "../lib/file/load";
import { buildStacks } from "../stacks/build-stacks";
import { configOf } from "./helpers";
import { ROOT } from "./run";

const documents = new Map(datasetDocuments().policies.map(([name, version, statements]) => [name, { version, statements }]));
const review = async (yaml: string) => accessReport(await configOf(yaml), buildStacks);
const one = (r: AccessReport, name: string): Identity => r.identities.find((i) => i.name === name)!;

const inputs = ["tenants.yaml", ...readdirSync(join(ROOT, "examples")).filter((f) => [".yaml", ".yml", ".json"].includes(extname(f))).map((f) => `examples/${f}`)];

describe.each(inputs)("%s", (input) => {
  it("gives every identity the statements of its AWS managed policies' default versions, each with its source", async () => {
    const { config } = await loadTenantsFile(join(ROOT, input));
    const report = await accessReport(config!, buildStacks);
    for (const i of report.identities) {
      const effective = effectiveStatements(i, report);
      expect(effective.slice(0, i.permissions.length)).toEqual(i.permissions);
      const managed = effective.slice(i.permissions.length);
      const expected = i.managedPolicyArns.flatMap((arn) => {
        const m = /^arn:aws:iam::aws:policy\/(?:.+\/)?([^/]+)$/.exec(arn);
        const doc = m ? documents.get(m[1]!) : undefined;
        return doc ? doc.statements.map((s) => ({ policy: m![1], version: doc.version, actions: [s.Action ?? []].flat(), notActions: s.NotAction })) : [];
      });
      expect(managed.map((p) => ({ policy: p.source?.kind === "managedPolicy" ? p.source.policy : undefined, version: p.source?.kind === "managedPolicy" ? p.source.version : undefined, actions: p.actions, notActions: p.notActions }))).toEqual(expected);
    }
    const refs = report.identities.flatMap((i) => i.managedPolicies);
    expect(report.summary!.managedPoliciesRead + report.summary!.managedPoliciesNotRead).toBe(new Set([...refs, ...report.identities.flatMap((i) => (i.permissionsBoundary ? [i.permissionsBoundary] : []))].map((r) => r.arn)).size);
  });
});

describe("managed policies", () => {
  it("expands AmazonDynamoDBReadOnlyAccess into its DynamoDB actions, and shows a customer managed policy as not read, counted in the summary", async () => {
    const r = await review(`
clusters: [{ name: c, region: us-east-1, accountId: "111122223333" }]
tenants:
  - name: shop
    namespace: shop
    serviceAccount: shop
    managedPolicyArns: [arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess, arn:aws:iam::111122223333:policy/mine]
`);
    const shop = one(r, "shop");
    expect(shop.permissions).toEqual([]);
    expect(shop.managedPolicies).toEqual([
      { arn: "arn:aws:iam::111122223333:policy/mine", name: "mine", version: null, notRead: "customer managed: its document is in its account, not readable offline" },
      { arn: "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess", name: "AmazonDynamoDBReadOnlyAccess", version: documents.get("AmazonDynamoDBReadOnlyAccess")!.version },
    ]);
    const actions = effectiveStatements(shop, r).flatMap((p) => p.actions);
    expect(actions).toEqual(expect.arrayContaining(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem"]));
    expect(actions.some((a) => /^dynamodb:(Put|Delete|Update)/.test(a))).toBe(false);
    expect(r.summary).toEqual({ identities: 1, flagged: 0, managedPoliciesRead: 1, managedPoliciesNotRead: 1 });
  });

  it("keeps NotAction as written: PowerUserAccess is every action but iam:*, organizations:* and account:*, on *", async () => {
    const r = await review(`
clusters: [{ name: c, region: us-east-1, accountId: "111122223333" }]
tenants: [{ name: power, namespace: p, serviceAccount: p, managedPolicyArns: [arn:aws:iam::aws:policy/PowerUserAccess] }]
`);
    const [first] = effectiveStatements(one(r, "power"), r);
    expect(first).toEqual({ effect: "Allow", actions: [], resources: ["*"], notActions: ["iam:*", "organizations:*", "account:*"], conditions: {}, source: { kind: "managedPolicy", policy: "PowerUserAccess", version: documents.get("PowerUserAccess")!.version } });
    expect(one(r, "power").flags[0]).toContain('NotAction ["iam:*","organizations:*","account:*"] allows every action of every service but those');
  });

  it("does not read an AWS managed policy of a partition the dataset does not cover", async () => {
    const r = await review(`
clusters: [{ name: c, region: us-gov-west-1, accountId: "111122223333" }]
tenants: [{ name: gov, namespace: gov, serviceAccount: gov, managedPolicyArns: ["arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAccess"] }]
`);
    expect(one(r, "gov").managedPolicies[0]!.notRead).toBe("partition aws-us-gov: the dataset holds the aws partition's AWS managed policies only");
    expect(effectiveStatements(one(r, "gov"), r)).toEqual([]);
  });
});

describe("permissions boundaries", () => {
  it("are part of every identity, read through the document when AWS managed", async () => {
    const r = await review(`
clusters:
  - name: c
    region: us-east-1
    accountId: "111122223333"
    addons: [{ name: my-addon, serviceAccount: my-sa, managedPolicyArns: ["arn:aws:iam::111122223333:policy/p"], role: { permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/b" } }]
sharedRoles: [{ name: shared, role: { permissionsBoundaryArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" }, grants: [{ sqs: { queue: q, access: send } }] }]
tenants:
  - { name: bounded, namespace: b, serviceAccount: b, role: { permissionsBoundaryArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess" } }
  - { name: member, namespace: m, serviceAccount: m, sharedRole: shared }
`);
    const bounded = one(r, "bounded");
    expect(bounded.permissionsBoundary).toEqual({ arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", name: "AmazonS3ReadOnlyAccess", version: documents.get("AmazonS3ReadOnlyAccess")!.version });
    expect(boundaryStatements(bounded, r)!.flatMap((p) => p.actions)).toEqual(expect.arrayContaining(["s3:Get*", "s3:List*"]));
    expect(one(r, "shared").permissionsBoundary?.name).toBe("AmazonS3ReadOnlyAccess");
    expect(one(r, "member").permissionsBoundary?.name).toBe("AmazonS3ReadOnlyAccess");
    expect(one(r, "my-addon").permissionsBoundary).toEqual({ arn: "arn:aws:iam::111122223333:policy/b", name: "b", version: null, notRead: "customer managed: its document is in its account, not readable offline" });
    expect(boundaryStatements(one(r, "my-addon"), r)).toEqual([]);
    expect(r.summary).toMatchObject({ managedPoliciesRead: 1, managedPoliciesNotRead: 2 });
  });
});

describe("sources and trust", () => {
  it("names each inline statement's source: a grant, a raw statement, the chaining into a target role", async () => {
    const r = await review(`
clusters: [{ name: c, region: us-east-1, accountId: "111122223333" }]
tenants:
  - name: t
    namespace: t
    serviceAccount: t
    targetRoleArn: "arn:aws:iam::444455556666:role/x"
    grants: [{ sqs: { queue: q, access: send } }]
    statements:
      - { actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }
      - { sid: Named, actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }
`);
    expect(one(r, "t").permissions.map((p) => [p.source!.kind, p.actions[0]])).toEqual([
      ["grant", "sqs:SendMessage"],
      ["statement", "s3:GetObject"],
      ["statement", "s3:PutObject"],
      ["targetRole", "sts:AssumeRole"],
    ]);
    expect(one(r, "t").permissions[2]!.source).toEqual({ kind: "statement", sid: "Named" });
  });

  it("reads an IRSA trust as its own principal and service account, and an unscoped trust as unscoped", async () => {
    const provider = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    const r = await review(`
clusters: [{ name: c, region: eu-west-1, accountId: "111122223333" }]
tenants:
  - { name: irsa, namespace: legacy, serviceAccount: app, irsa: { oidcProviderArn: "${provider}" } }
  - { name: open, namespace: o, serviceAccount: o, trust: { scopeToServiceAccount: false } }
`);
    expect(one(r, "irsa").trustScope).toEqual({ principals: [provider, "pods.eks.amazonaws.com"], serviceAccounts: ["legacy/app", "legacy/app (IRSA)"], unscoped: false });
    expect(one(r, "open").trustScope).toEqual({ principals: ["pods.eks.amazonaws.com"], serviceAccounts: [], unscoped: true });
  });
});
