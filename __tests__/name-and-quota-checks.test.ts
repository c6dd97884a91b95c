import { load, problemsOf } from "./helpers";
import { formatPath } from "../lib/diagnostics/problems";
import { lintManagedPolicy } from "../lib/policy/lint";

const clusters = `
clusters:
  - { name: a, region: us-east-1, accountId: "111122223333" }
  - { name: b, region: eu-west-1, accountId: "444455556666" }
`;

/** The content warning of an AWS managed policy (lib/policy/lint.ts), as validate prints it at `at`. */
const managedFlag = (at: string, owner: string, arn = "arn:aws:iam::aws:policy/ReadOnlyAccess") => `warning: tenants.yaml:${at}: ${lintManagedPolicy(arn, [], owner)[0]!.message}`;

describe("cross-field checks", () => {
  it("refuses two clusters and two tenants of the same name", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-east-1 }
  - { name: a, region: eu-west-1 }
tenants:
  - { name: t, namespace: n1, serviceAccount: s, clusters: [a] }
  - { name: t, namespace: n2, serviceAccount: s, clusters: [a] }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:4:13: clusters[1].name: cluster "a" is already defined at clusters[0]; cluster names must be unique',
      'tenants.yaml:7:13: tenants[1].name: tenant "t" is already defined at tenants[0]; tenant names must be unique',
    ]);
  });

  it("refuses a reference to a cluster that does not exist, with a suggestion", async () => {
    const yaml = `${clusters}tenants:\n  - { name: t, namespace: n, serviceAccount: s, clusters: [a, bb, a] }\n`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:6:63: tenants[0].clusters[1]: tenant "t" names cluster "bb", which is not in clusters[]; did you mean "b"?; defined clusters: a, b',
      'tenants.yaml:6:67: tenants[0].clusters[2]: cluster "a" is listed twice',
    ]);
  });

  it("refuses one service account in two tenants on the same cluster, naming both tenants", async () => {
    const yaml = `${clusters}tenants:
  - { name: first, namespace: shop, serviceAccount: app }
  - { name: second, namespace: shop, serviceAccount: app, clusters: [b] }
  - { name: third, namespace: other, serviceAccount: app }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:7:54: tenants[1].serviceAccount: tenants "first" and "second" both associate service account "app" in namespace "shop" on cluster "b"; EKS allows one role per service account',
    ]);
  });

  it("refuses two roles whose names differ only in case within one account", async () => {
    const yaml = `${clusters}tenants:
  - { name: one, namespace: n1, serviceAccount: s, clusters: [a], role: { name: Reader } }
  - { name: two, namespace: n2, serviceAccount: s, clusters: [a], role: { name: reader } }
  - { name: three, namespace: n3, serviceAccount: s, clusters: [b], role: { name: READER } }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:7:81: tenants[1].role.name: role name "reader" of tenant "two" on cluster "a" is already used by tenant "one" on cluster "a" in account 111122223333; IAM role names are unique per account, ignoring case. Leave role.name out to get a per-cluster name',
    ]);
  });

  it("refuses a fixed role name on two clusters that may share an account", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-east-1 }
  - { name: b, region: eu-west-1 }
