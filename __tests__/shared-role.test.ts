import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { SharedRole } from "../lib/constructs/shared-role";
import { TenantIdentity } from "../lib/constructs/tenant-identity";
import { dataSources, parse, problemsOf, resources, stackOf, synthYaml } from "./helpers";
import { withCluster } from "./cluster-fixture";
import { EksCluster } from "../lib/constructs/eks-cluster";

const YAML = `
clusters:
  - { name: demo, region: us-east-1, accountId: "111122223333" }
  - { name: other, region: eu-west-1, accountId: "111122223333" }
sharedRoles:
  - name: team-buckets
    grants:
      - s3: { bucket: acme-teams, prefix: "\${namespace}/", access: readwrite }
    statements:
      - sid: OwnQueue
        actions: [sqs:SendMessage]
        resources: ["arn:aws:sqs:us-east-1:111122223333:\${namespace}_\${serviceAccount}_\${cluster}"]
tenants:
  - { name: team-a, namespace: team-a, serviceAccount: app, sharedRole: team-buckets, clusters: [demo] }
  - { name: team-b, namespace: team-b, serviceAccount: worker, sharedRole: team-buckets, clusters: [demo] }
  - { name: solo, namespace: solo, serviceAccount: app }
`;

const member = (namespaces: string[], sa: string) => [
  { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: namespaces },
  { test: "StringEquals", variable: "aws:RequestTag/kubernetes-service-account", values: [sa] },
  { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: ["${data.aws_eks_cluster.eks_cluster.arn}"] },
];

