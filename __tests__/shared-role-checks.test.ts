import { problemsOf } from "./helpers";

const file = (role: string, tenants: string) => `
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333" }, { name: other, region: us-east-1 }]
sharedRoles:
  - name: teams
${role}
tenants:
${tenants}
`;

describe("a shared role's placeholders in the tenants file", () => {
  it("are refused when a wildcard or a name character follows, or a wildcard comes before, with the field and what is allowed", async () => {
    const lines = await problemsOf(
      file(
        `    grants:
      - s3: { bucket: acme, prefix: "team-\${namespace}/" }
      - dynamodb: { table: "\${namespace}-orders" }
    statements:
      - { actions: [s3:GetObject], resources: ["arn:aws:s3:::acme/team-\${namespace}*"] }
      - { actions: [s3:GetObject], resources: ["arn:aws:s3:::acme/*/\${namespace}/*"] }
      - actions: [s3:ListBucket]
        resources: ["arn:aws:s3:::acme"]
        conditions: { StringLike: { "s3:prefix": ["\${serviceAccount}.x/*"] } }`,
        `  - { name: a, namespace: a, serviceAccount: app, sharedRole: teams }`,
      ),
    );
    expect(lines).toEqual([
      `tenants.yaml:7:28: sharedRoles[0].grants[1].dynamodb.table: shared role "teams": "\${namespace}-orders" puts '-' right after \${namespace}, so one member's value can run into another's (a namespace is a DNS-1123 label: a-z, 0-9 and '-'); follow each placeholder with a character its values cannot contain, such as '/' or ':', before any wildcard, as in \${namespace}/*`,
      `tenants.yaml:9:48: sharedRoles[0].statements[0].resources[0]: shared role "teams": "arn:aws:s3:::acme/team-\${namespace}*" puts the wildcard '*' right after \${namespace}, so one member's value can run into another's (a namespace is a DNS-1123 label: a-z, 0-9 and '-'); follow each placeholder with a character its values cannot contain, such as '/' or ':', before any wildcard, as in \${namespace}/*`,
      `tenants.yaml:10:48: sharedRoles[0].statements[1].resources[0]: shared role "teams": "arn:aws:s3:::acme/*/\${namespace}/*" has '*' before \${namespace} and a wildcard after it: the first can stand for another member's value and what follows it, so one member would reach another's resources; put \${namespace} before any wildcard or policy variable`,
      `tenants.yaml:13:50: sharedRoles[0].statements[2].conditions.StringLike["s3:prefix"]: shared role "teams": "\${serviceAccount}.x/*" puts '.' right after \${serviceAccount}, so one member's value can run into another's (a service account name is a DNS-1123 subdomain: a-z, 0-9, '-' and '.'); follow each placeholder with a character its values cannot contain, such as '/' or ':', before any wildcard, as in \${namespace}/*`,
    ]);
  });

  it("refuse an S3 prefix that ends in a placeholder, since the grant adds '*'", async () => {
    const lines = await problemsOf(file(`    grants: [{ s3: { bucket: acme, prefix: "team-\${namespace}" } }]`, `  - { name: a, namespace: a, serviceAccount: app, sharedRole: teams }`));
    expect(lines.filter((l) => !l.startsWith("warning:"))).toEqual([
      `tenants.yaml:5:44: sharedRoles[0].grants[0].s3.prefix: shared role "teams": "team-\${namespace}*" (the grant adds '*' after the prefix) puts the wildcard '*' right after \${namespace}, so one member's value can run into another's (a namespace is a DNS-1123 label: a-z, 0-9 and '-'); follow each placeholder with a character its values cannot contain, such as '/' or ':', before any wildcard, as in \${namespace}/*`,
    ]);
  });

  it("accept a secret name that ends in a placeholder: AWS's six random characters follow it", async () => {
    expect(await problemsOf(file(`    grants: [{ secretsManager: { secret: "db-\${namespace}" } }]`, `  - { name: a, namespace: a, serviceAccount: app, sharedRole: teams }`))).toEqual([]);
  });

  it("leave tenants' own roles alone: there a placeholder is the tenant's literal value", async () => {
    expect(await problemsOf(`
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333" }]
tenants:
  - name: a
    namespace: a
    serviceAccount: app
    statements: [{ actions: [s3:GetObject], resources: ["arn:aws:s3:::acme/\${namespace}-x/*"] }]
`)).toEqual([]);
  });
});

