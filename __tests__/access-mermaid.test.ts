/** The access review as a Mermaid flowchart (lib/access/mermaid.ts). */
import { createHash } from "node:crypto";
import { label, nodeId, reportMermaid } from "../lib/access/mermaid";
import type { Identity } from "../lib/access/model";

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
  managedPolicyArns: [],
  permissions: [],
  flags: [],
};
const team: Identity = { ...web, kind: "sharedRole", name: "team", namespace: null, serviceAccount: null, role: "team.prod", targetRoleArn: null, flags: ["broad"] };
const member: Identity = { ...web, name: "a", namespace: "a", serviceAccount: "app", role: "team.prod", sharedRole: "team", targetRoleArn: null, flags: ["broad"] };
const addon: Identity = { ...web, kind: "addon", name: "vpc-cni", namespace: "kube-system", serviceAccount: "aws-node", role: "addon.vpc-cni.prod", targetRoleArn: null };

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
  it("draws clusters, service accounts, roles, shared roles and target roles", () => {
    expect(reportMermaid({ identities: [web, member, team, addon] })).toBe(
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
        `  ${id("target", "arn:aws:iam::444455556666:role/t")}["target role: arn:aws:iam::444455556666:role/t"]`,
        `  ${id("identity", "prod", "tenant", "web")} --> ${id("role", "prod", "web.prod")}`,
        `  ${id("role", "prod", "web.prod")} -->|assumes| ${id("target", "arn:aws:iam::444455556666:role/t")}`,
        `  ${id("identity", "prod", "tenant", "a")} --> ${id("role", "prod", "team.prod")}`,
        `  ${id("identity", "prod", "addon", "vpc-cni")} --> ${id("role", "prod", "addon.vpc-cni.prod")}`,
        "  classDef flagged stroke:#d33,stroke-width:3px",
        `  class ${id("role", "prod", "team.prod")} flagged`,
        "",
      ].join("\n"),
    );
  });

  it("draws an empty flowchart for a file without identities", () => {
    expect(reportMermaid({ identities: [] })).toBe("flowchart LR\n");
  });

  it("escapes what comes from the file in labels", () => {
    const out = reportMermaid({ identities: [{ ...web, targetRoleArn: null, role: 'r"]; click x' }] });
    expect(out).toContain(`${id("role", "prod", 'r"]; click x')}["role: r#quot;]; click x"]`);
  });

  it("highlights the identities a diff lists as added or changed", () => {
    const out = reportMermaid({ identities: [web, addon] }, { changes: [{ cluster: "prod", kind: "addon", name: "vpc-cni", change: "changed", gained: [], lost: [], other: ["x"] }] });
    expect(out.trimEnd().split("\n").slice(-2)).toEqual(["  classDef changed fill:#fff3b0", `  class ${id("identity", "prod", "addon", "vpc-cni")} changed`]);
  });
});