tenants:
  - { name: web, namespace: n, serviceAccount: s, role: { name: web-role } }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:6:65: tenants[0].role.name: role name "web-role" of tenant "web" on cluster "b" is already used by tenant "web" on cluster "a" in the same account (no accountId is set; set it if the clusters are in different accounts); IAM role names are unique per account, ignoring case. Leave role.name out to get a per-cluster name',
    ]);
  });

  it("allows the same fixed role name on clusters in different accounts", async () => {
    const yaml = `${clusters}tenants:\n  - { name: web, namespace: n, serviceAccount: s, role: { name: web-role } }\n`;
    expect(await problemsOf(yaml)).toEqual([]);
  });

  describe("a role name on a cluster with accountId and on one without", () => {
    const warn = (line: string, owner: string, on: string, other: string, otherOwner: string, open: string, pinned: string) =>
      `warning: tenants.yaml:${line}: role name "shared-name" of ${owner} on cluster "${on}" is also used by ${otherOwner} on cluster "${other}"; cluster "${open}" sets no accountId, so it may be in account 111122223333 of cluster "${pinned}", where IAM would refuse the second role (role names are unique per account, ignoring case). Set accountId on cluster "${open}", or leave role.name out to get a per-cluster name`;

    it("warns when the cluster with accountId comes first, and when it comes second", async () => {
      const pinnedFirst = `
clusters:
  - { name: pinned, region: us-east-1, accountId: "111122223333" }
  - { name: open, region: eu-west-1 }
tenants:
  - { name: web, namespace: n, serviceAccount: s, role: { name: shared-name } }
`;
      expect(await problemsOf(pinnedFirst)).toEqual([warn("6:65: tenants[0].role.name", 'tenant "web"', "open", "pinned", 'tenant "web"', "open", "pinned")]);
      const openFirst = pinnedFirst.replace(/  - \{ name: pinned.*\n(  - \{ name: open.*\n)/, (_m, open: string) => `${open}  - { name: pinned, region: us-east-1, accountId: "111122223333" }\n`);
      expect(await problemsOf(openFirst)).toEqual([warn("6:65: tenants[0].role.name", 'tenant "web"', "pinned", "open", 'tenant "web"', "open", "pinned")]);
    });

    it("is a warning: the file stays valid, and strict makes it an error", async () => {
      const yaml = `
clusters:
  - { name: pinned, region: us-east-1, accountId: "111122223333" }
  - { name: open, region: eu-west-1 }
tenants:
  - { name: web, namespace: n, serviceAccount: s, clusters: [pinned], role: { name: shared-name } }
  - { name: api, namespace: n, serviceAccount: s, clusters: [open], role: { name: Shared-Name } }
`;
      expect((await load(yaml)).config).toBeDefined();
      const strict = await load(`strict: true\n${yaml}`);
      expect(strict.config).toBeUndefined();
      expect(strict.problems.map((p) => [p.severity, formatPath(p.path)])).toEqual([["error", "tenants[1].role.name"]]);
    });

    it("covers every kind of role: a shared role's, an add-on's and a controller's", async () => {
      const yaml = `
clusters:
  - name: pinned
    region: us-east-1
    accountId: "111122223333"
    addons: [{ name: vpc-cni, role: { name: shared-name } }]
  - name: open
    region: eu-west-1
    controllers: [{ name: aws-load-balancer-controller, role: { name: shared-name } }]
sharedRoles: [{ name: teams, role: { name: shared-name } }]
tenants:
  - { name: web, namespace: n, serviceAccount: s, clusters: [open], sharedRole: teams }
`;
      expect(await problemsOf(yaml)).toEqual([
        // Roles are compared in the order tenants, shared roles, add-ons, controllers.
        warn("6:45: clusters[0].addons[0].role.name", 'add-on "vpc-cni"', "pinned", "open", 'shared role "teams"', "open", "pinned"),
        'tenants.yaml:9:71: clusters[1].controllers[0].role.name: role name "shared-name" of controller "aws-load-balancer-controller" on cluster "open" is already used by shared role "teams" on cluster "open" in the same account (no accountId is set; set it if the clusters are in different accounts); IAM role names are unique per account, ignoring case. Leave role.name out to get a per-cluster name',
      ]);
    });

    it("leaves clusters in two different pinned accounts alone", async () => {
      const yaml = `${clusters}tenants:\n  - { name: web, namespace: n, serviceAccount: s, role: { name: shared-name } }\n`;
      expect(await problemsOf(yaml)).toEqual([]);
    });
  });

  it("warns above 10 managed policies and refuses above 20, and refuses a policy listed twice", async () => {
    const arns = (n: number) => Array.from({ length: n }, (_, i) => `"arn:aws:iam::111122223333:policy/p${i}"`).join(", ");
    const yaml = `${clusters}tenants:
  - { name: eleven, namespace: n1, serviceAccount: s, managedPolicyArns: [${arns(11)}], clusters: [a] }
  - { name: many, namespace: n2, serviceAccount: s, managedPolicyArns: [${arns(21)}], clusters: [a] }
  - { name: twice, namespace: n3, serviceAccount: s, managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"] }
`;
    const problems = await problemsOf(yaml);
    expect(problems).toEqual([
      'warning: tenants.yaml:6:74: tenants[0].managedPolicyArns: tenant "eleven" attaches 11 managed policies; the default IAM quota is 10 per role, so this needs a quota raise (up to 20)',
      'tenants.yaml:7:72: tenants[1].managedPolicyArns: tenant "many" attaches 21 managed policies; IAM allows at most 20 per role even after a quota raise',
      managedFlag("8:74: tenants[2].managedPolicyArns[0]", 'tenant "twice"'),
      "tenants.yaml:8:116: tenants[2].managedPolicyArns[1]: arn:aws:iam::aws:policy/ReadOnlyAccess is listed twice",
    ]);
  });

  it("counts defaults.tags and a tenant's tags against the 50-tag limit", async () => {
    const tags = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}: v`).join(", ");
    const yaml = `${clusters}defaults: { tags: { ${tags("d", 30)} } }
tenants:
  - { name: t, namespace: n, serviceAccount: s, tags: { ${tags("t", 21)} } }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:7:55: tenants[0].tags: tenant "t" would carry 51 tags with defaults.tags; AWS allows at most 50 per resource',
    ]);
  });

  it("refuses more than 5,000 associations on one cluster", async () => {
    const tenants = Array.from({ length: 5001 }, (_, i) => `  - { name: t${i}, namespace: n${i}, serviceAccount: s }`).join("\n");
    const yaml = `clusters:\n  - { name: big, region: us-east-1 }\ntenants:\n${tenants}\n`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:2:13: clusters[0].name: cluster "big" would hold 5001 Pod Identity associations; EKS allows at most 5000 per cluster, and that quota cannot be raised',
      // Each association here has a role of its own, so IAM's role quota (role-quota.ts) is past too.
      `tenants.yaml:5004:13: tenants[5000].name: the clusters without accountId (counted as one account) would hold 5,001 IAM roles created by this file (5,001 for tenants); IAM allows at most 5,000 roles per account even after a quota increase (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). Spread the clusters over more accounts, or let tenants share roles (sharedRoles, with tenants[].sharedRole: one role per cluster for all of them)`,
    ]);
  });

  it("compares every kind of role: a fixed shared-role name on two clusters of one account clashes", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-east-1, accountId: "111122223333" }
  - { name: b, region: eu-west-1, accountId: "111122223333" }
