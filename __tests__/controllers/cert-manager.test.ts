import { allows, policyOf } from "../policy-eval";

const ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ";
const OTHER = "arn:aws:route53:::hostedzone/Z9999999999ZZZZZZZZZZ";

describe("cert-manager (Route53 DNS-01 docs)", () => {
  const p = policyOf({ name: "cert-manager", hostedZoneArns: [ZONE] });

  it("writes only TXT records, and only in the listed zones", () => {
    expect(allows(p, "route53:ChangeResourceRecordSets", ZONE, { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] })).toBe(true);
    expect(allows(p, "route53:ChangeResourceRecordSets", ZONE, { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT", "A"] })).toBe(false);
    expect(allows(p, "route53:ChangeResourceRecordSets", OTHER, { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] })).toBe(false);
  });

  it("follows its changes and finds zones by name", () => {
    expect(allows(p, "route53:GetChange", "arn:aws:route53:::change/C2682N5HXP0BZ4")).toBe(true);
    expect(allows(p, "route53:ListHostedZonesByName", "*")).toBe(true);
    expect(allows(p, "route53:ListHostedZones", "*")).toBe(false);
  });
});
