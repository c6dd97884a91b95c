import { allows, policyOf } from "../policy-eval";

const CA = "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555";

describe("aws-privateca-issuer (v1.9.0 README)", () => {
  const p = policyOf({ name: "aws-privateca-issuer", certificateAuthorityArns: [CA] });

  it("issues only from the listed certificate authorities", () => {
    for (const action of ["acm-pca:IssueCertificate", "acm-pca:GetCertificate", "acm-pca:DescribeCertificateAuthority"]) {
      expect(allows(p, action, CA)).toBe(true);
      expect(allows(p, action, "arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/99999999-2222-3333-4444-555555555555")).toBe(false);
    }
    expect(allows(p, "acm-pca:DeleteCertificateAuthority", CA)).toBe(false);
  });
});
