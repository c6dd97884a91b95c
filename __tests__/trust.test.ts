import { podIdentityTrustStatement, POD_IDENTITY_PRINCIPAL, sharedTrustGroups, sharedTrustStatements, TRUST_ACTIONS, TRUST_SID } from "../lib/policy/trust";

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
    // Names that PascalCase could merge carry the first 8 hex digits of their SHA-256
    // (printf '%s' my.app | sha256sum), so "my.app" never meets "my-app" or "myapp".
    expect(sids(["my-app", "my.app", "myapp", "a-1b", "a1b"])).toEqual([
      "ServiceAccountA1bc985fe9d",
      "ServiceAccountA1b",
      "ServiceAccountMyApp",
      "ServiceAccountMyApp13d7e337",
      "ServiceAccountMyapp",
    ]);
    // Adding a member never renames another member's statement.
    expect(sids(["my.app"])).toEqual(["ServiceAccountMyApp13d7e337"]);
    expect(sids(["a-1b"])).toEqual(["ServiceAccountA1bc985fe9d"]);
    expect(sids(["myapp"])).toEqual(["ServiceAccountMyapp"]);
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
