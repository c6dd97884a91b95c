/**
 * The access review's model (lib/access/model.ts). The central check: for tenants.yaml and every
 * example, each identity's permissions and managed policies equal what the synthesized stacks
 * (the golden JSON, which golden.test.ts holds to the app's real output) give its role, read
 * here independently of the model's own reading.
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { loadTenantsFile } from "../lib/file/load";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { Testing, type App } from "cdktf";
import { lintManagedPolicy } from "../lib/policy/lint";
import { accessReport, ACCOUNT_PLACEHOLDER, stackIdentities, type Identity, type Permission } from "../lib/access/model";
import { buildStacks } from "../stacks/build-stacks";
import { configOf, synthYaml, type Json } from "./helpers";
import { ROOT } from "./run";

/** What the stack gives the role named `roleName`: its inline statements and attached ARNs. */
function synthesizedRole(stack: Json, roleName: string, fill: (s: string) => string): { permissions: Permission[]; managed: string[] } {
  const roles = Object.entries((stack.resource?.aws_iam_role ?? {}) as Record<string, Json>).filter(([, r]) => r.name === roleName);
  expect(roles).toHaveLength(1);
  const roleRef = `\${aws_iam_role.${roles[0]![0]}.name}`;
  const permissions: Permission[] = [];
  const addDocument = (policy: string) => {
    const doc = /^\$\{data\.aws_iam_policy_document\.(.+)\.json\}$/.exec(policy)![1]!;
    for (const s of stack.data.aws_iam_policy_document[doc].statement as Json[]) {
      const conditions: Record<string, Record<string, string[]>> = {};
      for (const c of (s.condition ?? []) as Json[]) (conditions[c.test] ??= {})[fill(c.variable)] = (c.values as string[]).map(fill);
      permissions.push({ effect: s.effect, actions: s.actions, resources: (s.resources as string[]).map(fill), conditions });
    }
  };
  for (const p of Object.values((stack.resource?.aws_iam_role_policy ?? {}) as Record<string, Json>)) if (p.role === roleRef) addDocument(p.policy as string);
  const managed: string[] = [];
  for (const a of Object.values((stack.resource?.aws_iam_role_policy_attachment ?? {}) as Record<string, Json>)) {
    if (a.role !== roleRef) continue;
    // A policy the stack creates (a controller's) has no ARN yet: its statements are the role's.
    const created = /^\$\{aws_iam_policy\.(.+)\.arn\}$/.exec(a.policy_arn as string);
    if (created) addDocument(stack.resource.aws_iam_policy[created[1]!].policy as string);
    else managed.push(a.policy_arn as string);
  }
  return { permissions, managed: managed.sort() };
}

/** Terraform's escapes undone, the account look-up as the placeholder, and for members of a shared role their session tags. */
function filler(member?: Identity): (s: string) => string {
  return (s) => {
    let out = s.split("$${").join("${").split("${data.aws_caller_identity.caller_identity.account_id}").join(ACCOUNT_PLACEHOLDER);
    if (member) {
      out = out
        .split("${aws:PrincipalTag/kubernetes-namespace}").join(member.namespace!)
        .split("${aws:PrincipalTag/kubernetes-service-account}").join(member.serviceAccount!)
        .split("${aws:PrincipalTag/eks-cluster-name}").join(member.cluster);
    }
    return out;
  };
}

/** Permissions without their sources, as the stack writes them. */
const bare = (ps: ReadonlyArray<Permission>) => ps.map(({ source: _source, ...p }) => p);
/** An identity with its permissions' sources left out. */
const unsourced = (i: Identity) => ({ ...i, permissions: bare(i.permissions) });

function expectMatchesSynthesis(identities: ReadonlyArray<Identity>, stacks: Record<string, Json>): void {
  expect(identities.length).toBeGreaterThan(0);
  for (const i of identities) {
    // The cluster's base stack, or the stack of the tenant's group (<cluster>-<group>): the one that holds the role.
    const stack = Object.entries(stacks).find(([name, s]) => (name === i.cluster || name.startsWith(`${i.cluster}-`)) && Object.values((s.resource?.aws_iam_role ?? {}) as Record<string, Json>).some((r) => r.name === i.role))?.[1] ?? stacks[i.cluster]!;
    const synthesized = synthesizedRole(stack, i.role, filler(i.sharedRole === null ? undefined : i));
    expect({ who: `${i.cluster}/${i.kind}/${i.name}`, permissions: bare(i.permissions), managed: i.managedPolicyArns }).toEqual({
      who: `${i.cluster}/${i.kind}/${i.name}`,
      permissions: synthesized.permissions,
      managed: synthesized.managed,
    });
  }
}