describe("members a shared role does not tell apart", () => {
  it("are refused, naming both, when only ${serviceAccount} is used and their service accounts are alike", async () => {
    const lines = await problemsOf(
      file(
        `    grants: [{ s3: { bucket: acme, prefix: "\${serviceAccount}/" } }]`,
        `  - { name: a, namespace: a, serviceAccount: app, sharedRole: teams }
  - { name: b, namespace: b, serviceAccount: app, sharedRole: teams }
  - { name: c, namespace: c, serviceAccount: worker, sharedRole: teams }
  - { name: d, namespace: d, serviceAccount: app, sharedRole: teams }`,
      ),
    );
    const because = (t: string) =>
      `on cluster "demo": tenant "${t}" and tenant "a" (tenants[0]) would reach the same resources through shared role "teams": sharedRoles[0].grants[0] gives tenant "a" "arn:aws:s3:::acme/app/*" and tenant "${t}" "arn:aws:s3:::acme/app/*". Its placeholders must tell members apart (for example \${namespace}/\${serviceAccount}/); change them, or give one of the two a role of its own`;
    expect(lines).toEqual([`tenants.yaml:8:63: tenants[1].sharedRole: ${because("b")}`, `tenants.yaml:10:63: tenants[3].sharedRole: ${because("d")}`]);
  });

  it("are refused when one member's value, through another resource, gives another member's", async () => {
    const lines = await problemsOf(
      file(
        `    statements:
      - { actions: [sqs:SendMessage], resources: ["arn:aws:sqs:us-east-1:111122223333:team-\${namespace}"] }
      - { actions: [sqs:SendMessage], resources: ["arn:aws:sqs:us-east-1:111122223333:\${namespace}"] }`,
        `  - { name: a, namespace: a, serviceAccount: app, sharedRole: teams, clusters: [demo] }
  - { name: team-a, namespace: team-a, serviceAccount: app, sharedRole: teams, clusters: [demo] }`,
      ),
    );
    expect(lines).toEqual([
      `tenants.yaml:10:73: tenants[1].sharedRole: on cluster "demo": tenant "team-a" and tenant "a" (tenants[0]) would reach the same resources through shared role "teams": sharedRoles[0].statements[0] gives tenant "a" "arn:aws:sqs:us-east-1:111122223333:team-a", and sharedRoles[0].statements[1] gives tenant "team-a" "arn:aws:sqs:us-east-1:111122223333:team-a". Its placeholders must tell members apart (for example \${namespace}/\${serviceAccount}/); change them, or give one of the two a role of its own`,
    ]);
  });

  it("are compared per cluster: a role serves one cluster, and ${cluster} alone tells no member apart", async () => {
    const lines = await problemsOf(
      file(`    grants: [{ sqs: { queue: "jobs-\${cluster}", access: send } }]`, `  - { name: a, namespace: a, serviceAccount: app, sharedRole: teams, clusters: [demo] }
  - { name: b, namespace: b, serviceAccount: app, sharedRole: teams, clusters: [other] }`),
    );
    expect(lines).toEqual([]);
    const together = await problemsOf(
      file(`    grants: [{ sqs: { queue: "jobs-\${cluster}", access: send } }]`, `  - { name: a, namespace: a, serviceAccount: app, sharedRole: teams, clusters: [demo] }
  - { name: b, namespace: b, serviceAccount: app, sharedRole: teams, clusters: [demo] }`),
    );
    expect(together).toHaveLength(1);
    expect(together[0]).toContain(`tenants[1].sharedRole: on cluster "demo": tenant "b" and tenant "a" (tenants[0]) would reach the same resources through shared role "teams": sharedRoles[0].grants[0] gives tenant "a" "arn:aws:sqs:us-east-1:111122223333:jobs-demo"`);
  });

  it("are accepted when the placeholders single each member out", async () => {
    expect(
      await problemsOf(
        file(`    grants: [{ s3: { bucket: acme, prefix: "\${namespace}/\${serviceAccount}/" } }]`, `  - { name: a, namespace: team, serviceAccount: app, sharedRole: teams }
  - { name: b, namespace: team-b, serviceAccount: app, sharedRole: teams }
  - { name: c, namespace: team, serviceAccount: app-b, sharedRole: teams }`),
      ),
    ).toEqual([]);
  });
});
