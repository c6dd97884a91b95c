import { podIdentityTrustStatement, POD_IDENTITY_PRINCIPAL, TRUST_ACTIONS, TRUST_SID } from "../lib/policy/trust";

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
