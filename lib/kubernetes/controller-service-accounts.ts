/**
 * Where each well-known controller runs: the namespace its install guide uses and the service
 * account of its official Helm chart, for a release named after the controller. The sources are
 * cited with each controller's definition (lib/policy/controllers/<name>.ts, `chart`). They are
 * here, apart from the policies, because the cluster plan (lib/plan) fills them in and the plan
 * does not depend on the policies.
 */

export interface ControllerServiceAccount {
  readonly namespace: string;
  readonly serviceAccount: string;
}

// Keyed by controller name; lib/policy/controllers indexes it with its ControllerName, so a
// controller missing here fails to compile there (this folder does not import that one back).
export const CONTROLLER_SERVICE_ACCOUNTS = {
  "amazon-managed-prometheus": { namespace: "prometheus", serviceAccount: "amp-iamproxy-ingest-service-account" },
  "aws-ebs-csi-driver": { namespace: "kube-system", serviceAccount: "ebs-csi-controller-sa" },
  "aws-efs-csi-driver": { namespace: "kube-system", serviceAccount: "efs-csi-controller-sa" },
  "aws-for-fluent-bit": { namespace: "kube-system", serviceAccount: "aws-for-fluent-bit" },
  "aws-fsx-csi-driver": { namespace: "kube-system", serviceAccount: "fsx-csi-controller-sa" },
  "aws-gateway-api-controller": { namespace: "aws-application-networking-system", serviceAccount: "gateway-api-controller" },
  "aws-load-balancer-controller": { namespace: "kube-system", serviceAccount: "aws-load-balancer-controller" },
  "aws-mountpoint-s3-csi-driver": { namespace: "kube-system", serviceAccount: "s3-csi-driver-sa" },
  "aws-node-termination-handler": { namespace: "kube-system", serviceAccount: "aws-node-termination-handler" },
  "aws-privateca-issuer": { namespace: "default", serviceAccount: "aws-privateca-issuer" },
  "cert-manager": { namespace: "cert-manager", serviceAccount: "cert-manager" },
  "cluster-autoscaler": { namespace: "kube-system", serviceAccount: "cluster-autoscaler-aws-cluster-autoscaler" },
  "external-dns": { namespace: "default", serviceAccount: "external-dns" },
  "external-secrets": { namespace: "external-secrets", serviceAccount: "external-secrets" },
  karpenter: { namespace: "kube-system", serviceAccount: "karpenter" },
  keda: { namespace: "keda", serviceAccount: "keda-operator" },
  velero: { namespace: "velero", serviceAccount: "velero-server" },
} as const satisfies Readonly<Record<string, ControllerServiceAccount>>;