sharedRoles: [{ name: teams, role: { name: teams-role } }]
tenants:
  - { name: t1, namespace: n1, serviceAccount: app, sharedRole: teams }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:5:44: sharedRoles[0].role.name: role name "teams-role" of shared role "teams" on cluster "b" is already used by shared role "teams" on cluster "a" in account 111122223333; IAM role names are unique per account, ignoring case. Leave role.name out to get a per-cluster name',
    ]);
  });

  it("counts add-ons' associations against the 5,000 per cluster", async () => {
    const tenants = Array.from({ length: 4999 }, (_, i) => `  - { name: t${i}, namespace: n${i}, serviceAccount: s }`).join("\n");
    const yaml = `clusters:\n  - { name: big, region: us-east-1, addons: [{ name: vpc-cni }, { name: aws-ebs-csi-driver }] }\ntenants:\n${tenants}\n`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:2:13: clusters[0].name: cluster "big" would hold 5001 Pod Identity associations; EKS allows at most 5000 per cluster, and that quota cannot be raised',
      `tenants.yaml:2:73: clusters[0].addons[1].name: the clusters without accountId (counted as one account) would hold 5,001 IAM roles created by this file (4,999 for tenants, 2 for add-ons); IAM allows at most 5,000 roles per account even after a quota increase (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). Spread the clusters over more accounts, or let tenants share roles (sharedRoles, with tenants[].sharedRole: one role per cluster for all of them)`,
    ]);
  });
});
