/**
 * A well-known controller's entry (`clusters[].controllers[]` in the tenants file, the
 * `controller` prop of ControllerIdentity) as TypeScript types, defined once here: the file's zod
 * schema (lib/schema/controller-schema.ts) is checked to produce exactly these
 * (__tests__/controller-types.test.ts). OPTION_SPECS says the same for the construct's own
 * checks (controller-props.ts).
 */

/** Controller names, in the order of docs/controllers.md. */
export const CONTROLLER_NAMES = [
  "aws-load-balancer-controller",
  "external-dns",
  "cert-manager",
  "cluster-autoscaler",
  "karpenter",
  "external-secrets",
  "velero",
  "aws-mountpoint-s3-csi-driver",
  "aws-node-termination-handler",
  "aws-privateca-issuer",
  "amazon-managed-prometheus",
  "aws-ebs-csi-driver",
  "aws-efs-csi-driver",
  "aws-fsx-csi-driver",
  "aws-gateway-api-controller",
  "aws-for-fluent-bit",
  "keda",
] as const;
export type ControllerName = (typeof CONTROLLER_NAMES)[number];

/** The controller role's settings, complete. */
export interface ControllerRole {
  name?: string;
  path: string;
  permissionsBoundaryArn?: string;
  maxSessionDuration: number;
}

/** The controller role's settings as written: path defaults to "/", maxSessionDuration to 3600. */
export type ControllerRoleInput = Partial<ControllerRole>;

/** Each controller's own options, complete (booleans default to false). */
export interface ControllerOptions {
  "aws-load-balancer-controller": { targetGroupArns?: string[] };
  "external-dns": { hostedZoneArns: string[] };
  "cert-manager": { hostedZoneArns: string[] };
  "cluster-autoscaler": { clusterNames?: string[] };
  karpenter: { nodeRoleArns: string[]; interruptionQueueArn?: string };
  "external-secrets": { secretsManagerArns?: string[]; ssmParameterArns?: string[]; kmsKeyArns?: string[]; createSecrets: boolean; findParameters: boolean };
  velero: { bucketArns: string[]; bucketPathArns: string[]; kmsKeyArns?: string[] };
  "aws-mountpoint-s3-csi-driver": { bucketArns: string[]; bucketPathArns: string[] };
  "aws-node-termination-handler": { sqsQueueArns: string[] };
  "aws-privateca-issuer": { certificateAuthorityArns: string[] };
  "amazon-managed-prometheus": { workspaceArns: string[] };
  "aws-ebs-csi-driver": { kmsKeyArns?: string[] };
  "aws-efs-csi-driver": {};
  "aws-fsx-csi-driver": {};
  "aws-gateway-api-controller": {};
  "aws-for-fluent-bit": { logGroupArns: string[]; putRetentionPolicy: boolean };
  keda: { sqsQueueArns?: string[]; assumeRoleArns?: string[] };
}

/** What every controller entry takes besides its options, complete. */
export interface ControllerCommon<N extends ControllerName> {
  name: N;
  /** @default the namespace of the controller's install guide */
  namespace?: string;
  /** @default the service account of the controller's official chart */
  serviceAccount?: string;
  createNamespace: boolean;
  createServiceAccount: boolean;
  smokeTest: boolean;
  role: ControllerRole;
}

/** Keys whose values may be left out of the input form: the ones with a default. */
type Defaulted = "createNamespace" | "createServiceAccount" | "smokeTest" | "role" | "createSecrets" | "findParameters" | "putRetentionPolicy";
type Loosen<T> = Omit<T, Defaulted & keyof T> & Partial<Pick<T, Defaulted & keyof T>>;

/** One controller's entry, complete. */
export type ControllerOf<N extends ControllerName> = ControllerCommon<N> & ControllerOptions[N];
/** Any controller's entry, complete. */
export type ControllerConfig = { [N in ControllerName]: ControllerOf<N> }[ControllerName];
/** A controller's entry as written: settings with a default may be left out, the role's too. */
export type ControllerInput = {
  [N in ControllerName]: Omit<Loosen<ControllerCommon<N>>, "role"> & { role?: ControllerRoleInput } & Loosen<ControllerOptions[N]>;
}[ControllerName];
