/**
 * EKS add-ons that install into a namespace of their own, which the add-on then owns: a stack
 * that created that namespace would fight the add-on over it, and destroying the namespace would
 * delete the add-on's pods with it. Add-ons that install into kube-system are not listed: that
 * namespace is built in (kubernetes-objects.ts).
 *
 * Only namespaces the EKS user guide states are here; an add-on whose namespace it does not
 * document (aws-guardduty-agent, adot, aws-network-flow-monitoring-agent, …) is left out rather
 * than guessed.
 */
import { knownAddon } from "../aws/known-addons";
import { BUILT_IN_NAMESPACES } from "./kubernetes-objects";

export interface AddonNamespace {
  readonly namespace: string;
  /** The page that documents where the add-on installs. */
  readonly source: string;
}

const AWS_ADDONS = "https://docs.aws.amazon.com/eks/latest/userguide/workloads-add-ons-available-eks.html";
const COMMUNITY_ADDONS = "https://docs.aws.amazon.com/eks/latest/userguide/community-addons.html";

export const ADDON_NAMESPACES: Readonly<Record<string, AddonNamespace>> = {
  // "Amazon CloudWatch Observability agent": its role is for cloudwatch-agent in amazon-cloudwatch.
  "amazon-cloudwatch-observability": { namespace: "amazon-cloudwatch", source: `${AWS_ADDONS}#amazon-cloudwatch-observability` },
  // "AWS Private CA Connector for Kubernetes": "The add-on namespace is aws-privateca-issuer."
  "aws-privateca-connector-for-kubernetes": { namespace: "aws-privateca-issuer", source: `${AWS_ADDONS}#add-ons-aws-privateca-connector` },
  // Community add-ons: each has a "Namespace" row in its table.
  "kube-state-metrics": { namespace: "kube-state-metrics", source: `${COMMUNITY_ADDONS}#kube-state-metrics` },
  "prometheus-node-exporter": { namespace: "prometheus-node-exporter", source: `${COMMUNITY_ADDONS}#prometheus-node-exporter` },
  "cert-manager": { namespace: "cert-manager", source: `${COMMUNITY_ADDONS}#addon-cert-manager` },
  "external-dns": { namespace: "external-dns", source: `${COMMUNITY_ADDONS}#external-dns` },
  "fluent-bit": { namespace: "fluent-bit", source: `${COMMUNITY_ADDONS}#fluent-bit` },
};

/**
 * Where add-on `name` installs, when it is a namespace of its own: from the table above, else from
 * the known add-ons' facts (known-addons.ts), so that an add-on added there is covered here too.
 */
export function addonNamespace(name: string): AddonNamespace | undefined {
  if (Object.prototype.hasOwnProperty.call(ADDON_NAMESPACES, name)) return ADDON_NAMESPACES[name];
  const known = knownAddon(name);
  return known && !BUILT_IN_NAMESPACES.includes(known.namespace) ? { namespace: known.namespace, source: AWS_ADDONS } : undefined;
}

/** The add-on among `addons` (a cluster's) that owns `namespace`, with its source, or undefined. */
export function addonOwningNamespace(namespace: string, addons: ReadonlyArray<{ readonly name: string }>): { addon: string; source: string } | undefined {
  for (const { name } of addons) {
    const owned = addonNamespace(name);
    if (owned && owned.namespace === namespace) return { addon: name, source: owned.source };
  }
  return undefined;
}
