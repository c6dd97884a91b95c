/** lib/policy/trust-size.ts: a shared role's trust policy size, for IAM's quota. */
import { POD_IDENTITY_PRINCIPAL, TRUST_ACTIONS, TRUST_SID } from "../lib/policy/trust";
import { trustPolicySize } from "../lib/policy/trust-size";

describe("trustPolicySize", () => {
  const tagged = [
    { namespace: "a", serviceAccount: "app" },
    { namespace: "b", serviceAccount: "app" },
  ];
  it("sizes the trust of a role with a member without session tags as the unscoped statement IAM stores", () => {
    const members = [...tagged, { namespace: "c", serviceAccount: "app", disableSessionTags: true }];
    const stored = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: TRUST_SID, Effect: "Allow", Principal: { Service: POD_IDENTITY_PRINCIPAL }, Action: TRUST_ACTIONS }] });
    expect(trustPolicySize(members, { name: "demo", region: "us-east-1" })).toBe(stored.length);
    expect(trustPolicySize(tagged, { name: "demo", region: "us-east-1" })).toBeGreaterThan(stored.length);
  });
});
