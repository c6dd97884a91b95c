/** What a change gains and loses (lib/access/diff.ts), on identities written out by hand. */
import { accessPairs, diffReports } from "../lib/access/diff";
import type { AccessReport, Identity } from "../lib/access/model";

const reports: Identity = {
  cluster: "prod",
  kind: "tenant",
  name: "reports",
  namespace: "reports",
  serviceAccount: "reporter",
  role: "reports.prod",
  sharedRole: null,
  targetRoleArn: null,
  trust: "pods.eks.amazonaws.com, only for reports/reporter on cluster prod (session tags)",
  trustScope: { principals: ["pods.eks.amazonaws.com"], serviceAccounts: ["reports/reporter"], unscoped: false },
  managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
  managedPolicies: [{ arn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", name: "AmazonS3ReadOnlyAccess", version: "v3" }],
  permissionsBoundary: null,
  permissions: [
    { effect: "Allow", actions: ["s3:GetObject", "s3:Get*"], resources: ["arn:aws:s3:::r/daily/*"], conditions: {} },
    { effect: "Allow", actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111122223333:jobs"], conditions: {} },
  ],
  flags: [],
};
const report = (...identities: Identity[]): AccessReport => ({ identities });

describe("accessPairs", () => {
  it("makes each action × resource pair once, wildcards as written, sorted; Deny and conditions stay on the pair", () => {
    expect(
      accessPairs([
        { effect: "Allow", actions: ["s3:Get*", "s3:GetObject"], resources: ["arn:aws:s3:::b/*", "arn:aws:s3:::a/*"], conditions: {} },
        { effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::a/*"], conditions: {} },
        { effect: "Deny", actions: ["s3:DeleteObject"], resources: ["*"], conditions: { Bool: { "aws:SecureTransport": ["false"] } } },
      ]),
    ).toEqual([
      { action: "s3:DeleteObject", resource: "*", effect: "Deny", conditions: { Bool: { "aws:SecureTransport": ["false"] } } },
      { action: "s3:Get*", resource: "arn:aws:s3:::a/*" },
      { action: "s3:Get*", resource: "arn:aws:s3:::b/*" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::a/*" },
      { action: "s3:GetObject", resource: "arn:aws:s3:::b/*" },
    ]);
  });
});

describe("diffReports", () => {
  it("gives an empty list for a report against itself", () => {
    expect(diffReports(report(reports), report(reports))).toEqual({ changes: [] });
  });

  it("lists the pairs gained and lost, and other changes, and leaves unchanged identities out", () => {
    const other: Identity = { ...reports, name: "other", namespace: "other" };
    const after: Identity = {
      ...reports,
      trust: "pods.eks.amazonaws.com, for any Pod Identity association that names the role (not scoped to a service account)",
      trustScope: { principals: ["pods.eks.amazonaws.com"], serviceAccounts: [], unscoped: true },
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"],
      managedPolicies: [{ arn: "arn:aws:iam::aws:policy/AmazonS3FullAccess", name: "AmazonS3FullAccess", version: "v2" }],
      permissions: [
        { effect: "Allow", actions: ["s3:GetObject", "s3:Get*"], resources: ["arn:aws:s3:::r/daily/*"], conditions: {} },
        { effect: "Allow", actions: ["kms:Decrypt"], resources: ["arn:aws:kms:us-east-1:111122223333:key/k"], conditions: {} },
      ],
      flags: ["tenant \"reports\": AWS-managed policy \"AmazonS3FullAccess\" is broad"],
    };
    expect(diffReports(report(reports, other), report(after, other))).toEqual({
      changes: [
        {
          cluster: "prod",
          kind: "tenant",
          name: "reports",
          change: "changed",
          gained: [{ action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/k" }],
          lost: [{ action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111122223333:jobs" }],
          trustGained: ["not scoped to a service account: any Pod Identity association that names the role (or, for IRSA, any service account the OIDC provider vouches for) can use it"],
          trustLost: ["service account reports/reporter"],
          other: [
            "trust scope changed: pods.eks.amazonaws.com, only for reports/reporter on cluster prod (session tags) → pods.eks.amazonaws.com, for any Pod Identity association that names the role (not scoped to a service account)",
            "managed policy added: arn:aws:iam::aws:policy/AmazonS3FullAccess",
            "managed policy removed: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            'newly flagged: tenant "reports": AWS-managed policy "AmazonS3FullAccess" is broad',
          ],
        },
      ],
    });
  });

  it("reports added and removed identities with all their pairs", () => {
    const added: Identity = { ...reports, name: "new", targetRoleArn: "arn:aws:iam::444455556666:role/t", managedPolicyArns: [], managedPolicies: [], permissions: [{ effect: "Allow", actions: ["sts:AssumeRole"], resources: ["arn:aws:iam::444455556666:role/t"], conditions: {} }] };
    expect(diffReports(report(reports), report(added)).changes).toEqual([
      {
        cluster: "prod",
        kind: "tenant",
        name: "new",
        change: "added",
        gained: [{ action: "sts:AssumeRole", resource: "arn:aws:iam::444455556666:role/t" }],
        lost: [],
        trustGained: ["principal pods.eks.amazonaws.com", "service account reports/reporter"],
        trustLost: [],
        other: ["target role: arn:aws:iam::444455556666:role/t", `trust scope: ${reports.trust}`],
      },
      {
        cluster: "prod",
        kind: "tenant",
        name: "reports",
        change: "removed",
        gained: [],
        lost: [
          { action: "s3:Get*", resource: "arn:aws:s3:::r/daily/*" },
          { action: "s3:GetObject", resource: "arn:aws:s3:::r/daily/*" },
          { action: "sqs:SendMessage", resource: "arn:aws:sqs:us-east-1:111122223333:jobs" },
        ],
        trustGained: [],
        trustLost: ["principal pods.eks.amazonaws.com", "service account reports/reporter"],
        other: ["managed policy removed: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
      },
    ]);
  });

  it("keys identities by cluster, kind and name: the same name elsewhere is another identity", () => {
    const onStaging: Identity = { ...reports, cluster: "staging" };
    const asAddon: Identity = { ...reports, kind: "addon" };
    expect(diffReports(report(reports), report(reports, onStaging, asAddon)).changes.map((c) => [c.cluster, c.kind, c.name, c.change])).toEqual([
      ["prod", "addon", "reports", "added"],
      ["staging", "tenant", "reports", "added"],
    ]);
  });

  it("sees a changed condition as the pair lost under the old one and gained under the new one", () => {
    const before: Identity = { ...reports, permissions: [{ effect: "Allow", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::r"], conditions: { StringLike: { "s3:prefix": ["daily/*"] } } }] };
    const after: Identity = { ...reports, permissions: [{ effect: "Allow", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::r"], conditions: { StringLike: { "s3:prefix": ["*"] } } }] };
    const [c] = diffReports(report(before), report(after)).changes;
    expect([c!.gained, c!.lost]).toEqual([
      [{ action: "s3:ListBucket", resource: "arn:aws:s3:::r", conditions: { StringLike: { "s3:prefix": ["*"] } } }],
      [{ action: "s3:ListBucket", resource: "arn:aws:s3:::r", conditions: { StringLike: { "s3:prefix": ["daily/*"] } } }],
    ]);
  });

  it("ignores the order of statements, actions and condition values", () => {
    const shuffled: Identity = {
      ...reports,
      permissions: [
        { effect: "Allow", actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111122223333:jobs"], conditions: {} },
        { effect: "Allow", actions: ["s3:Get*", "s3:GetObject"], resources: ["arn:aws:s3:::r/daily/*"], conditions: {} },
      ],
    };
    expect(diffReports(report(reports), report(shuffled))).toEqual({ changes: [] });
    const a: Identity = { ...reports, permissions: [{ effect: "Allow", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::r"], conditions: { StringLike: { "s3:prefix": ["a/*", "b/*"] } } }] };
    const b: Identity = { ...reports, permissions: [{ effect: "Allow", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::r"], conditions: { StringLike: { "s3:prefix": ["b/*", "a/*"] } } }] };
    expect(diffReports(report(a), report(b))).toEqual({ changes: [] });
  });

  it("says when a flag goes away", () => {
    const flagged: Identity = { ...reports, flags: ["tenant \"reports\": broad"] };
    expect(diffReports(report(flagged), report(reports)).changes[0]!.other).toEqual(['no longer flagged: tenant "reports": broad']);
  });

  it("lists role, service account, shared role and target role changes", () => {
    const after: Identity = { ...reports, role: "team.prod", serviceAccount: "other", sharedRole: "team", targetRoleArn: "arn:aws:iam::444455556666:role/t" };
    expect(diffReports(report(reports), report(after)).changes[0]!.other).toEqual([
      "role changed: reports.prod → team.prod",
      "service account changed: reporter → other",
      "shared role changed: none → team",
      "target role changed: none → arn:aws:iam::444455556666:role/t",
    ]);
  });

  it("reviews a session policy: added, narrowed further or loosened, and removed", () => {
    const read = (bucket: string) => ({ effect: "Allow" as const, actions: ["s3:GetObject"], resources: [`arn:aws:s3:::${bucket}/*`], conditions: {} });
    const narrowed = { ...reports, sessionPolicy: [read("a")] };
    const other = (a: Identity, b: Identity) => diffReports(report(a), report(b)).changes.map((c) => c.other);
    expect(other(reports, narrowed)).toEqual([["session policy added: the pods now get only what both the role and it allow", "session policy allows: s3:GetObject on arn:aws:s3:::a/*"]]);
    expect(other(narrowed, { ...reports, sessionPolicy: [read("b")] })).toEqual([["session policy now allows: s3:GetObject on arn:aws:s3:::b/*", "session policy no longer allows: s3:GetObject on arn:aws:s3:::a/*"]]);
    expect(other(narrowed, reports)).toEqual([["session policy removed: the pods now get every permission of the role"]]);
    expect(diffReports(report(narrowed), report(narrowed)).changes).toEqual([]);
  });
});
