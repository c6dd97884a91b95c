/** The least-privilege checks of the tenants file: strict, size, duplicates, the seed's warning. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadOrReport } from "../lib/commands/cli";
import { load, problemsOf, synthYaml } from "./helpers";

describe("strict", () => {
  const yaml = (strict: boolean) => `
strict: ${strict}
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: sa, managedPolicyArns: [arn:aws:iam::aws:policy/PowerUserAccess] }]
`;
  const line =
    'tenants.yaml:4:80: tenants[0].managedPolicyArns[0]: tenant "web": AWS-managed policy "PowerUserAccess" (arn:aws:iam::aws:policy/PowerUserAccess), by what its default version v12 allows: statement 1: NotAction ["iam:*","organizations:*","account:*"] allows every action of every service but those (21821 actions of the IAM action catalogue); statement 1: NotAction ["iam:*","organizations:*","account:*"] lets through 401 actions that change IAM permissions or take another identity, such as acm-pca:CreatePermission, acm-pca:DeletePermission, acm-pca:DeletePolicy; statement 1: allows every action but ["iam:*","organizations:*","account:*"] on every resource (4 findings in all); prefer grants or statements scoped to the resources the tenant uses';

  it("left out, a lint finding is a warning and the file is valid", async () => {
    const r = await load(yaml(false));
    expect(r.config).toBeDefined();
    expect(await problemsOf(yaml(false))).toEqual([`warning: ${line}`]);
  });

  it("true turns every warning into an error", async () => {
    const r = await load(yaml(true));
    expect(r.config).toBeUndefined();
    expect(await problemsOf(yaml(true))).toEqual([`${line} (an error because strict is true)`]);
  });
});

describe("the seed tenants.yaml", () => {
  it("is valid, with one warning about AmazonS3FullAccess", async () => {
    const file = join(__dirname, "..", "tenants.yaml");
    const lines: string[] = [];
    const config = await loadOrReport(file, (l) => lines.push(l));
    expect(config).toBeDefined();
    expect(lines).toEqual([
      `warning: ${file}:17:9: tenants[0].managedPolicyArns[0]: tenant "nginx": AWS-managed policy "AmazonS3FullAccess" (arn:aws:iam::aws:policy/AmazonS3FullAccess), by what its default version v2 allows: statement 1: action "s3:*" allows every action of service "s3"; statement 1: action "s3:*" matches s3:AssociateAccessGrantsIdentityCenter, s3:BypassGovernanceRetention, s3:CreateAccessGrant (27 such actions in all), which lets the pod change IAM permissions or take another identity: it changes permissions (access level "Permissions management"); statement 1: action "s3-object-lambda:*" allows every action of service "s3-object-lambda" (5 findings in all); prefer grants or statements scoped to the resources the tenant uses`,
    ]);
  });
});

describe("inline policy size", () => {
  const statements = (n: number) =>
    Array.from({ length: n }, (_, i) => `      - { sid: S${i}, actions: [s3:GetObject], resources: ["arn:aws:s3:::bucket-with-a-long-name-${i}/some/long/prefix/for/this/statement/*"] }`).join("\n");
  const yaml = (n: number) => `
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    statements:
${statements(n)}
`;

  it("refuses more than 10,240 characters of inline policy, naming the limit", async () => {
    expect(await problemsOf(yaml(60))).toEqual([]);
    expect(await problemsOf(yaml(100))).toEqual([
      'tenants.yaml:4:5: tenants[0]: tenant "web": inline policy "least-privilege" would be 15018 characters on cluster "demo"; IAM allows at most 10240 characters of inline policy per role (white space not counted). Use fewer grants or statements, or move some into customer-managed policies (managedPolicyArns)',
    ]);
  });
});

describe("duplicates", () => {
  it("refuses a grant listed twice and a sid used twice", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    grants:
      - sns: { topic: alerts }
      - sns: { topic: alerts, access: publish }
`),
    ).toEqual(["tenants.yaml:9:9: tenants[0].grants[1]: this grant repeats grants[0]; remove one"]);
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    statements:
      - { sid: Read, actions: [s3:GetObject], resources: ["arn:aws:s3:::a/*"] }
      - { sid: Read, actions: [s3:GetObject], resources: ["arn:aws:s3:::b/*"] }
`),
    ).toEqual(['tenants.yaml:8:7: tenants[0].statements: tenant "web": sid "Read" (statements[0] and statements[1]) is used by more than one statement; give each statement its own sid, or remove the repeated statement']);
  });

  it("names both sources when a hand-written sid takes one the product derives", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333" }]
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    targetRoleArn: arn:aws:iam::444455556666:role/reader
    statements:
      - { sid: AssumeCrossAccountTargetRole, actions: [s3:GetObject], resources: ["arn:aws:s3:::a/*"] }
`),
    ).toEqual(['tenants.yaml:9:7: tenants[0].statements: tenant "web": sid "AssumeCrossAccountTargetRole" (statements[0] and targetRoleArn) is used by more than one statement; give each statement its own sid, or remove the repeated statement']);
  });
});

describe("examples/least-privilege.yaml", () => {
  const text = readFileSync(join(__dirname, "..", "examples", "least-privilege.yaml"), "utf8");

  it("is valid without warnings", async () => {
    expect(await problemsOf(text, "examples/least-privilege.yaml")).toEqual([]);
  });

  it("synthesizes one stack with every grant, a cross-account tenant and a shared role", async () => {
    const json = (await synthYaml(text))["prod-east"]!;
    for (const action of ["s3:ListBucket", "dynamodb:Query", "sqs:ReceiveMessage", "sns:Publish", "secretsmanager:GetSecretValue", "ssm:GetParametersByPath", "kms:Decrypt", "sts:TagSession"]) {
      expect(json).toContain(`"${action}"`);
    }
    expect(json).toContain('"target_role_arn": "arn:aws:iam::444455556666:role/invoices-reader"');
    expect(JSON.parse(json).output.tenants.value.billing.external_id).toBe("${aws_eks_pod_identity_association.billing_association_F75C5D4D.external_id}");
    expect(json).toContain("acme-teams/$${aws:PrincipalTag/kubernetes-namespace}/*");
    for (const h of json.matchAll(/\$\{aws:/g)) expect(json[h.index! - 1]).toBe("$");
  });
});

describe("grant warnings through the tenants file", () => {
  it("name the tenant and the policy", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: sa, grants: [{ s3: { bucket: acme, prefix: team-a } }] }]
`),
    ).toEqual([
      `warning: tenants.yaml:3:99: tenants[0].grants[0].s3.prefix: tenant "web", inline policy "least-privilege": prefix "team-a" does not end with '/', so it also covers keys such as "team-a-other/..."; end it with '/' to keep to one folder`,
    ]);
  });
});

describe("guardrails without gaps, through the tenants file", () => {
  // The file: writes on arn:aws:s3:::*/*, PassRole and AssumeRole on arn:aws:iam::*:role/*, iam:Put* on the tenant's own role.
  const yaml = (strict: boolean) => `
strict: ${strict}
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333" }]
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    role: { name: web-role }
    statements:
      - { sid: Writes, actions: ["s3:PutObject"], resources: ["arn:aws:s3:::*/*"] }
      - { sid: Identity, actions: ["iam:PassRole", "sts:AssumeRole"], resources: ["arn:aws:iam::*:role/*"] }
      - { sid: Own, actions: ["iam:Put*"], resources: ["arn:aws:iam::111122223333:role/web-role"] }
