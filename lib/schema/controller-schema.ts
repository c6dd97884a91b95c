/**
 * clusters[].controllers: one entry per well-known controller, a union on `name`, so that each
 * controller takes exactly its own options and an option of another controller is an error
 * that names the controllers it belongs to (zod-messages.ts). The policies these options scope
 * are in lib/policy/controllers/; ARN services, partitions and accounts are checked against the
 * cluster in lib/checks/controller-checks.ts.
 *
 * Built on first use: schema.ts calls controllerSchema() where it needs it.
 */
import { z } from "zod";
import * as rules from "../aws/rules";
import { roleSchema, ruled } from "./field-schemas";
import { describeValue } from "../diagnostics/describe-value";
import { didYouMean } from "../diagnostics/suggest";

import { CONTROLLER_NAMES, type ControllerName } from "../policy/controllers/controller-types";

// The names and the entry's types are defined once, in lib/policy (the constructs take them too);
// this schema is checked to produce exactly those types (__tests__/controller-types.test.ts).
export { CONTROLLER_NAMES, type ControllerName };
export type { ControllerConfig, ControllerInput, ControllerOf } from "../policy/controllers/controller-types";

/**
 * Options are built for their controller, so that a missing or empty one is reported with the
 * controller's name ("external-dns needs hostedZoneArns"): the field path alone gives only a
 * list position.
 */
type Built<T extends z.ZodType> = (controller: ControllerName, option: string) => T;

function listOf(rule: rules.Rule, what: string, description: string, controller: ControllerName, option: string, required: boolean) {
  const needs = `${controller} needs ${option}: ${description}`;
  return z
    .array(ruled(rule, what), { error: (iss) => (iss.input === undefined ? needs : undefined) })
    .min(1, { error: required ? `${option} is empty; ${needs}` : `${option} is empty; list at least one, or leave ${option} out (${controller}: ${description})` })
    .meta({ description });
}

/** A list of values that each follow `rule`, at least one. */
function list(rule: rules.Rule, what: string, description: string) {
  return (controller: ControllerName, option: string) => listOf(rule, what, description, controller, option, true);
}

/** The same, optional: when given, at least one. */
function optionalList(rule: rules.Rule, what: string, description: string) {
  return (controller: ControllerName, option: string) => listOf(rule, what, description, controller, option, false).optional();
}

const arns = (description: string) => list(rules.RESOURCE_ARN, "An ARN.", description);
const optionalArns = (description: string) => optionalList(rules.RESOURCE_ARN, "An ARN.", description);

/** One ARN, optional; an empty string is reported as the controller's empty option. */
function oneArn(description: string) {
  return (controller: ControllerName, option: string) =>
    z
      .string({ error: (iss) => `expected a string, got ${describeValue(iss.input)}: ${rules.RESOURCE_ARN.allowed}` })
      .min(1, { error: `${option} is empty; give ${controller} an ARN, or leave ${option} out: ${description}`, abort: true })
      .regex(rules.RESOURCE_ARN.pattern, { error: (iss) => rules.violation(rules.RESOURCE_ARN, iss.input), abort: true })
      .meta({ description })
      .optional();
}

// Options that several controllers take are described once, so that the reference can show them in one row.
const hostedZones = arns("Route 53 hosted zones whose records the controller may change: arn:<partition>:route53:::hostedzone/<id>.");
const buckets = arns("S3 buckets the controller may list: arn:<partition>:s3:::<bucket>.");
const bucketPaths = arns("S3 objects the controller may read and write: arn:<partition>:s3:::<bucket>/<key prefix>*.");
const QUEUES = "SQS queues the controller reads: arn:<partition>:sqs:<region>:<account>:<queue name>.";
const kmsKeys = optionalArns("Customer managed KMS keys the controller may use for what it reads and writes (docs/controllers.md says which calls).");

function common<N extends ControllerName>(name: N) {
  return {
    name: z.literal(name).meta({ description: `A known controller: ${CONTROLLER_NAMES.join(", ")}.` }),
    namespace: ruled(rules.NAMESPACE, "The controller's namespace. Left out: the namespace its install guide uses (docs/controllers.md).").optional(),
    serviceAccount: ruled(
      rules.SERVICE_ACCOUNT,
      "The controller's service account. Left out: the one its official Helm chart creates for a release named after the controller (docs/controllers.md).",
    ).optional(),
    createNamespace: z
      .boolean()
      .default(false)
      .meta({
        description:
          "Create the namespace (kubernetes_namespace_v1). Left out: false, the namespace must exist. Every tenant and controller in one namespace on a cluster must agree; the namespace stays while any of them does.",
      }),
    createServiceAccount: z
      .boolean()
      .default(false)
      .meta({ description: "Create the service account (kubernetes_service_account_v1). Left out: false, since the controller's chart creates its own and Pod Identity needs no annotation on it." }),
    smokeTest: z
      .boolean()
      .default(false)
      .meta({ description: "Run a Kubernetes Job as the controller's service account that checks it gets the controller's role. The service account must exist." }),
    role: roleSchema.default({ path: "/", maxSessionDuration: rules.SESSION_DURATION.min }),
  };
}

