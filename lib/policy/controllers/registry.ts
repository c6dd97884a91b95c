/** Every well-known controller, by name. */
import type { ControllerConfig, ControllerName } from "./controller-types";
import { amazonManagedPrometheus } from "./amazon-managed-prometheus";
import { awsEbsCsiDriver } from "./aws-ebs-csi-driver";
import { awsEfsCsiDriver } from "./aws-efs-csi-driver";
import { awsForFluentBit } from "./aws-for-fluent-bit";
import { awsFsxCsiDriver } from "./aws-fsx-csi-driver";
import { awsGatewayApiController } from "./aws-gateway-api-controller";
import { awsLoadBalancerController } from "./aws-load-balancer-controller";
import { awsMountpointS3CsiDriver } from "./aws-mountpoint-s3-csi-driver";
import { awsNodeTerminationHandler } from "./aws-node-termination-handler";
import { awsPrivatecaIssuer } from "./aws-privateca-issuer";
import { certManager } from "./cert-manager";
import { clusterAutoscaler } from "./cluster-autoscaler";
import { externalDns } from "./external-dns";
import { externalSecrets } from "./external-secrets";
import { karpenter } from "./karpenter";
import { keda } from "./keda";
import type { ControllerContext, ControllerDefinition, ControllerPolicy } from "./types";
import { velero } from "./velero";

export const CONTROLLERS: { readonly [N in ControllerName]: ControllerDefinition<N> } = {
  "aws-load-balancer-controller": awsLoadBalancerController,
  "external-dns": externalDns,
  "cert-manager": certManager,
  "cluster-autoscaler": clusterAutoscaler,
  karpenter,
  "external-secrets": externalSecrets,
  velero,
  "aws-mountpoint-s3-csi-driver": awsMountpointS3CsiDriver,
  "aws-node-termination-handler": awsNodeTerminationHandler,
  "aws-privateca-issuer": awsPrivatecaIssuer,
  "amazon-managed-prometheus": amazonManagedPrometheus,
  "aws-ebs-csi-driver": awsEbsCsiDriver,
  "aws-efs-csi-driver": awsEfsCsiDriver,
  "aws-fsx-csi-driver": awsFsxCsiDriver,
  "aws-gateway-api-controller": awsGatewayApiController,
  "aws-for-fluent-bit": awsForFluentBit,
  keda,
};

export function controllerDefinition<N extends ControllerName>(name: N): ControllerDefinition<N> {
  return CONTROLLERS[name] as ControllerDefinition<N>;
}

/** The role's permissions for one controllers[] entry (already validated) on a cluster. */
export function controllerPolicy(controller: ControllerConfig, ctx: ControllerContext): ControllerPolicy {
  // The union is narrowed by `name`, which the registry is keyed by.
  return (CONTROLLERS[controller.name] as ControllerDefinition<ControllerName>).policy(controller as never, ctx);
}
