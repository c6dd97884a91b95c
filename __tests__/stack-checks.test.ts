import { problemsOf } from "./helpers";

const one = `clusters: [{ name: prod, region: eu-west-1 }]\n`;

describe("stack groups", () => {
  it("accepts groups, a group of one tenant with a distinct name, and state in S3 or HCP Terraform", async () => {
    const yaml = `${one}state: { cloud: { organization: acme.corp_1, workspacePrefix: pod-identity_ } }
tenants:
  - { name: a, namespace: a, serviceAccount: a, stack: payments }
  - { name: b, namespace: b, serviceAccount: b, stack: payments }
  - { name: c, namespace: c, serviceAccount: c, stack: search }
`;
    expect(await problemsOf(yaml)).toEqual([]);
  });

  it("takes a group of one tenant that is a near miss of a group others use for a typo", async () => {
    const yaml = `${one}tenants:
  - { name: a, namespace: a, serviceAccount: a, stack: payments }
  - { name: b, namespace: b, serviceAccount: b, stack: payments }
  - { name: c, namespace: c, serviceAccount: c, stack: paymnets }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:5:56: tenants[2].stack: stack group "paymnets" is used by this tenant only; did you mean "payments", which 2 tenants use? A group of its own is fine when its name is not this close to another group\'s',
    ]);
  });

  it("keeps a shared role's members in the base stack", async () => {
    const yaml = `${one}sharedRoles: [{ name: batch }]
tenants:
  - { name: a, namespace: a, serviceAccount: a, sharedRole: batch, stack: jobs }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:4:75: tenants[0].stack: tenant "a" uses shared role "batch", whose role and members stay in the cluster\'s base stack; leave out stack, or give the tenant a role of its own',
    ]);
  });

  it("refuses a group stack named like another cluster's stack, also ignoring case", async () => {
    const yaml = `clusters:
  - { name: prod, region: eu-west-1 }
  - { name: prod-eu, region: eu-west-1 }
  - { name: Prod-US, region: us-east-1 }
tenants:
  - { name: a, namespace: a, serviceAccount: a, clusters: [prod], stack: eu }
  - { name: b, namespace: b, serviceAccount: b, clusters: [prod], stack: us }
  - { name: c, namespace: c, serviceAccount: c, clusters: [prod], stack: asia }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:6:74: tenants[0].stack: group "eu" on cluster "prod" makes stack "prod-eu", the same name as the base stack of cluster "prod-eu" (stack names are compared ignoring case); choose another group name',
      'tenants.yaml:7:74: tenants[1].stack: group "us" on cluster "prod" makes stack "prod-us", the same name as the base stack of cluster "Prod-US" (stack names are compared ignoring case); choose another group name',
    ]);
  });

  it("refuses two clusters' group stacks that come out with the same name", async () => {
    const yaml = `clusters:
  - { name: a, region: eu-west-1 }
  - { name: a-b, region: eu-west-1 }
tenants:
  - { name: x, namespace: x, serviceAccount: x, clusters: [a], stack: b-c }
  - { name: y, namespace: y, serviceAccount: y, clusters: [a-b], stack: c }
`;
    expect(await problemsOf(yaml)).toEqual([
      'tenants.yaml:6:73: tenants[1].stack: group "c" on cluster "a-b" makes stack "a-b-c", the same name as the stack of group "b-c" on cluster "a" (stack names are compared ignoring case); choose another group name',
    ]);
  });

  it("refuses a workspace name over HCP Terraform's 90 characters, for base and group stacks", async () => {
    const cluster = "c".repeat(60);
    const group = "g".repeat(20);
    const yaml = `clusters: [{ name: ${cluster}, region: eu-west-1 }]
state: { cloud: { organization: acme, workspacePrefix: pod-identity-tenants- } }
tenants:
  - { name: a, namespace: a, serviceAccount: a, stack: ${group} }
`;
    // "pod-identity-tenants-" is 21 characters: 21 + 60 = 81 fits, 21 + 60 + 1 + 20 = 102 does not.
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:4:56: tenants[0].stack: stack "${cluster}-${group}" gets the HCP Terraform workspace "pod-identity-tenants-${cluster}-${group}", 102 characters; workspace names should be at most 90 (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/create). Shorten the group name or state.cloud.workspacePrefix`,
    ]);
    const longer = yaml.replace("pod-identity-tenants-", "p".repeat(31));
    expect((await problemsOf(longer))[0]).toBe(
      `tenants.yaml:1:20: clusters[0].name: cluster "${cluster}"'s stack gets the HCP Terraform workspace "${"p".repeat(31)}${cluster}", 91 characters; workspace names should be at most 90 (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/create). Shorten state.cloud.workspacePrefix`,
    );
  });

  it("refuses an S3 state key whose lock object would pass 1,024 bytes", async () => {
    // Terraform writes <key>.tflock beside the state, so the key itself may have 1,024 - 7 bytes.
    const yaml = (prefix: string) => `${one}state: { s3: { bucket: tf-state, region: eu-west-1, keyPrefix: ${prefix} } }
tenants:
  - { name: a, namespace: a, serviceAccount: a, stack: payments }
`;
    // 994 + "/" + "prod/terraform.tfstate" (22) = 1017 fits; with "prod-payments/…" (31) it is 1026.
    const message = (bytes: number) => `: ${bytes} bytes; Terraform also writes the lock object <key>.tflock beside it, and S3 keys are at most 1024 bytes, so a state key may have at most 1017. Shorten state.s3.keyPrefix`;
    expect(await problemsOf(yaml(`${"k".repeat(994)}/`))).toEqual([
      `tenants.yaml:4:56: tenants[0].stack: stack "prod-payments" gets the S3 state key "${"k".repeat(100)}…"${message(1026)}`,
    ]);
    // Bytes of UTF-8, not characters: one "é" more makes the base stack's key 1019 bytes.
    expect(await problemsOf(yaml(`é${"k".repeat(994)}/`))).toEqual([
      `tenants.yaml:1:20: clusters[0].name: cluster "prod"'s stack gets the S3 state key "é${"k".repeat(99)}…"${message(1019)}`,
      `tenants.yaml:4:56: tenants[0].stack: stack "prod-payments" gets the S3 state key "é${"k".repeat(99)}…"${message(1028)}`,
    ]);
  });
});

