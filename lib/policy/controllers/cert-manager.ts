/**
 * cert-manager, the ACME DNS-01 solver for Route 53.
 *
 * Source: cert-manager documentation, "Route53" (content/docs/configuration/acme/dns01/route53.md
 * of cert-manager/website at 776e5dba56510fc9de84206b806b568447077f25, the docs of the current
 * release; https://cert-manager.io/docs/configuration/acme/dns01/route53/), with `hostedzone/*`
 * narrowed to the given zones as that page suggests. It keeps its condition: only TXT records.
 * route53:GetChange takes `change/*` (change IDs are not known in advance), and
 * ListHostedZonesByName has no resource-level permissions; the page notes it is unused when
 * each issuer names its hostedZoneID.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { HOSTED_ZONE } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

export const certManager: ControllerDefinition<"cert-manager"> = {
  name: "cert-manager",
  ...CONTROLLER_SERVICE_ACCOUNTS["cert-manager"],
  chart: "jetstack/cert-manager (charts.jetstack.io), release cert-manager in namespace cert-manager",
  source: {
    document: "cert-manager.io docs, ACME DNS01 Route53 (cert-manager/website content/docs/configuration/acme/dns01/route53.md)",
    version: "website 776e5dba",
    url: "https://cert-manager.io/docs/configuration/acme/dns01/route53/",
  },
  arnOptions: { hostedZoneArns: HOSTED_ZONE },
  policy(o, { partition }) {
    return {
      managedPolicyArns: [],
      statements: [
        allow("GetChange", ["route53:GetChange"], [`arn:${partition}:route53:::change/*`]),
        allow("ChangeTxtRecordsInZones", ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"], o.hostedZoneArns, [
          { test: "ForAllValues:StringEquals", variable: "route53:ChangeResourceRecordSetsRecordTypes", values: ["TXT"] },
        ]),
        allow("ListHostedZonesByName", ["route53:ListHostedZonesByName"], ["*"]),
      ],
    };
  },
};
