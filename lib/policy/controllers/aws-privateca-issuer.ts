/**
 * AWS Private CA Issuer for cert-manager.
 *
 * Source: cert-manager/aws-privateca-issuer v1.9.0, README.md, "Configuration"
 * (https://github.com/cert-manager/aws-privateca-issuer/blob/v1.9.0/README.md#configuration),
 * with its example CA replaced by the given certificate authorities.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { PRIVATE_CA } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

export const awsPrivatecaIssuer: ControllerDefinition<"aws-privateca-issuer"> = {
  name: "aws-privateca-issuer",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-privateca-issuer"],
  chart: "awspca/aws-privateca-issuer (cert-manager.github.io/aws-privateca-issuer) v1.9.0: fullname is the release name when it contains the chart name; the README installs it without a namespace, so in Helm's default one",
  source: { document: "cert-manager/aws-privateca-issuer README.md", version: "v1.9.0", url: "https://github.com/cert-manager/aws-privateca-issuer/blob/v1.9.0/README.md#configuration" },
  arnOptions: { certificateAuthorityArns: PRIVATE_CA },
  policy(o) {
    return {
      managedPolicyArns: [],
      statements: [allow("awspcaissuer", ["acm-pca:DescribeCertificateAuthority", "acm-pca:GetCertificate", "acm-pca:IssueCertificate"], o.certificateAuthorityArns)],
    };
  },
};