const inputs = ["tenants.yaml", ...readdirSync(join(ROOT, "examples")).filter((f) => [".yaml", ".yml", ".json"].includes(extname(f))).map((f) => `examples/${f}`)];

describe.each(inputs)("%s", (input) => {
  it("reports for every identity exactly the permissions and managed policies its synthesized role has", async () => {
    const { config } = await loadTenantsFile(join(ROOT, input));
    const report = await accessReport(config!, buildStacks);
    const dir = join(__dirname, "golden", basename(input, extname(input)));
    const stacks = Object.fromEntries(readdirSync(dir).map((f) => [basename(f, ".json"), JSON.parse(readFileSync(join(dir, f), "utf8")) as Json]));
    expectMatchesSynthesis(report.identities, stacks);
    // Each stack's deploy role is the role its AWS provider assumes, or none with ambient credentials.
    expect(report.stacks!.map((x) => [x.stack, x.deployRoleArn]).sort()).toEqual(
      Object.entries(stacks).map(([name, json]) => [name, (json.provider.aws[0].assume_role?.[0]?.role_arn as string | undefined) ?? null]).sort(),
    );
    // Every association and add-on of the stacks is one identity of the report: tenants, controllers, add-ons.
    const associations = Object.values(stacks).reduce((n, s) => n + Object.keys(s.resource?.aws_eks_pod_identity_association ?? {}).length + Object.keys(s.resource?.aws_eks_addon ?? {}).filter((k) => !k.startsWith("pod_identity_agent")).length, 0);
    expect(report.identities.filter((i) => i.kind !== "sharedRole")).toHaveLength(associations);
  });
});

const UNPINNED = `
clusters:
  - name: gov-cluster
    region: us-gov-west-1
sharedRoles:
  - name: buckets
    grants:
      - dynamodb: { table: "t-\${namespace}", access: read }
    statements:
      - effect: Deny
        actions: ["s3:DeleteObject"]
        resources: ["arn:aws-us-gov:s3:::b/\${aws:PrincipalTag/kubernetes-service-account}/\${aws:PrincipalTag/kubernetes-pod-name}"]
        conditions:
          StringEquals: { "aws:ResourceTag/cluster": "\${aws:PrincipalTag/eks-cluster-name}" }
tenants:
  - { name: team-a, namespace: ns-a, serviceAccount: app, sharedRole: buckets }
  - name: solo
    namespace: solo
    serviceAccount: solo-sa
    trust: { scopeToServiceAccount: false }
    grants:
      - sqs: { queue: "q-\${namespace}", access: send }
`;