function build() {
  const v = <N extends ControllerName, S extends Record<string, z.ZodType | Built<z.ZodType>>>(name: N, options: S) =>
    z.strictObject({
      ...common(name),
      ...(Object.fromEntries(Object.entries(options).map(([k, o]) => [k, typeof o === "function" ? o(name, k) : o])) as { [K in keyof S]: S[K] extends Built<infer T> ? T : S[K] }),
    });
  return z.discriminatedUnion(
    "name",
    [
      v("aws-load-balancer-controller", {
        targetGroupArns: optionalArns(
          "Target groups the controller may register targets in. When given, the role gets only the TargetGroupBinding policy (existing target groups, no load balancers or security groups). Left out: the full policy.",
        ),
      }),
      v("external-dns", { hostedZoneArns: hostedZones }),
      v("cert-manager", { hostedZoneArns: hostedZones }),
      v("cluster-autoscaler", {
        clusterNames: optionalList(rules.CLUSTER_NAME, "A cluster name.", "Clusters whose Auto Scaling groups (tagged k8s.io/cluster-autoscaler/<name>) the autoscaler may scale. Left out: this cluster."),
      }),
      v("karpenter", {
        nodeRoleArns: list(rules.ROLE_ARN, "A node role ARN.", "The node roles Karpenter may pass to EC2 (iam:PassRole), as named in its EC2NodeClasses."),
        interruptionQueueArn: oneArn("The SQS interruption queue (Karpenter's settings.interruptionQueue), in the cluster's region and account. Left out: no interruption handling permissions."),
      }),
      v("external-secrets", {
        secretsManagerArns: optionalArns("Secrets Manager secrets to read, full ARNs (a trailing * covers a name prefix or the random suffix)."),
        ssmParameterArns: optionalArns("Parameter Store parameters to read (arn:aws:ssm:<region>:<account>:parameter/<name>, the name without its leading '/'; a trailing * covers a prefix)."),
        kmsKeyArns: kmsKeys,
        createSecrets: z
          .boolean()
          .default(false)
          .meta({ description: "Also allow PushSecret: create, update, tag and delete (tagged managed-by: external-secrets) the same secrets and parameters." }),
        findParameters: z
          .boolean()
          .default(false)
          .meta({
            description:
              "Also allow finding Parameter Store parameters by tag or path (ExternalSecret dataFrom.find): ssm:DescribeParameters and tag:GetResources, on every resource since neither has resource-level permissions. Values are still read only from ssmParameterArns, which it needs.",
          }),
      }),
      v("velero", {
        bucketArns: buckets,
        bucketPathArns: bucketPaths,
        kmsKeyArns: kmsKeys,
      }),
      v("aws-mountpoint-s3-csi-driver", {
        bucketArns: buckets,
        bucketPathArns: bucketPaths,
      }),
      v("aws-node-termination-handler", { sqsQueueArns: arns(QUEUES) }),
      v("aws-privateca-issuer", { certificateAuthorityArns: arns("AWS Private CA certificate authorities the issuer may issue from.") }),
      v("amazon-managed-prometheus", { workspaceArns: arns("Amazon Managed Service for Prometheus workspaces to remote-write to.") }),
      v("aws-ebs-csi-driver", { kmsKeyArns: kmsKeys }),
      v("aws-efs-csi-driver", {}),
      v("aws-fsx-csi-driver", {}),
      v("aws-gateway-api-controller", {}),
      v("aws-for-fluent-bit", {
        logGroupArns: arns("CloudWatch Logs log groups to write to: arn:<partition>:logs:<region>:<account>:log-group:<name>; a trailing * covers a name prefix."),
        putRetentionPolicy: z.boolean().default(false).meta({ description: "Also allow logs:PutRetentionPolicy, which the plugin calls when log_retention_days is set." }),
      }),
      v("keda", {
        sqsQueueArns: optionalArns(QUEUES),
        assumeRoleArns: optionalList(rules.ROLE_ARN, "A role ARN.", "Workload roles KEDA may assume for its scalers (TriggerAuthentication podIdentity.roleArn)."),
      }),
    ],
    {
      error: (iss) => {
        if (iss.code !== "invalid_union") return undefined;
        const name = (iss.input as { name?: unknown } | undefined)?.name;
        if (name === undefined) return `a controller needs a name: ${CONTROLLER_NAMES.join(", ")}`;
        if (typeof name !== "string") return `expected a controller name, got ${JSON.stringify(name)}; known controllers: ${CONTROLLER_NAMES.join(", ")}`;
        return `${JSON.stringify(name)} is not a known controller${didYouMean(name, CONTROLLER_NAMES)}; known controllers: ${CONTROLLER_NAMES.join(", ")}`;
      },
    },
  ).meta({ description: "A well-known controller whose service account gets a least-privilege Pod Identity role." });
}

let cached: ReturnType<typeof build> | undefined;
export function controllerSchema(): ReturnType<typeof build> {
  cached ??= build();
  return cached;
}