describe("shared roles through the tenants file", () => {
  it("make one role per cluster with members, trusted by exactly its members", async () => {
    const stacks = await synthYaml(YAML);
    const demo = stacks.demo!;
    expect(Object.values(resources(demo, "aws_iam_role")).map((r) => r.name).sort()).toEqual(["solo.demo", "team-buckets.demo"]);
    // No member on "other": no shared role there.
    expect(Object.values(resources(stacks.other!, "aws_iam_role")).map((r) => r.name)).toEqual(["solo.other"]);
    const trust = dataSources(demo, "aws_iam_policy_document")["shared_roles_team-buckets_trust_9F02A2EE"]!;
    expect(trust.statement).toEqual([
      { sid: "ServiceAccountApp", effect: "Allow", principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }], actions: ["sts:AssumeRole", "sts:TagSession"], condition: member(["team-a"], "app") },
      { sid: "ServiceAccountWorker", effect: "Allow", principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }], actions: ["sts:AssumeRole", "sts:TagSession"], condition: member(["team-b"], "worker") },
    ]);
  });

  it("trust members that share a service account name in one statement, whatever their order in the file", async () => {
    const file = (order: number[]) => `
clusters: [{ name: demo, region: us-east-1 }]
sharedRoles: [{ name: teams }]
tenants:
${order.map((i) => `  - { name: team-${i}, namespace: ns-${i}, serviceAccount: app, sharedRole: teams }`).join("\n")}
`;
    const forward = (await synthYaml(file([1, 2, 3]))).demo!;
    expect(await synthYaml(file([3, 1, 2]))).toEqual({ demo: forward });
    const trust = Object.entries(dataSources(forward, "aws_iam_policy_document")).find(([k]) => k.startsWith("shared_roles_teams_trust"))![1];
    expect(trust.statement).toHaveLength(1);
    expect(trust.statement[0].sid).toBe("ServiceAccountApp");
    expect(trust.statement[0].condition).toEqual(member(["ns-1", "ns-2", "ns-3"], "app"));
  });

  it("give each member its own association and service account, bound to the shared role", async () => {
    const demo = (await synthYaml(YAML)).demo!;
    for (const [ns, sa] of [["team-a", "app"], ["team-b", "worker"]]) {
      expect(demo).toHaveResourceWithProperties(EksPodIdentityAssociation, { namespace: ns, service_account: sa, role_arn: "${aws_iam_role.shared_roles_team-buckets_role_ADA6D1BA.arn}" });
    }
    expect(Object.keys(resources(demo, "kubernetes_service_account_v1")).sort()).toEqual(["solo_service-account_81EB444F", "team-a_service-account_7F308B7D", "team-b_service-account_0D3254AE"]);
    expect(parse(demo).output.tenants.value["team-a"].role_arn).toBe("${aws_iam_role.shared_roles_team-buckets_role_ADA6D1BA.arn}");
    expect(parse(demo).output.shared_roles.value).toEqual({
      "team-buckets": { role_arn: "${aws_iam_role.shared_roles_team-buckets_role_ADA6D1BA.arn}", role_name: "${aws_iam_role.shared_roles_team-buckets_role_ADA6D1BA.name}" },
    });
  });

  it("turn placeholders into session-tag variables, escaped for Terraform", async () => {
    const demo = (await synthYaml(YAML)).demo!;
    const doc = dataSources(demo, "aws_iam_policy_document")["shared_roles_team-buckets_permissions_document_5DB74084"]!;
    expect(doc.statement.map((s: { resources: string[] }) => s.resources)).toEqual([
      ["arn:aws:s3:::acme-teams"],
      ["arn:aws:s3:::acme-teams/$${aws:PrincipalTag/kubernetes-namespace}/*"],
      ["arn:aws:s3:::acme-teams/$${aws:PrincipalTag/kubernetes-namespace}/*"],
      ["arn:aws:sqs:us-east-1:111122223333:$${aws:PrincipalTag/kubernetes-namespace}_$${aws:PrincipalTag/kubernetes-service-account}_$${aws:PrincipalTag/eks-cluster-name}"],
    ]);
    expect(doc.statement[0].condition).toEqual([{ test: "StringLike", variable: "s3:prefix", values: ["$${aws:PrincipalTag/kubernetes-namespace}/*"] }]);
  });

  it("never leave an unescaped ${aws: in the synthesized JSON", async () => {
    const stacks = await synthYaml(YAML);
    expect([...stacks.demo!.matchAll(/\$\{aws:/g)]).toHaveLength(6);
    for (const json of Object.values(stacks)) {
      for (const h of json.matchAll(/\$\{aws:/g)) expect(json[h.index! - 1]).toBe("$");
    }
  });

  it("refuse a tenant that has both its own role settings and a shared role", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
sharedRoles: [{ name: team-buckets, grants: [{ s3: { bucket: acme-teams, prefix: "\${namespace}/" } }] }]
tenants:
  - name: team-a
    namespace: team-a
    serviceAccount: app
    sharedRole: team-buckets
    role: { name: own-role }
    grants: [{ sns: { topic: t } }]
    disableSessionTags: true
`),
    ).toEqual([
      'tenants.yaml:9:11: tenants[0].role: tenant "team-a" uses shared role "team-buckets", so it cannot also set role; a tenant has either its own role or a shared one. Set role on the shared role, or leave out sharedRole',
      'tenants.yaml:10:13: tenants[0].grants: tenant "team-a" uses shared role "team-buckets", so it cannot also set grants; a tenant has either its own role or a shared one. Set grants on the shared role, or leave out sharedRole',
      'tenants.yaml:11:25: tenants[0].disableSessionTags: tenant "team-a" uses shared role "team-buckets", which needs session tags: its ${namespace}-style placeholders (or aws:PrincipalTag/ keys) read them',
    ]);
  });

  it("refuse an unknown shared role with a suggestion, and warn about one without members", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
sharedRoles: [{ name: team-buckets }, { name: unused }]
tenants: [{ name: team-a, namespace: team-a, serviceAccount: app, sharedRole: team-bucket }]
`),
    ).toEqual([
      'warning: tenants.yaml:3:23: sharedRoles[0].name: shared role "team-buckets" has no member; no tenant sets sharedRole: team-buckets, so it is not created',
      'warning: tenants.yaml:3:47: sharedRoles[1].name: shared role "unused" has no member; no tenant sets sharedRole: unused, so it is not created',
      'tenants.yaml:4:79: tenants[0].sharedRole: tenant "team-a" names shared role "team-bucket", which is not in sharedRoles[]; did you mean "team-buckets"?; defined shared roles: team-buckets, unused',
    ]);
  });

  it("refuse a shared role whose role name another role already uses", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
sharedRoles: [{ name: team-buckets, role: { name: Web.Demo } }]
tenants:
  - { name: web, namespace: web, serviceAccount: app }
  - { name: team-a, namespace: team-a, serviceAccount: app, sharedRole: team-buckets }
`),
    ).toEqual(['tenants.yaml:3:51: sharedRoles[0].role.name: role name "Web.Demo" of shared role "team-buckets" on cluster "demo" is already used by tenant "web" on cluster "demo" in the same account (no accountId is set; set it if the clusters are in different accounts); IAM role names are unique per account, ignoring case. Leave role.name out to get a per-cluster name']);
  });

  it("warn when the trust policy outgrows the default 2,048-character quota, and refuse past 4,096", async () => {
    const members = (n: number, sa: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => `  - { name: team-${i}, namespace: team-${i}, serviceAccount: ${sa(i)}, sharedRole: shared }`).join("\n");
    const file = (body: string) => `clusters: [{ name: demo, region: us-east-1 }]\nsharedRoles: [{ name: shared }]\ntenants:\n${body}\n`;
    // The usual ABAC layout, one service account name in many namespaces, stays small.
    expect(await problemsOf(file(members(100, () => "app")))).toEqual([]);
    // Distinct service accounts need a statement each.
    expect(await problemsOf(file(members(6, (i) => `sa-${i}`)))).toEqual([
      'warning: tenants.yaml:2:23: sharedRoles[0].name: shared role "shared": its trust policy on cluster "demo" would be about 2204 characters for 6 member(s); the default IAM quota is 2048, so this needs a quota raise (up to 4096)',
    ]);
    expect(await problemsOf(file(members(13, (i) => `sa-${i}`)))).toEqual([
      'tenants.yaml:2:23: sharedRoles[0].name: shared role "shared": its trust policy on cluster "demo" would be about 4740 characters for 13 member(s); IAM allows at most 4096 even after a quota raise. Split the members over more shared roles',
    ]);
  });
});

describe("SharedRole and TenantIdentity from TypeScript", () => {
  it("binds members to the shared role and refuses a tenant that is not a member", () => {
    const synth = stackOf((s) => {
      const shared = new SharedRole(s, "team-buckets", withCluster(s, { clusterName: "demo", members: [{ name: "team-a", namespace: "team-a", serviceAccount: "app" }] }));
      new TenantIdentity(s, "team-a", withCluster(s, { clusterName: "demo", namespace: "team-a", serviceAccount: "app", sharedRole: shared }));
      expect(() => new TenantIdentity(s, "team-b", withCluster(s, { clusterName: "demo", namespace: "team-b", serviceAccount: "app", sharedRole: shared, grants: [{ sns: { topic: "t", access: "publish" } }] }))).toThrow(
        'TenantIdentity "team-b": invalid props:\n  - grants: uses shared role "team-buckets", so it cannot also set grants; a tenant has either its own role or a shared one. Set grants on the shared role, or leave out sharedRole\n  - sharedRole: shared role "team-buckets" does not list team-b/app on cluster "demo" among its members, so its trust policy would refuse this association',
      );
      // The shared role's trust is written for its members as listed: one without session tags
      // must be listed so (session-policy-construct.test.ts has the rest).
      expect(() => new TenantIdentity(s, "team-a-again", withCluster(s, { clusterName: "demo", namespace: "team-a", serviceAccount: "app", sharedRole: shared, disableSessionTags: true }))).toThrow(
        'TenantIdentity "team-a-again": invalid props:\n  - disableSessionTags: must be the same as in shared role "team-buckets"\'s members entry for team-a/app, whose trust policy is written for it',
      );
    });
    expect(synth).toHaveResourceWithProperties(IamRole, { name: "team-buckets.demo" });
    expect(Object.keys(resources(synth, "aws_iam_role"))).toHaveLength(1);
    expect(synth).toHaveResourceWithProperties(EksPodIdentityAssociation, { namespace: "team-a", role_arn: "${aws_iam_role.team-buckets_role_C6D5B00E.arn}" });
  });

  it("refuses a tenant of another cluster: the shared role's trust admits its own cluster only", () => {
    expect(() =>
      stackOf((s) => {
        const shared = new SharedRole(s, "teams", withCluster(s, { clusterName: "demo", members: [{ name: "a", namespace: "a", serviceAccount: "app" }] }));
        const other = new EksCluster(s, "other_cluster", { clusterName: "other", region: "us-east-1" });
        new TenantIdentity(s, "a", { cluster: other, namespace: "a", serviceAccount: "app", sharedRole: shared });
      }),
    ).toThrow('TenantIdentity "a": invalid props:\n  - sharedRole: shared role "teams" does not list a/app on cluster "other" among its members, so its trust policy would refuse this association');
  });

  it("refuses a shared role without members", () => {
    expect(() => stackOf((s) => new SharedRole(s, "x", withCluster(s, { clusterName: "demo", members: [] })))).toThrow('SharedRole "x": invalid props:\n  - members: must not be empty: a shared role without members could not be assumed by anyone');
  });
});

describe("trust statement sids", () => {
  it("differ for every service account, even where a hashed form once made them equal (app.x and app-xb5f4d45c)", async () => {
    const demo = (await synthYaml(`
clusters: [{ name: demo, region: us-east-1 }]
sharedRoles: [{ name: teams }]
tenants:
  - { name: a, namespace: a, serviceAccount: app.x, sharedRole: teams }
  - { name: b, namespace: b, serviceAccount: app-xb5f4d45c, sharedRole: teams }
`)).demo!;
    const trust = Object.entries(dataSources(demo, "aws_iam_policy_document")).find(([k]) => k.startsWith("shared_roles_teams_trust"))![1];
    expect(trust.statement.map((st: { sid: string; condition: Array<{ values: string[] }> }) => [st.sid, st.condition[1]!.values])).toEqual([
      ["ServiceAccountAppXb5f4d45c", ["app-xb5f4d45c"]],
      ["ServiceAccountappDx", ["app.x"]],
    ]);
  });
});

describe("placeholders that members could share", () => {
  it("are refused when two placeholders are joined by anything a value can contain", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
sharedRoles:
  - name: teams
    grants:
      - s3: { bucket: acme, prefix: "\${namespace}-\${serviceAccount}/" }
      - s3: { bucket: acme, prefix: "\${namespace}/\${serviceAccount}/" }
    statements:
      - { actions: [sqs:SendMessage], resources: ["arn:aws:sqs:us-east-1:111122223333:\${namespace}\${cluster}"] }
tenants: [{ name: a, namespace: a, serviceAccount: app, sharedRole: teams }]
`),
    ).toEqual([
      `tenants.yaml:6:37: sharedRoles[0].grants[0].s3.prefix: shared role "teams": "\${namespace}-\${serviceAccount}/" puts '-' right after \${namespace}, so one member's value can run into another's (a namespace is a DNS-1123 label: a-z, 0-9 and '-'); follow each placeholder with a character its values cannot contain, such as '/' or ':', before any wildcard, as in \${namespace}/*`,
      `tenants.yaml:9:51: sharedRoles[0].statements[0].resources[0]: shared role "teams": "arn:aws:sqs:us-east-1:111122223333:\${namespace}\${cluster}" puts \${cluster} right after \${namespace}, so one member's value can run into another's (a namespace is a DNS-1123 label: a-z, 0-9 and '-'); follow each placeholder with a character its values cannot contain, such as '/' or ':', before any wildcard, as in \${namespace}/*`,
    ]);
  });
});