describe("a cluster without a pinned account, in another partition", () => {
  let report: Awaited<ReturnType<typeof accessReport>>;
  beforeAll(async () => {
    report = await accessReport(await configOf(UNPINNED), buildStacks);
  });
  const one = (kind: Identity["kind"], name: string) => report.identities.find((i) => i.kind === kind && i.name === name)!;

  it("agrees with the synthesized stack", async () => {
    const stacks = Object.fromEntries(Object.entries(await synthYaml(UNPINNED)).map(([k, v]) => [k, JSON.parse(v) as Json]));
    expectMatchesSynthesis(report.identities, stacks);
  });

  it("writes the partition as a literal and the account as ${account}", () => {
    expect(bare(one("tenant", "solo").permissions)).toEqual([
      { effect: "Allow", actions: ["sqs:SendMessage", "sqs:GetQueueUrl"], resources: ["arn:aws-us-gov:sqs:us-gov-west-1:${account}:q-solo"], conditions: {} },
    ]);
  });

  it("shows a shared role with its session-tag variables, and each member with its own values; pod tags stay as written", () => {
    expect(unsourced(one("sharedRole", "buckets"))).toEqual({
      cluster: "gov-cluster",
      kind: "sharedRole",
      name: "buckets",
      namespace: null,
      serviceAccount: null,
      role: "buckets.gov-cluster",
      sharedRole: null,
      targetRoleArn: null,
      trust: "pods.eks.amazonaws.com, only for ns-a/app on cluster gov-cluster (session tags)",
      trustScope: { principals: ["pods.eks.amazonaws.com"], serviceAccounts: ["ns-a/app"], unscoped: false },
      managedPolicyArns: [],
      managedPolicies: [],
      permissionsBoundary: null,
      permissions: [
        {
          effect: "Allow",
          actions: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable"],
          resources: ["arn:aws-us-gov:dynamodb:us-gov-west-1:${account}:table/t-${aws:PrincipalTag/kubernetes-namespace}"],
          conditions: {},
        },
        { effect: "Allow", actions: ["dynamodb:Query", "dynamodb:Scan"], resources: ["arn:aws-us-gov:dynamodb:us-gov-west-1:${account}:table/t-${aws:PrincipalTag/kubernetes-namespace}/index/*"], conditions: {} },
        {
          effect: "Deny",
          actions: ["s3:DeleteObject"],
          resources: ["arn:aws-us-gov:s3:::b/${aws:PrincipalTag/kubernetes-service-account}/${aws:PrincipalTag/kubernetes-pod-name}"],
          conditions: { StringEquals: { "aws:ResourceTag/cluster": ["${aws:PrincipalTag/eks-cluster-name}"] } },
        },
      ],
      flags: [],
    });
    const member = one("tenant", "team-a");
    expect(member).toMatchObject({
      namespace: "ns-a",
      serviceAccount: "app",
      role: "buckets.gov-cluster",
      sharedRole: "buckets",
      trust: "pods.eks.amazonaws.com, for ns-a/app on cluster gov-cluster (session tags), among the shared role's members",
    });
    expect(member.permissions.map((p) => [p.resources, p.conditions])).toEqual([
      [["arn:aws-us-gov:dynamodb:us-gov-west-1:${account}:table/t-ns-a"], {}],
      [["arn:aws-us-gov:dynamodb:us-gov-west-1:${account}:table/t-ns-a/index/*"], {}],
      [["arn:aws-us-gov:s3:::b/app/${aws:PrincipalTag/kubernetes-pod-name}"], { StringEquals: { "aws:ResourceTag/cluster": ["gov-cluster"] } }],
    ]);
  });

  it("says when the trust admits any association that names the role", () => {
    expect(one("tenant", "solo").trust).toBe("pods.eks.amazonaws.com, for any Pod Identity association that names the role (not scoped to a service account)");
  });
});

describe("the least-privilege example", () => {
  it("reports a cross-account tenant with its target role and the permission to chain into it", async () => {
    const { config } = await loadTenantsFile(join(ROOT, "examples/least-privilege.yaml"));
    const billing = (await accessReport(config!, buildStacks)).identities.find((i) => i.name === "billing")!;
    expect(unsourced(billing)).toEqual({
      cluster: "prod-east",
      kind: "tenant",
      name: "billing",
      namespace: "billing",
      serviceAccount: "billing-sa",
      role: "billing.prod-east",
      sharedRole: null,
      targetRoleArn: "arn:aws:iam::444455556666:role/invoices-reader",
      trust: "pods.eks.amazonaws.com, only for billing/billing-sa on cluster prod-east (session tags)",
      trustScope: { principals: ["pods.eks.amazonaws.com"], serviceAccounts: ["billing/billing-sa"], unscoped: false },
      managedPolicyArns: [],
      managedPolicies: [],
      permissionsBoundary: null,
      permissions: [{ effect: "Allow", actions: ["sts:AssumeRole", "sts:TagSession"], resources: ["arn:aws:iam::444455556666:role/invoices-reader"], conditions: {} }],
      flags: [],
    });
  });

  it("lists identities by cluster, then tenants, shared roles, add-ons, each by name", async () => {
    const { config } = await loadTenantsFile(join(ROOT, "examples/least-privilege.yaml"));
    expect((await accessReport(config!, buildStacks)).identities.map((i) => `${i.kind}:${i.name}`)).toEqual(["tenant:billing", "tenant:reports", "tenant:team-a", "tenant:team-b", "sharedRole:team-buckets"]);
  });
});