`;
  const at = (s: string) => s.replace(/^(warning: )?tenants\.yaml:(\d+:\d+): (\S+): .*$/, "$1$2 $3");

  it("warns about each gap when strict is left out, and the file stays valid", async () => {
    expect((await load(yaml(false))).config).toBeDefined();
    expect((await problemsOf(yaml(false))).map(at)).toEqual([
      "warning: 10:63 tenants[0].statements[0].resources[0]",
      "warning: 11:36 tenants[0].statements[1].actions[0]",
      "warning: 11:52 tenants[0].statements[1].actions[1]",
      "warning: 11:83 tenants[0].statements[1].resources[0]",
      "warning: 12:31 tenants[0].statements[2].actions[0]",
    ]);
  });

  it("refuses the file under strict", async () => {
    const problems = await problemsOf(yaml(true));
    expect((await load(yaml(true))).config).toBeUndefined();
    expect(problems).toHaveLength(5);
    expect(problems.every((p) => p.endsWith("(an error because strict is true)"))).toBe(true);
  });

  it("refuses a statement ARN with a region or account where the resource's ARN has none", async () => {
    const text = `
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    statements: [{ actions: ["iam:GetRole", "s3:GetObject"], resources: ["arn:aws:iam:us-east-1:111122223333:role/app", "arn:aws:s3::111122223333:b/*"] }]
`;
    expect(await problemsOf(text)).toEqual([
      'tenants.yaml:7:74: tenants[0].statements[0].resources[0]: "arn:aws:iam:us-east-1:111122223333:role/app" has region "us-east-1", but iam ARNs of this kind have no region field (arn:aws:iam::${Account}:role/${RoleNameWithPath}), so it matches no resource and IAM refuses the policy (MalformedPolicyDocument); write arn:aws:iam::111122223333:role/app',
      'tenants.yaml:7:121: tenants[0].statements[0].resources[1]: "arn:aws:s3::111122223333:b/*" has account "111122223333", but s3 ARNs of this kind have no account field (arn:aws:s3:::${BucketName}, arn:aws:s3:::${BucketName}/${ObjectName}), so it matches no resource; write arn:aws:s3:::b/*',
    ]);
  });
});
