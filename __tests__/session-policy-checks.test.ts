/** lib/checks/session-policy-checks.ts, with the file's other checks around it. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { problemsOf } from "./helpers";
import { ROOT } from "./run";

const CLUSTER = `clusters:\n  - { name: prod-east, region: us-east-1, accountId: "111122223333" }\n`;

/** `n` members of one shared role, each narrowed to its own bucket. */
function members(n: number, shared: boolean): string {
  return Array.from({ length: n }, (_, i) =>
    [
      `  - name: t${i}`,
      `    namespace: ns${i}`,
      `    serviceAccount: app`,
      shared ? `    sharedRole: readers` : `    trust: { scopeToServiceAccount: false }`,
      `    disableSessionTags: true`,
      `    sessionPolicy: { grants: [{ s3: { bucket: "bucket-${i}", access: read } }] }`,
    ].join("\n"),
  ).join("\n");
}

describe("session policies in the tenants file", () => {
  it("accepts the session-policy example without a problem", async () => {
    expect(await problemsOf(readFileSync(join(ROOT, "examples", "session-policies.yaml"), "utf8"))).toEqual([]);
  });

  it("counts a shared role with 1,001 narrowed members as one role against IAM's quota", async () => {
    const yaml = `${CLUSTER}sharedRoles:\n  - { name: readers, statements: [{ actions: ["s3:GetObject", "s3:ListBucket"], resources: ["arn:aws:s3:::bucket-*"] }] }\ntenants:\n${members(1001, true)}\n`;
    expect(await problemsOf(yaml)).toEqual([]);
    // The same tenants with roles of their own: 1,001 roles, past the default quota.
    const own = await problemsOf(`${CLUSTER}tenants:\n${members(1001, false)}\n`);
    expect(own.filter((p) => p.includes("IAM roles created by this file"))).toHaveLength(1);
  }, 60_000);

  it("lets a member of a shared role without placeholders turn session tags off without a session policy", async () => {
    const yaml = `${CLUSTER}sharedRoles:\n  - { name: readers, grants: [{ s3: { bucket: acme, access: read } }] }\ntenants:\n  - { name: a, namespace: a, serviceAccount: app, sharedRole: readers, disableSessionTags: true }\n`;
    expect(await problemsOf(yaml)).toEqual([]);
  });

  it("reports every session-policy problem of every tenant at once, each at its field", async () => {
    const yaml = `${CLUSTER}sharedRoles:
  - { name: teams, grants: [{ s3: { bucket: acme, prefix: "\${namespace}/" } }] }
tenants:
  - name: a
    namespace: a
    serviceAccount: app
    sessionPolicy: { grants: [{ s3: { bucket: acme, access: read } }] }
  - name: b
    namespace: b
    serviceAccount: app
    disableSessionTags: true
    trust: { scopeToServiceAccount: false }
    sessionPolicy: {}
  - name: c
    namespace: c
    serviceAccount: app
    sharedRole: teams
    sessionPolicy: { grants: [{ s3: { bucket: acme, prefix: c/ } }] }
`;
    expect((await problemsOf(yaml)).map((p) => p.replace(/: [^:]*$/, "").replace(/(tenants\.yaml:\d+:\d+: [^:]+).*/, "$1"))).toEqual([
      "tenants.yaml:6:5: tenants[0].disableSessionTags",
      "tenants.yaml:15:20: tenants[1].sessionPolicy",
      "tenants.yaml:16:5: tenants[2].disableSessionTags",
      "tenants.yaml:20:20: tenants[2].sessionPolicy",
    ]);
  });
});
