import { podIdentityTrustStatement, POD_IDENTITY_PRINCIPAL, serviceAccountSid, sharedTrustGroups, sharedTrustStatements, TRUST_ACTIONS, TRUST_SID } from "../lib/policy/trust";

describe("podIdentityTrustStatement", () => {
  it("trusts pods.eks.amazonaws.com (plural) for AssumeRole and TagSession", () => {
    expect(podIdentityTrustStatement()).toEqual({
      sid: "AllowEksAuthToAssumeRoleForPodIdentity",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
      actions: ["sts:AssumeRole", "sts:TagSession"],
    });
    expect(POD_IDENTITY_PRINCIPAL).toBe("pods.eks.amazonaws.com");
    expect(TRUST_SID).toBe("AllowEksAuthToAssumeRoleForPodIdentity");
  });

  it("returns a fresh copy, so a caller cannot change the shared action list", () => {
    const s = podIdentityTrustStatement();
    (s.actions as string[]).push("sts:AssumeRoleWithWebIdentity");
    expect(TRUST_ACTIONS).toEqual(["sts:AssumeRole", "sts:TagSession"]);
    expect(podIdentityTrustStatement().actions).toEqual(["sts:AssumeRole", "sts:TagSession"]);
  });
});

describe("podIdentityTrustStatement with a scope", () => {
  it("requires the namespace, service account and cluster ARN request tags with StringEquals", () => {
    expect(podIdentityTrustStatement({ namespace: "web", serviceAccount: "web-sa", clusterArn: "arn:aws:eks:us-east-1:111122223333:cluster/demo" })).toEqual({
      sid: "AllowEksAuthToAssumeRoleForPodIdentity",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
      actions: ["sts:AssumeRole", "sts:TagSession"],
      condition: [
        { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: ["web"] },
        { test: "StringEquals", variable: "aws:RequestTag/kubernetes-service-account", values: ["web-sa"] },
        { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: ["arn:aws:eks:us-east-1:111122223333:cluster/demo"] },
      ],
    });
  });

  it("never uses aws:SourceArn, which AWS does not document for this principal", () => {
    const s = podIdentityTrustStatement({ namespace: "a", serviceAccount: "b", clusterArn: "c" }, "TenantA");
    expect(s.sid).toBe("TenantA");
    expect(JSON.stringify(s)).not.toContain("SourceArn");
  });
});

describe("sharedTrustGroups", () => {
  it("groups members by service account, sorted, with namespaces sorted and unique", () => {
    expect(
      sharedTrustGroups([
        { namespace: "b", serviceAccount: "app" },
        { namespace: "x", serviceAccount: "worker" },
        { namespace: "a", serviceAccount: "app" },
        { namespace: "a", serviceAccount: "app" },
      ]),
    ).toEqual([
      { sid: "ServiceAccountApp", serviceAccount: "app", namespaces: ["a", "b"] },
      { sid: "ServiceAccountWorker", serviceAccount: "worker", namespaces: ["x"] },
    ]);
  });

  it("keeps sids unique and dependent on the service account's own name alone", () => {
    const sids = (sas: string[]) => sharedTrustGroups(sas.map((serviceAccount) => ({ namespace: "n", serviceAccount }))).map((g) => g.sid);
    // Names PascalCase could merge are spelt out ('-' as H, '.' as D), starting with a small
    // letter or digit, so "my.app" never meets "my-app" or "myapp".
    expect(sids(["my-app", "my.app", "myapp", "a-1b", "a1b"])).toEqual(["ServiceAccountaH1b", "ServiceAccountA1b", "ServiceAccountMyApp", "ServiceAccountmyDapp", "ServiceAccountMyapp"]);
    // Adding a member never renames another member's statement.
    expect(sids(["my.app"])).toEqual(["ServiceAccountmyDapp"]);
    expect(sids(["a-1b"])).toEqual(["ServiceAccountaH1b"]);
    expect(sids(["myapp"])).toEqual(["ServiceAccountMyapp"]);
  });

  it("gives two members different sids where the old hashed form made them equal (app.x and app-xb5f4d45c)", () => {
    const sids = sharedTrustGroups([
      { namespace: "a", serviceAccount: "app.x" },
      { namespace: "b", serviceAccount: "app-xb5f4d45c" },
    ]).map((g) => g.sid);
    expect(sids).toEqual(["ServiceAccountAppXb5f4d45c", "ServiceAccountappDx"]);
  });
});

describe("serviceAccountSid", () => {
  /** Every DNS-1123 subdomain of up to four characters from a small alphabet, and names that nest. */
  function names(): string[] {
    const alphabet = ["a", "b", "1", "-", "."];
    const out: string[] = [];
    const grow = (s: string) => {
      if (s.length > 0 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(s)) out.push(s);
      if (s.length < 5) for (const c of alphabet) grow(s + c);
    };
    grow("");
    return out;
  }

  it("is injective: no two service account names share a sid", () => {
    const all = names();
    expect(all.length).toBeGreaterThan(1000);
    const seen = new Map<string, string>();
    for (const sa of all) {
      const sid = serviceAccountSid(sa);
      expect(sid).toMatch(/^[A-Za-z0-9]+$/);
      expect(seen.get(sid) ?? sa).toBe(sa);
      seen.set(sid, sa);
    }
  });
});

it("sharedTrustStatements allows exactly the grouped pairs on the given cluster", () => {
  expect(sharedTrustStatements([{ namespace: "a", serviceAccount: "app" }], "CLUSTER_ARN")).toEqual([
    {
      sid: "ServiceAccountApp",
      effect: "Allow",
      principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
      actions: ["sts:AssumeRole", "sts:TagSession"],
      condition: [
        { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: ["a"] },
        { test: "StringEquals", variable: "aws:RequestTag/kubernetes-service-account", values: ["app"] },
        { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: ["CLUSTER_ARN"] },
      ],
    },
  ]);
});

describe("sharedTrustStatements with members without session tags", () => {
  const arn = "arn:aws:eks:us-east-1:111122223333:cluster/demo";
  const tagged = [
    { namespace: "a", serviceAccount: "app" },
    { namespace: "b", serviceAccount: "app" },
  ];

  it("scopes the trust to the members while every member has session tags", () => {
    expect(sharedTrustStatements(tagged, arn).map((s) => (s.condition as unknown[]).length)).toEqual([3]);
  });

  it("falls back to the one unscoped statement as soon as one member has none, since request-tag conditions would refuse its sessions", () => {
    expect(sharedTrustStatements([...tagged, { namespace: "c", serviceAccount: "app", disableSessionTags: true }], arn)).toEqual([podIdentityTrustStatement()]);
  });

});
