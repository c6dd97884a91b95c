import { problemsOf } from "./helpers";

/** `n` tenants, each on the clusters given (all when left out), in flow style: one line each. */
function tenants(n: number, clusters?: string): string {
  const on = clusters ? `, clusters: [${clusters}]` : "";
  return Array.from({ length: n }, (_, i) => `  - { name: t${i}, namespace: ns, serviceAccount: sa${i}${on} }`).join("\n");
}

const QUOTAS = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html";

describe("IAM roles per account", () => {
  it("is quiet at the default quota of 1,000, counting tenants, shared roles and add-ons", async () => {
    const yaml = `
clusters:
  - name: a
    region: us-east-1
    accountId: "111122223333"
    addons: [{ name: vpc-cni }]
sharedRoles:
  - { name: team }
tenants:
${tenants(997)}
  - { name: shared, namespace: ns, serviceAccount: shared, sharedRole: team }
`;
    // 997 tenants + 1 shared role + 1 add-on = 999; one more tenant makes 1,000, still allowed.
    expect(await problemsOf(yaml)).toEqual([]);
    expect(await problemsOf(yaml.replace("  - { name: shared,", "  - { name: extra, namespace: ns, serviceAccount: extra }\n  - { name: shared,"))).toEqual([]);
  });

  it("warns at the first role past 1,000 in one account, across clusters, and names what shares roles", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-east-1, accountId: "111122223333" }
  - { name: b, region: eu-west-1, accountId: "111122223333" }
  - { name: c, region: eu-west-1, accountId: "444455556666" }
tenants:
${tenants(500, "a, b")}
  - { name: last, namespace: ns, serviceAccount: last, clusters: [b, c] }
`;
    expect(await problemsOf(yaml)).toEqual([
      `warning: tenants.yaml:507:13: tenants[500].name: account 111122223333 would hold 1,001 IAM roles created by this file (1,001 for tenants), and roles the account already has count too; IAM allows 1,000 roles per account unless the quota is raised (at most 5,000; ${QUOTAS}). Request an increase before deploying, or let tenants share roles (sharedRoles, with tenants[].sharedRole: one role per cluster for all of them)`,
    ]);
  });

  it("counts clusters without accountId as one account, as the role-name check does", async () => {
    const yaml = `
clusters:
  - { name: a, region: us-east-1 }
  - { name: b, region: eu-west-1 }
tenants:
${tenants(501)}
`;
    const [line] = await problemsOf(yaml);
    expect(line).toMatch(/^warning: tenants\.yaml:506:13: tenants\[500\]\.name: the clusters without accountId \(counted as one account\) would hold 1,002 IAM roles created by this file \(1,002 for tenants\)/);
  });

  it("refuses more than 5,000 roles in one account, at the first role past the maximum", async () => {
    // A budget that two stacks of 2,501 tenants fit, so that only this check speaks.
    const yaml = `
planBudget: { cpuSeconds: 3600 }
clusters:
  - { name: a, region: us-east-1, accountId: "111122223333" }
  - { name: b, region: us-west-2, accountId: "111122223333" }
tenants:
${tenants(2501)}
`;
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:2507:13: tenants[2500].name: account 111122223333 would hold 5,002 IAM roles created by this file (5,002 for tenants); IAM allows at most 5,000 roles per account even after a quota increase (${QUOTAS}). Spread the clusters over more accounts, or let tenants share roles (sharedRoles, with tenants[].sharedRole: one role per cluster for all of them)`,
    ]);
  });
});