describe("state", () => {
  it("refuses S3 and HCP Terraform together", async () => {
    const yaml = `${one}state:
  s3: { bucket: tf-state, region: eu-west-1 }
  cloud: { organization: acme, workspacePrefix: "" }
`;
    expect(await problemsOf(yaml)).toEqual([
      "tenants.yaml:4:3: state.cloud: state.s3 and state.cloud are both set; a stack has one state: keep s3 (an S3 backend) or cloud (HCP Terraform or Terraform Enterprise workspaces)",
    ]);
  });

  it("checks the organization, the workspace prefix and the host name", async () => {
    const yaml = `${one}state: { cloud: { organization: "acme corp", workspacePrefix: "pod/identity-", hostname: "https://tfe.example.com" } }\n`;
    expect(await problemsOf(yaml)).toEqual([
      `tenants.yaml:2:33: state.cloud.organization: "acme corp" is not a valid HCP Terraform organization name: letters, digits, '-', '.' and '_' only`,
      `tenants.yaml:2:63: state.cloud.workspacePrefix: "pod/identity-" is not a valid workspace name prefix: letters, digits, '-' and '_' only (HCP Terraform workspace names), at most 89 characters; may be empty`,
      `tenants.yaml:2:90: state.cloud.hostname: "https://tfe.example.com" is not a valid host name: a host name such as app.terraform.io or tfe.example.com[:port], without https:// or a path`,
    ]);
  });

  it("needs an organization and a prefix", async () => {
    expect(await problemsOf(`${one}state: { cloud: { hostname: tfe.example.com:8443 } }\n`)).toEqual([
      "tenants.yaml:2:17: state.cloud.organization: is required",
      "tenants.yaml:2:17: state.cloud.workspacePrefix: is required",
    ]);
  });
});
