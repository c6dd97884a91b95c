/**
 * ExternalDNS.
 *
 * Source: kubernetes-sigs/external-dns v0.22.0, docs/tutorials/aws.md, "IAM Policy"
 * (https://github.com/kubernetes-sigs/external-dns/blob/v0.22.0/docs/tutorials/aws.md#iam-policy),
 * with `hostedzone/*` narrowed to the given zones, as its "Further improvements" section advises.
 * route53:ListHostedZones stays on `*`: it has no resource-level permissions, and external-dns
 * lists zones to find the ones its domain filters match.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { HOSTED_ZONE } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

export const externalDns: ControllerDefinition<"external-dns"> = {
  name: "external-dns",
  ...CONTROLLER_SERVICE_ACCOUNTS["external-dns"],
  chart: "external-dns/external-dns (kubernetes-sigs.github.io/external-dns), release external-dns; the chart README installs it without a namespace, so in Helm's default one",
  source: { document: "kubernetes-sigs/external-dns docs/tutorials/aws.md", version: "v0.22.0", url: "https://github.com/kubernetes-sigs/external-dns/blob/v0.22.0/docs/tutorials/aws.md#iam-policy" },
  arnOptions: { hostedZoneArns: HOSTED_ZONE },
  policy(o) {
    return {
      managedPolicyArns: [],
      statements: [
        allow("ChangeRecordsInZones", ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"], o.hostedZoneArns),
        allow("ListHostedZones", ["route53:ListHostedZones"], ["*"]),
      ],
    };
  },
};
