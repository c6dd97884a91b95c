import { allows, policyOf } from "../policy-eval";

const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";
const OTHER = "arn:aws:route53:::hostedzone/Z9999999999ZZZZZZZZZZ";

describe("external-dns (v0.22.0 docs/tutorials/aws.md)", () => {
  const p = policyOf({ name: "external-dns", hostedZoneArns: [ZONE] });

  it("changes and lists records only in the listed zones", () => {
    for (const action of ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"]) {
      expect(allows(p, action, ZONE)).toBe(true);
      expect(allows(p, action, OTHER)).toBe(false);
    }
  });

  it("lists hosted zones, which has no resource-level permissions, and nothing else account-wide", () => {
    expect(allows(p, "route53:ListHostedZones", "*")).toBe(true);
    expect(allows(p, "route53:DeleteHostedZone", ZONE)).toBe(false);
    expect(allows(p, "route53:ChangeResourceRecordSets", "*")).toBe(false);
  });
});