describe("the session-policy example", () => {
  it("reports each member's session policy beside the shared role's permissions, and the unscoped trust as it is", async () => {
    const { config } = await loadTenantsFile(join(ROOT, "examples/session-policies.yaml"));
    const sales = (await accessReport(config!, buildStacks)).identities.find((i) => i.name === "sales")!;
    const read = (bucket: string, sids: string, kind: "grant" | "sessionPolicy"): Permission[] => [
      { effect: "Allow", actions: ["s3:ListBucket"], resources: [`arn:aws:s3:::${bucket}`], conditions: {}, source: { kind, sid: `S3List${sids}` } },
      { effect: "Allow", actions: ["s3:GetObject", "s3:GetObjectVersion"], resources: [`arn:aws:s3:::${bucket}/*`], conditions: {}, source: { kind, sid: `S3Read${sids}` } },
    ];
    expect(sales).toEqual({
      cluster: "prod-east",
      kind: "tenant",
      name: "sales",
      namespace: "sales",
      serviceAccount: "reporter",
      role: "report-readers.prod-east",
      sharedRole: "report-readers",
      targetRoleArn: null,
      trust: "pods.eks.amazonaws.com, for any Pod Identity association that names the role (not scoped to a service account)",
      trustScope: { principals: ["pods.eks.amazonaws.com"], serviceAccounts: [], unscoped: true },
      managedPolicyArns: [],
      managedPolicies: [],
      permissionsBoundary: null,
      permissions: [...read("acme-sales", "62380616", "grant"), ...read("acme-hr", "36771594", "grant")],
      sessionPolicy: read("acme-sales", "62380616", "sessionPolicy"),
      flags: [],
    });
  });

  it("gives no sessionPolicy key to an identity without one", async () => {
    const { config } = await loadTenantsFile(join(ROOT, "examples/least-privilege.yaml"));
    expect((await accessReport(config!, buildStacks)).identities.filter((i) => "sessionPolicy" in i)).toEqual([]);
  });
});

describe("add-ons", () => {
  it("take the namespace of a known add-on, the service account and policies of the synthesized add-on, and the unscoped trust", async () => {
    const report = await accessReport(
      await configOf(`
clusters:
  - name: c
    region: us-gov-west-1
    accountId: "111122223333"
    addons:
      - name: aws-ebs-csi-driver
      - name: my-addon
        serviceAccount: my-sa
        managedPolicyArns: [arn:aws-us-gov:iam::111122223333:policy/mine]
`),
      buildStacks,
    );
    expect(report.identities.map((i) => [i.name, i.kind, i.namespace, i.serviceAccount, i.role, i.managedPolicyArns, bare(i.permissions), i.trust])).toEqual([
      ["aws-ebs-csi-driver", "addon", "kube-system", "ebs-csi-controller-sa", "addon.aws-ebs-csi-driver.c", ["arn:aws-us-gov:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"], [], "pods.eks.amazonaws.com, for any Pod Identity association that names the role (not scoped to a service account)"],
      ["my-addon", "addon", null, "my-sa", "addon.my-addon.c", ["arn:aws-us-gov:iam::111122223333:policy/mine"], [], "pods.eks.amazonaws.com, for any Pod Identity association that names the role (not scoped to a service account)"],
    ]);
  });
});

describe("flags", () => {
  it("carry the lint's warnings for broad managed policies and statements, and nothing for narrow ones", async () => {
    const report = await accessReport(
      await configOf(`
clusters: [{ name: c, region: us-east-1, accountId: "111122223333" }]
tenants:
  - name: broad
    namespace: broad
    serviceAccount: broad
    managedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess]
    statements:
      - { actions: ["sqs:*"], resources: ["arn:aws:sqs:us-east-1:111122223333:q"] }
  - name: everywhere
    namespace: everywhere
    serviceAccount: everywhere
    statements:
      - { actions: ["sqs:SendMessage"], resources: ["*"] }
  - name: narrow
    namespace: narrow
    serviceAccount: narrow
    managedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess]
    statements:
      - { actions: ["sqs:Send*"], resources: ["arn:aws:sqs:us-east-1:111122223333:q"] }
`),
      buildStacks,
    );
    expect(Object.fromEntries(report.identities.map((i) => [i.name, i.flags]))).toEqual({
      broad: [
        lintManagedPolicy("arn:aws:iam::aws:policy/AmazonS3FullAccess", [], 'tenant "broad"')[0]!.message,
        'tenant "broad": action "sqs:*" allows every action of service "sqs"; name the actions the tenant needs',
        'tenant "broad": action "sqs:*" matches sqs:AddPermission, sqs:RemovePermission, sqs:SetQueueAttributes, which lets the pod change IAM permissions or take another identity: it changes permissions (access level "Permissions management"); a pod should not hold it, on any resource (its own role included)',
      ],
      everywhere: ['tenant "everywhere": allows write actions such as sqs:SendMessage on every resource ("*"); name the resources by ARN'],
      narrow: [],
    });
  });
});

