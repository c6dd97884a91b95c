/** The access review as a Mermaid flowchart (lib/access/mermaid.ts), on identities written out by hand. */
import { createHash } from "node:crypto";
import { GROUP_ABOVE, label, nodeId, reportMermaid, RESOURCES_PER_NODE } from "../lib/access/mermaid";
import type { AccessReport, Identity } from "../lib/access/model";

const web: Identity = {
  cluster: "prod",
  kind: "tenant",
  name: "web",
  namespace: "web",
  serviceAccount: "web-sa",
  role: "web.prod",
  sharedRole: null,
  targetRoleArn: "arn:aws:iam::444455556666:role/t",
  trust: "t",
  trustScope: { principals: ["pods.eks.amazonaws.com"], serviceAccounts: ["web/web-sa"], unscoped: false },
  managedPolicyArns: [],
  managedPolicies: [],
  permissionsBoundary: null,
  permissions: [
    { effect: "Allow", actions: ["s3:GetObject", "s3:PutObject"], resources: ["arn:aws:s3:::b/web/*"], conditions: {} },
    { effect: "Deny", actions: ["s3:DeleteObject"], resources: ["arn:aws:s3:::b/web/*"], conditions: {} },
    { effect: "Allow", actions: ["sts:AssumeRole", "sts:TagSession"], resources: ["arn:aws:iam::444455556666:role/t"], conditions: {} },
  ],
  flags: [],
};
const team: Identity = { ...web, kind: "sharedRole", name: "team", namespace: null, serviceAccount: null, role: "team.prod", targetRoleArn: null, permissions: [{ effect: "Allow", actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111122223333:q-${aws:PrincipalTag/kubernetes-namespace}"], conditions: {} }], flags: ["broad"] };
const member: Identity = { ...team, kind: "tenant", name: "a", namespace: "a", serviceAccount: "app", sharedRole: "team", permissions: [{ ...team.permissions[0]!, resources: ["arn:aws:sqs:us-east-1:111122223333:q-a"] }] };
const addon: Identity = {
  ...web,
  kind: "addon",
  name: "vpc-cni",
  namespace: "kube-system",
  serviceAccount: "aws-node",
  role: "addon.vpc-cni.prod",
  targetRoleArn: null,
  permissions: [],
  managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy"],
  managedPolicies: [{ arn: "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy", name: "AmazonEKS_CNI_Policy", version: "v6" }],
  permissionsBoundary: { arn: "arn:aws:iam::111122223333:policy/b", name: "b", version: null, notRead: "customer managed" },
};
const report = (...identities: Identity[]): AccessReport => ({
  identities,
  managedPolicyDocuments: {
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy": { name: "AmazonEKS_CNI_Policy", version: "v6", statements: [{ effect: "Allow", actions: ["ec2:AssignPrivateIpAddresses", "ec2:DescribeInstances"], resources: ["*"], conditions: {} }] },
  },
});

/** The ID a node gets, computed here the way the module documents it: a digest of what it stands for. */
const id = (...parts: string[]) => `n${createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 12)}`;

describe("nodeId and label", () => {
  it("makes IDs of letters and digits only, the same for the same thing", () => {
    expect(nodeId("role", "prod", 'x"y;z-->w')).toMatch(/^n[0-9a-f]{12}$/);
    expect(nodeId("role", "prod", "a")).toBe(id("role", "prod", "a"));
    expect(nodeId("role", "prod", "a")).not.toBe(nodeId("role", "prod2", "a"));
  });
  it("quotes labels with entity codes for the characters that would end or change them", () => {
    expect(label('a"b <i>#1</i> `c`\nd')).toBe('"a#quot;b #lt;i#gt;#35;1#lt;/i#gt; #96;c#96; d"');
  });
});

describe("reportMermaid", () => {
  it("draws per cluster service accounts and roles; resources with access levels, Deny dotted; managed policies as one node; a legend for flags", async () => {
    expect(await reportMermaid(report(web, member, team, addon))).toBe(
      [
        "flowchart LR",
        `  subgraph ${id("cluster", "prod")}["cluster prod"]`,
        `    ${id("role", "prod", "web.prod")}["role: web.prod"]`,
        `    ${id("identity", "prod", "tenant", "web")}(["web/web-sa (tenant web)"])`,
        `    ${id("role", "prod", "team.prod")}["shared role team: team.prod"]`,
        `    ${id("identity", "prod", "tenant", "a")}(["a/app (tenant a)"])`,
        `    ${id("role", "prod", "addon.vpc-cni.prod")}["role: addon.vpc-cni.prod"]`,
        `    ${id("identity", "prod", "addon", "vpc-cni")}(["kube-system/aws-node (add-on vpc-cni)"])`,
        "  end",
        `  ${id("resource", "arn:aws:iam::444455556666:role/t")}[("IAM role/t (444455556666)")]`,
        `  ${id("resource", "arn:aws:sqs:us-east-1:111122223333:q-a")}[("SQS queue q-a (111122223333)")]`,
        `  ${id("resource", "s3:b/web/*")}[("S3 bucket b, objects web/*")]`,
        `  ${id("policy", "arn:aws:iam::111122223333:policy/b")}{{"managed policy b: not read (customer managed)"}}`,
        `  ${id("policy", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy")}{{"managed policy AmazonEKS_CNI_Policy v6: ec2 write, list on *"}}`,
        `  ${id("identity", "prod", "tenant", "web")} --> ${id("role", "prod", "web.prod")}`,
        `  ${id("identity", "prod", "tenant", "a")} --> ${id("role", "prod", "team.prod")}`,
        `  ${id("identity", "prod", "tenant", "a")} -->|"write"| ${id("resource", "arn:aws:sqs:us-east-1:111122223333:q-a")}`,
        `  ${id("identity", "prod", "addon", "vpc-cni")} --> ${id("role", "prod", "addon.vpc-cni.prod")}`,
        `  ${id("role", "prod", "web.prod")} -->|"assumes"| ${id("resource", "arn:aws:iam::444455556666:role/t")}`,
        `  ${id("role", "prod", "web.prod")} -->|"write, read"| ${id("resource", "s3:b/web/*")}`,
        `  ${id("role", "prod", "web.prod")} -.->|"deny write"| ${id("resource", "s3:b/web/*")}`,
        `  ${id("role", "prod", "addon.vpc-cni.prod")} -.->|boundary| ${id("policy", "arn:aws:iam::111122223333:policy/b")}`,
        `  ${id("role", "prod", "addon.vpc-cni.prod")} --> ${id("policy", "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy")}`,
        `  subgraph ${id("legend")}["legend"]`,
        `    ${id("legend", "flagged")}["red border: flagged by the least-privilege lint, for the reasons below"]`,
        `    ${id("why", id("role", "prod", "team.prod"))}["role team.prod: broad"]`,
        "  end",
        "  classDef flagged stroke:#d33,stroke-width:3px",
        `  class ${id("role", "prod", "team.prod")},${id("legend", "flagged")} flagged`,
        "",
      ].join("\n"),
    );
  });

  it("draws an empty flowchart for a file without identities", async () => {
    expect(await reportMermaid({ identities: [] })).toBe("flowchart LR\n");
  });

  it("escapes what comes from the file in labels", async () => {
    const out = await reportMermaid({ identities: [{ ...web, targetRoleArn: null, role: 'r"]; click x' }] });
    expect(out).toContain(`${id("role", "prod", 'r"]; click x')}["role: r#quot;]; click x"]`);
  });

  it("highlights the identities a diff lists as added or changed, and says so in the legend", async () => {
    const out = await reportMermaid(report(web, addon), { changes: [{ cluster: "prod", kind: "addon", name: "vpc-cni", change: "changed", gained: [], lost: [], trustGained: [], trustLost: [], other: ["x"] }] });
    expect(out).toContain(`    ${id("legend", "changed")}["yellow: added or changed by this change"]`);
    expect(out.trimEnd().split("\n").slice(-2)).toEqual(["  classDef changed fill:#fff3b0", `  class ${id("identity", "prod", "addon", "vpc-cni")},${id("legend", "changed")} changed`]);
  });

  it(`draws a cluster of more than ${GROUP_ABOVE} identities by namespace, and at most ${RESOURCES_PER_NODE} resources from one node`, async () => {
    const many = Array.from({ length: GROUP_ABOVE + 1 }, (_, k): Identity => ({
      ...web,
      name: `t${k}`,
      namespace: `ns${k % 2}`,
      role: `t${k}.prod`,
      targetRoleArn: null,
      permissions: [{ effect: "Allow", actions: ["sqs:SendMessage"], resources: [`arn:aws:sqs:us-east-1:111122223333:q${k}`], conditions: {} }],
      flags: k === 0 ? ["wide"] : [],
    }));
    const out = await reportMermaid(report(...many));
    expect(out).toContain(`  subgraph ${id("cluster", "prod")}["cluster prod (${GROUP_ABOVE + 1} identities, by namespace)"]`);
    expect(out).toContain(`    ${id("namespace", "prod", "ns0")}(["namespace ns0: ${Math.ceil((GROUP_ABOVE + 1) / 2)} identities, ${Math.ceil((GROUP_ABOVE + 1) / 2)} roles"])`);
    expect(out).not.toContain("(tenant t1)");
    expect(out.split("\n").filter((l) => l.startsWith(`  ${id("namespace", "prod", "ns0")} -->|`))).toHaveLength(RESOURCES_PER_NODE);
    expect(out).toContain(`  ${id("more", id("namespace", "prod", "ns0"))}["and ${Math.ceil((GROUP_ABOVE + 1) / 2) - RESOURCES_PER_NODE} more resources"]`);
    expect(out).toContain(`["namespace ns0: wide"]`);
  });
});
