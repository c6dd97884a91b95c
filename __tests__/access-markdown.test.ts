/** The access review as a pull-request comment (lib/access/markdown.ts). */
import { code, diffMarkdown, plain, reportMarkdown } from "../lib/access/markdown";
import type { Identity } from "../lib/access/model";

const web: Identity = {
  cluster: "prod",
  kind: "tenant",
  name: "web",
  namespace: "web",
  serviceAccount: "web-sa",
  role: "web.prod",
  sharedRole: null,
  targetRoleArn: null,
  trust: "pods.eks.amazonaws.com, only for web/web-sa on cluster prod (session tags)",
  trustScope: { principals: ["pods.eks.amazonaws.com"], serviceAccounts: ["web/web-sa"], unscoped: false },
  managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess", "arn:aws:iam::111122223333:policy/mine"],
  managedPolicies: [
    { arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess", name: "AmazonS3FullAccess", version: "v2" },
    { arn: "arn:aws:iam::111122223333:policy/mine", name: "mine", version: null, notRead: "customer managed" },
  ],
  permissionsBoundary: { arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", name: "AmazonS3ReadOnlyAccess", version: "v3" },
  permissions: [{ effect: "Allow", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::b"], conditions: { StringLike: { "s3:prefix": ["a|b/*"] } } }],
  flags: ["tenant \"web\": AWS-managed policy \"AmazonS3FullAccess\" grants full access to a whole service (its *FullAccess name says so)"],
};
const shared: Identity = { ...web, kind: "sharedRole", name: "team", namespace: null, serviceAccount: null, role: "team.prod", managedPolicyArns: [], managedPolicies: [], permissionsBoundary: null, permissions: [], flags: [] };

describe("code and plain", () => {
  it("keep a table cell whole: pipes escaped, backticks fenced, newlines flattened", () => {
    expect(code("a|b")).toBe("`a\\|b`");
    expect(code("a`b")).toBe("``a`b``");
    expect(code("`x`")).toBe("`` `x` ``");
    expect(code("a\nb")).toBe("`a b`");
  });
  it("escape Markdown and HTML in plain text", () => {
    expect(plain("<script>*x*_y_ [l](u) | `c` & ~")).toBe("&lt;script&gt;\\*x\\*\\_y\\_ \\[l\\](u) \\| \\`c\\` &amp; \\~");
  });
});

describe("reportMarkdown", () => {
  it("lists each stack's deploy role first when some stack has one, and nothing when every stack uses ambient credentials", () => {
    const stacks = [
      { stack: "prod", cluster: "prod", deployRoleArn: "arn:aws:iam::111122223333:role/deploy" },
      { stack: "sandbox", cluster: "sandbox", deployRoleArn: null },
    ];
    expect(reportMarkdown({ identities: [], stacks })).toBe(
      [
        "# Access review",
        "",
        "## Deploy roles",
        "",
        "| Stack | Cluster | Deploy role |",
        "|---|---|---|",
        "| `prod` | `prod` | `arn:aws:iam::111122223333:role/deploy` |",
        "| `sandbox` | `sandbox` | ambient credentials |",
        "",
        "No identities.",
        "",
      ].join("\n"),
    );
    expect(reportMarkdown({ identities: [], stacks: [stacks[1]!] })).toBe("# Access review\n\nNo identities.\n");
  });

  it("writes a heading per cluster, a table of identities, and each identity's flags and permissions", () => {
    const summary = { identities: 3, flagged: 1, managedPoliciesRead: 2, managedPoliciesNotRead: 1 };
    expect(reportMarkdown({ summary, identities: [web, shared, { ...web, cluster: "staging", name: "api", managedPolicyArns: [], managedPolicies: [], permissionsBoundary: null, permissions: [], flags: [] }] })).toBe(
      [
        "# Access review",
        "",
        "3 identities, 1 flagged; managed policies and boundaries read from their documents: 2; **1 not read** (customer managed or outside the dataset: what they grant is not in this review).",
        "",
        "## Cluster `prod`",
        "",
        "| Identity | Kind | Service account | Role | Target role | Managed policies | Boundary | Trust |",
        "|---|---|---|---|---|---|---|---|",
        "| `web` | tenant | `web/web-sa` | `web.prod` | – | `arn:aws:iam::aws:policy/AmazonS3FullAccess` (v2)<br>`arn:aws:iam::111122223333:policy/mine` (not read: customer managed) | `arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess` (v3) | pods.eks.amazonaws.com, only for web/web-sa on cluster prod (session tags) |",
        "| `team` | shared role | its members | `team.prod` | – | – | – | pods.eks.amazonaws.com, only for web/web-sa on cluster prod (session tags) |",
        "",
        "### `web` (tenant)",
        "",
        "> [!WARNING]",
        '> tenant "web": AWS-managed policy "AmazonS3FullAccess" grants full access to a whole service (its \\*FullAccess name says so)',
        "",
        "| Effect | Actions | Resources | Conditions |",
        "|---|---|---|---|",
        "| Allow | `s3:ListBucket` | `arn:aws:s3:::b` | `s3:prefix` StringLike `a\\|b/*` |",
        "",
        "## Cluster `staging`",
        "",
        "| Identity | Kind | Service account | Role | Target role | Managed policies | Boundary | Trust |",
        "|---|---|---|---|---|---|---|---|",
        "| `api` | tenant | `web/web-sa` | `web.prod` | – | – | – | pods.eks.amazonaws.com, only for web/web-sa on cluster prod (session tags) |",
        "",
      ].join("\n"),
    );
  });

  it("says so when a file has no identities", () => {
    expect(reportMarkdown({ identities: [] })).toBe("# Access review\n\nNo identities.\n");
  });

  it("says which shared role a member's permissions come from", () => {
    const md = reportMarkdown({ identities: [{ ...web, sharedRole: "team", flags: [] }] });
    expect(md).toContain("| `web` | tenant of `team` | `web/web-sa` |");
    expect(md).toContain("Through shared role `team`, with its session tags filled in for `web/web-sa`.");
  });

  it("marks permissions narrowed by the association's session policy, with the policy's own statements after the role's", () => {
    const md = reportMarkdown({ identities: [{ ...web, flags: [], sessionPolicy: [{ effect: "Allow", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::b"], conditions: {} }] }] });
    const narrowed = [
      "**Narrowed by the association's session policy:** these pods may do only what both the role's permissions above and this policy allow.",
      "",
      "| Effect | Actions | Resources | Conditions |",
      "|---|---|---|---|",
      "| Allow | `s3:ListBucket` | `arn:aws:s3:::b` | – |",
    ].join("\n");
    expect(md).toContain(narrowed);
    expect(md.indexOf("`a\\|b/*`")).toBeLessThan(md.indexOf("Narrowed by"));
    expect(reportMarkdown({ identities: [{ ...web, flags: [] }] })).not.toContain("Narrowed by");
  });
});

describe("diffMarkdown", () => {
  it("leads with the write and permissions-management actions gained and the wider trust, then one row per changed identity", () => {
    expect(
      diffMarkdown({
        changes: [
          {
            cluster: "prod",
            kind: "tenant",
            name: "web",
            change: "changed",
            gained: [
              { action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/k", accessLevels: ["Write"] },
              { action: "s3:ListBucket", resource: "arn:aws:s3:::b", conditions: { StringLike: { "s3:prefix": ["a/*"] } }, accessLevels: ["List"] },
              { action: "dynamodb:*", resource: "*", accessLevels: ["Write"], newActions: [{ action: "dynamodb:DeleteTable", accessLevel: "Write" }] },
              { action: "s3:PutObject", resource: "*", effect: "Deny", accessLevels: ["Write"] },
            ],
            lost: [{ action: "s3:DeleteObject", resource: "*", effect: "Deny" }],
            trustGained: ["service account web/other"],
            trustLost: [],
            other: ["managed policy added: arn:aws:iam::aws:policy/AmazonS3FullAccess"],
          },
          { cluster: "prod", kind: "addon", name: "vpc-cni", change: "removed", gained: [], lost: [], trustGained: [], trustLost: [], other: [] },
        ],
      }),
    ).toBe(
      [
        "# Access review: changes",
        "",
        "**Gained write and permissions-management access** (3):",
        "",
        "- `prod` tenant `web`: `kms:Decrypt` on `arn:aws:kms:us-east-1:111122223333:key/k` (Write)",
        "- `prod` tenant `web`: `dynamodb:*` on `*` (Write), new: `dynamodb:DeleteTable` (Write)",
        "- `prod` tenant `web`: no longer denied: `s3:PutObject` on `*` (Write)",
        "",
        "**Wider trust** (1):",
        "",
        "- `prod` tenant `web` may now be assumed by: service account web/other",
        "",
        "## Cluster `prod`",
        "",
        "| Identity | Change | Gained | Lost | Trust | Other |",
        "|---|---|---|---|---|---|",
        "| `web` (tenant) | changed | `kms:Decrypt` on `arn:aws:kms:us-east-1:111122223333:key/k` (Write)<br>`s3:ListBucket` on `arn:aws:s3:::b` if `s3:prefix` StringLike `a/*` (List)<br>`dynamodb:*` on `*` (Write), new: `dynamodb:DeleteTable` (Write)<br>no longer denied: `s3:PutObject` on `*` (Write) | deny `s3:DeleteObject` on `*` | gained: service account web/other | managed policy added: arn:aws:iam::aws:policy/AmazonS3FullAccess |",
        "| `vpc-cni` (add-on) | removed | – | – | – | – |",
        "",
      ].join("\n"),
    );
  });

  it("says so when nothing changes", () => {
    expect(diffMarkdown({ changes: [] })).toBe("# Access review: changes\n\nNo identity gains or loses access.\n");
  });
});