describe("an association the review cannot place", () => {
  it("fails the review rather than leave an identity out", async () => {
    const config = await configOf(`
clusters: [{ name: c, region: us-east-1, accountId: "111122223333" }]
tenants: [{ name: web, namespace: web, serviceAccount: web }]
`);
    const [stack] = buildStacks(Testing.app() as App, config);
    new EksPodIdentityAssociation(stack!, "stray", { clusterName: "c", namespace: "x", serviceAccount: "y", roleArn: "arn:aws:iam::111122223333:role/r" });
    await expect(stackIdentities(stack!, config.clusters[0]!)).rejects.toThrow("the access review does not know whose Pod Identity association stray of stack c is; lib/access/model.ts must read its kind");
  });
});

describe("controllers", () => {
  it("are identities of their own kind, bound by their association, with the policies the stack creates for them as permissions", async () => {
    const { config } = await loadTenantsFile(join(ROOT, "examples/controllers.yaml"));
    const report = await accessReport(config!, buildStacks);
    const ebs = report.identities.find((i) => i.cluster === "platform" && i.name === "aws-ebs-csi-driver")!;
    expect(unsourced(ebs)).toEqual({
      cluster: "platform",
      kind: "controller",
      name: "aws-ebs-csi-driver",
      namespace: "kube-system",
      serviceAccount: "ebs-csi-controller-sa",
      role: "controller.aws-ebs-csi-driver.platform",
      sharedRole: null,
      targetRoleArn: null,
      trust: "pods.eks.amazonaws.com, only for kube-system/ebs-csi-controller-sa on cluster platform (session tags)",
      trustScope: { principals: ["pods.eks.amazonaws.com"], serviceAccounts: ["kube-system/ebs-csi-controller-sa"], unscoped: false },
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2"],
      managedPolicies: [{ arn: "arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2", name: "AmazonEBSCSIDriverPolicyV2", version: "v1" }],
      permissionsBoundary: null,
      permissions: [
        {
          effect: "Allow",
          actions: ["kms:Decrypt", "kms:GenerateDataKeyWithoutPlaintext"],
          resources: ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
          conditions: {},
        },
        {
          effect: "Allow",
          actions: ["kms:CreateGrant"],
          resources: ["arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
          conditions: { Bool: { "kms:GrantIsForAWSResource": ["true"] } },
        },
      ],
      flags: [],
    });
    expect(report.identities.filter((i) => i.cluster === "gov-platform").map((i) => `${i.kind}:${i.name}`)).toEqual([
      "controller:aws-efs-csi-driver",
      "controller:aws-load-balancer-controller",
      "controller:cluster-autoscaler",
    ]);
  });

  it("are not flagged for their projects' published statements, which validate does not lint either", async () => {
    const { config } = await loadTenantsFile(join(ROOT, "examples/controllers.yaml"));
    const alb = (await accessReport(config!, buildStacks)).identities.find((i) => i.cluster === "platform" && i.name === "aws-load-balancer-controller")!;
    expect(alb.permissions.some((p) => p.resources.includes("*"))).toBe(true);
    expect(alb.flags).toEqual([]);
  });
});

describe("a session tag named like an Object.prototype member", () => {
  it("stays as written in a member's permissions: only the tags EKS sets are filled in", async () => {
    const yaml = `
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333" }]
sharedRoles:
  - name: buckets
    statements:
      - actions: ["s3:GetObject"]
        resources: ["arn:aws:s3:::b/\${aws:PrincipalTag/kubernetes-namespace}/\${aws:PrincipalTag/toString}/\${aws:PrincipalTag/constructor}"]
tenants:
  - { name: team-a, namespace: ns-a, serviceAccount: app, sharedRole: buckets }
`;
    const report = await accessReport(await configOf(yaml), buildStacks);
    const member = report.identities.find((i) => i.kind === "tenant" && i.name === "team-a")!;
    expect(member.permissions.flatMap((p) => p.resources)).toEqual(["arn:aws:s3:::b/ns-a/${aws:PrincipalTag/toString}/${aws:PrincipalTag/constructor}"]);
  });
});
