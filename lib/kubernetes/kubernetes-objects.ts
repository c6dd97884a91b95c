/**
 * Kubernetes objects that exist on every EKS cluster, or that an add-on owns, and which a stack
 * therefore must never create: Terraform would fail with "already exists", and a later destroy
 * would delete what the cluster needs. Shared by the tenants-file checks and the constructs.
 */
import { KNOWN_ADDONS, knownAddon } from "../aws/known-addons";

/**
 * The namespaces every cluster starts with
 * (https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/#initial-namespaces).
 */
export const BUILT_IN_NAMESPACES: ReadonlyArray<string> = ["default", "kube-node-lease", "kube-public", "kube-system"];

/**
 * Every namespace gets a service account named "default"
 * (https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts).
 */
export const DEFAULT_SERVICE_ACCOUNT = "default";

/**
 * Service accounts EKS creates on every cluster, for the networking components it installs by
 * default: the VPC CNI as kube-system/aws-node (https://docs.aws.amazon.com/eks/latest/userguide/cni-iam-role.html),
 * CoreDNS and kube-proxy as kube-system/coredns and kube-system/kube-proxy
 * (https://docs.aws.amazon.com/eks/latest/userguide/eks-add-ons.html, the default add-ons).
 */
const EKS_SERVICE_ACCOUNTS: ReadonlyArray<{ namespace: string; name: string; owner: string }> = [
  { namespace: "kube-system", name: "aws-node", owner: "the Amazon VPC CNI (vpc-cni), which EKS installs on every cluster" },
  { namespace: "kube-system", name: "coredns", owner: "CoreDNS (coredns), which EKS installs on every cluster" },
  { namespace: "kube-system", name: "kube-proxy", owner: "kube-proxy, which EKS installs on every cluster" },
];

/** The known add-ons' own service accounts, in their namespaces. */
const KNOWN_ADDON_ACCOUNTS = Object.entries(KNOWN_ADDONS).map(([addon, k]) => ({ addon, namespace: k.namespace, serviceAccount: k.serviceAccount }));

/** Why the stack must not create `namespace`, or undefined. */
export function namespaceCreationProblem(namespace: string): string | undefined {
  return BUILT_IN_NAMESPACES.includes(namespace)
    ? `namespace ${JSON.stringify(namespace)} exists on every Kubernetes cluster (${BUILT_IN_NAMESPACES.join(", ")}), so the stack must not create it; set createNamespace: false`
    : undefined;
}

/**
 * Why the stack must not create service account `namespace/name`, or undefined. `addons` are the
 * add-ons of the cluster with the service account each runs as; known add-ons count on every
 * cluster, since they may be installed outside this file.
 */
export function serviceAccountCreationProblem(namespace: string, name: string, addons: ReadonlyArray<{ name: string; serviceAccount?: string | undefined }> = []): string | undefined {
  const keep = "set createServiceAccount: false to associate a role with it without creating it";
  if (name === DEFAULT_SERVICE_ACCOUNT) return `every namespace already has a service account named "default", so the stack must not create it; ${keep}`;
  const eks = EKS_SERVICE_ACCOUNTS.find((s) => s.namespace === namespace && s.name === name);
  if (eks) return `service account ${namespace}/${name} belongs to ${eks.owner}, so the stack must not create it; ${keep}`;
  const configured = addons.flatMap((a) => {
    const k = knownAddon(a.name);
    return k && a.serviceAccount !== undefined ? [{ addon: a.name, namespace: k.namespace, serviceAccount: a.serviceAccount }] : [];
  });
  const addon = [...KNOWN_ADDON_ACCOUNTS, ...configured].find((o) => o.namespace === namespace && o.serviceAccount === name);
  if (addon) return `service account ${namespace}/${name} belongs to the EKS add-on ${addon.addon}, which creates it, so the stack must not create it; ${keep}`;
  return undefined;
}
