/**
 * The tenants file, as one zod schema. It is the single source of:
 * - the TypeScript types of the validated configuration (`z.output`),
 * - the JSON Schema committed at `schema/tenants.schema.json` for editors (`npm run schema`),
 * - the per-field checks whose messages `validate` and `synth` print.
 * Cross-field rules (duplicates, references, limits) live in `name-and-quota-checks.ts` and the other checks listed in lib/checks/check-registry.ts.
 */
import { z } from "zod";
import * as rules from "../aws/rules";
import { quote } from "../diagnostics/quote";
import { CHART_NAME, CHART_PATH, CHART_REPOSITORY } from "../aws/agent-chart";
import { controllerSchema } from "./controller-schema";
import { OIDC_PROVIDER_ARN } from "../aws/oidc-provider";
import { roleSchema, ruled, wholeNumber } from "./field-schemas";
import type { Grant, GrantInput, StatementConfig, StatementInput } from "../policy/permission-types";

/** Free-form settings that become JSON (an add-on's configuration_values, a chart's values). */
function configurationValues(description: string) {
  return z.record(z.string(), z.unknown()).optional().meta({ description });
}

const tags = z
  .record(
    ruled(rules.TAG_KEY, "Tag key."),
    ruled(rules.TAG_VALUE, "Tag value."),
  )
  .meta({ description: `AWS tags, at most ${rules.MAX_TAGS} in all on one resource.` });

export const agentSchema = z
  .strictObject({
    install: z
      .enum(["addon", "helm", "none"])
      .default("addon")
      .meta({
        description:
          "How the eks-pod-identity-agent gets onto the nodes: addon (the EKS add-on), helm (self-managed chart), none (EKS Auto Mode, which runs the agent itself).",
      }),
    version: ruled(
      rules.AGENT_VERSION,
      "Pins the agent: the add-on version (v1.3.8-eksbuild.2) with install: addon, the chart version (1.2.0) with install: helm and chart.repository; not allowed with none. Left out: the most recent add-on version for the cluster's Kubernetes version, or the latest chart in the repository. A chart folder (chart.path) fixes its own version; a version given with it must match its Chart.yaml.",
    ).optional(),
    chart: z
      .strictObject({
        path: ruled(CHART_PATH, "The chart folder: charts/eks-pod-identity-agent of a clone of https://github.com/aws/eks-pod-identity-agent, on the machine that runs terraform.").optional(),
        repository: ruled(CHART_REPOSITORY, "A Helm repository (https://) or OCI registry (oci://) you published the chart to.").optional(),
        name: ruled(CHART_NAME, "The chart's name in repository.").optional(),
      })
      .optional()
      .meta({
        description:
          "Where the self-managed chart comes from (install: helm, where it is required): path or repository. The eks-pod-identity-agent chart is published to no Helm repository, https://aws.github.io/eks-charts included.",
      }),
    configurationValues: configurationValues(
      "Agent settings: the add-on's configuration_values (install: addon) or extra chart values (install: helm). Both accept agent.additionalArgs, e.g. {agent: {additionalArgs: {-b: 169.254.170.23}}} to bind IPv4 only on nodes without IPv6.",
    ),
  })
  .meta({ description: "The Pod Identity agent of this cluster." });

export const clusterSchema = z
  .strictObject({
    name: ruled(rules.CLUSTER_NAME, "An existing EKS cluster. Also the name of the stack and of its output folder."),
    region: ruled(rules.REGION, "The cluster's AWS region."),
    accountId: ruled(rules.ACCOUNT_ID, "Pins the AWS account the stack may touch (the provider's allowed_account_ids). Quote it.").optional(),
    deployRoleArn: ruled(
      rules.ROLE_ARN,
      "The role Terraform assumes for this cluster's stacks, instead of its account's deploy role (accounts). Needs accountId, and must be in that account. externalId and sessionName still come from the account's entry.",
    ).optional(),
    agent: agentSchema.default({ install: "addon" }),
    // A getter, so that add-ons can reuse the role and policy fields declared further down
    // without reordering this file.
    get addons() {
      return z
        .array(addonSchema)
        .default([])
        .meta({ description: "EKS add-ons whose own service account gets an IAM role through a Pod Identity association." });
    },
    // Lazy as well: building the controllers' schemas (their options and messages) took about
    // 5 ms of every run, and a file without controllers never needs them (zod 4's default
    // answers a missing key without looking inside).
    get controllers() {
      return z
        .lazy(() => z.array(controllerSchema()))
        .default([])
        .meta({ description: "Well-known controllers (installed with their own Helm charts) whose service account gets a least-privilege role from the controller's own published IAM policy; see docs/controllers.md." });
    },
  })
  .meta({ description: "An EKS cluster. Each cluster becomes one stack." });

export const s3StateSchema = z
  .strictObject({
    bucket: ruled(rules.BUCKET_NAME, "The S3 bucket that holds the state."),
    region: ruled(rules.REGION, "The bucket's region."),
    keyPrefix: ruled(rules.S3_KEY_PREFIX, "Prefix of each stack's state key: <keyPrefix><stack>/terraform.tfstate, where a stack is <cluster> or <cluster>-<group>.").default(""),
  })
  .meta({ description: "An S3 backend for every stack, with encryption and S3-native locking (use_lockfile)." });

export const cloudStateSchema = z
  .strictObject({
    organization: ruled(rules.HCP_ORGANIZATION, "The HCP Terraform or Terraform Enterprise organization."),
    workspacePrefix: ruled(rules.WORKSPACE_PREFIX, "Prefix of each stack's workspace: <workspacePrefix><stack>."),
    hostname: ruled(rules.HOSTNAME, "Terraform Enterprise's host name. Left out: app.terraform.io (HCP Terraform).").optional(),
  })
  .meta({ description: "HCP Terraform or Terraform Enterprise: a cloud block in every stack, one workspace per stack. Not together with s3." });

export const stateSchema = z
  .strictObject({ s3: s3StateSchema.optional(), cloud: cloudStateSchema.optional() })
  .meta({ description: "Where Terraform state lives. Left out: local state files, one per stack." });

export const defaultsSchema = z
  .strictObject({
    tags: tags.default({}),
    policyDocuments: z
      .enum(["data-source", "inline"])
      .default("data-source")
      .meta({
        description:
          "How trust and permission policies are written: data-source (one aws_iam_policy_document data source each) or inline (the same JSON, byte for byte, as a literal; plans faster with many tenants). A document whose order depends on a value known only at plan time keeps its data source.",
      }),
  })
  .meta({ description: "Settings every tenant gets." });

// Least privilege: grants, raw statements and shared roles. Names and ARNs inside
// grants are checked in lib/policy/grants.ts (grantProblems), because placeholders such as ${namespace}
// make them templates rather than plain names.
const resourceName = (description: string) => z.string().min(1).meta({ description });

export const grantSchema = z
  .strictObject({
    s3: z
      .strictObject({
        bucket: resourceName("Bucket name or bucket ARN."),
        prefix: z.string().default("").meta({ description: "Key prefix, ending with '/'. Left out: the whole bucket." }),
        access: z.enum(["read", "write", "readwrite"]).default("read").meta({ description: "read (list under the prefix, get), write (put, delete, multipart) or readwrite." }),
      })
      .optional(),
    dynamodb: z
      .strictObject({
        table: resourceName("Table name or table ARN."),
        access: z.enum(["read", "write", "readwrite"]).default("read").meta({ description: "read (get, query, scan, also on the table's indexes), write (put, update, delete) or readwrite." }),
      })
      .optional(),
    sqs: z
      .strictObject({
        queue: resourceName("Queue name or queue ARN."),
        access: z.enum(["send", "consume"]).meta({ description: "send, or consume (receive, delete, change visibility)." }),
      })
      .optional(),
    sns: z
      .strictObject({
        topic: resourceName("Topic name or topic ARN."),
        access: z.enum(["publish"]).default("publish").meta({ description: "publish." }),
      })
      .optional(),
    secretsManager: z
      .strictObject({
        secret: resourceName("Secret name (the random 6-character suffix is matched for you) or full secret ARN."),
        access: z.enum(["read"]).default("read").meta({ description: "read (GetSecretValue, DescribeSecret)." }),
      })
      .optional(),
    ssm: z
      .strictObject({
        path: resourceName("Parameter Store path such as /reports/, or a parameter ARN. Covers the path and everything below it."),
        access: z.enum(["read"]).default("read").meta({ description: "read (GetParameter, GetParameters, GetParametersByPath)." }),
      })
      .optional(),
    kms: z
      .strictObject({
        keyArn: resourceName("Key ARN (arn:...:kms:<region>:<account>:key/<id>); alias ARNs do not work in IAM policies."),
        access: z.enum(["decrypt", "encrypt"]).default("decrypt").meta({ description: "decrypt, or encrypt (Encrypt, GenerateDataKey)." }),
      })
      .optional(),
  })
  .meta({ description: "One resource-scoped grant: exactly one of s3, dynamodb, sqs, sns, secretsManager, ssm, kms." }) satisfies z.ZodType<Grant, GrantInput>;

const conditionValue = z.union([z.string(), z.number(), z.boolean()]);
export const statementSchema = z
  .strictObject({
    sid: z
      .string()
      .regex(/^[A-Za-z0-9]{1,128}$/, { error: (iss) => `${quote(iss.input)} is not a valid Sid: ASCII letters and digits only` })
      .optional()
      .meta({ description: "Statement ID. Left out: derived from the statement's content." }),
    effect: z.enum(["Allow", "Deny"]).default("Allow").meta({ description: "Allow or Deny." }),
    actions: z.array(z.string().min(1)).min(1).meta({ description: "IAM actions such as s3:GetObject; checked against the IAM action catalogue. Wildcards must match an action." }),
    resources: z.array(z.string().min(1)).min(1).meta({ description: "Resource ARNs, or *." }),
    conditions: z
      .record(z.string(), z.record(z.string(), z.union([conditionValue, z.array(conditionValue).min(1)])))
      .optional()
      .meta({ description: "IAM condition block: { <operator>: { <condition key>: value or [values] } }." }),
  })
  .meta({ description: "A raw IAM statement for the role's inline policy." }) satisfies z.ZodType<StatementConfig, StatementInput>;

/**
 * An association's session policy: the same grammar as a tenant's own grants and statements,
 * written into the association's `policy`, which EKS intersects with the role's permissions
 * (EKS API reference, CreatePodIdentityAssociation: https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html).
 */
export const sessionPolicySchema = z
  .strictObject({
    grants: z.array(grantSchema).default([]).meta({ description: "Grants, as in tenants[].grants; the tenant's pods may do no more than these allow." }),
    statements: z.array(statementSchema).default([]).meta({ description: "Raw IAM statements, as in tenants[].statements." }),
  })
  .meta({
    description:
      "Narrows what this tenant's pods may do to what the role allows AND this policy allows (the association's policy, an inline session policy). Needs disableSessionTags: true. Lets many tenants share one role (sharedRole, without ${namespace}-style placeholders), each narrowed. See docs/session-policies.md.",
  });

export const trustSchema = z
  .strictObject({
    scopeToServiceAccount: z
      .boolean()
      .optional()
      .meta({
        description:
          "Require the session tags of this tenant's namespace, service account and cluster in the trust policy, so no other association can use the role. Left out: true, unless disableSessionTags is true.",
      }),
  })
  .meta({ description: "The role's trust policy." });

export const irsaSchema = z
  .strictObject({
    oidcProviderArn: ruled(OIDC_PROVIDER_ARN, "The cluster's IAM OIDC provider, as IRSA uses it: arn:<partition>:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<ID>."),
    keepAnnotation: z
      .boolean()
      .default(true)
      .meta({
        description:
          "Keep the eks.amazonaws.com/role-arn annotation on the service account the stack creates. Set false, deploy and restart the pods to move them to Pod Identity while the OIDC trust stays; then remove irsa.",
      }),
  })
  .meta({
    description:
      "Migrating from IRSA: while set, the role also trusts the cluster's OIDC provider for this service account only, and the service account keeps its eks.amazonaws.com/role-arn annotation, so running pods keep working. Remove it once every pod has restarted onto Pod Identity.",
  });

export const sharedRoleSchema = z
  .strictObject({
    name: ruled(rules.TENANT_NAME, "Unique shared-role name; tenants refer to it with sharedRole."),
    role: roleSchema.default({ path: "/", maxSessionDuration: rules.SESSION_DURATION.min }),
    managedPolicyArns: z.array(ruled(rules.POLICY_ARN, "A managed policy ARN.")).default([]).meta({ description: "Managed policies attached to the role." }),
    grants: z.array(grantSchema).default([]).meta({ description: "Grants; ${namespace}, ${serviceAccount} and ${cluster} become the caller's session tags." }),
    statements: z.array(statementSchema).default([]).meta({ description: "Raw statements; placeholders as in grants." }),
    tags: tags.default({}),
  })
  .meta({ description: "One IAM role per cluster shared by many tenants (ABAC on the Pod Identity session tags)." });

export const tenantSchema = z
  .strictObject({
    name: ruled(rules.TENANT_NAME, "Unique tenant name. Drives every resource address and default name, so renaming a tenant replaces its resources."),
    namespace: ruled(rules.NAMESPACE, "The Kubernetes namespace of the tenant's workloads."),
    serviceAccount: ruled(rules.SERVICE_ACCOUNT, "The Kubernetes service account the tenant's pods run as."),
    clusters: z
      .array(ruled(rules.CLUSTER_NAME, "A cluster name from clusters[]."))
      .min(1)
      .optional()
      .meta({ description: "The clusters this tenant runs on. Left out: every cluster." }),
    createNamespace: z
      .boolean()
      .default(false)
      .meta({
        description:
          "Create the namespace (kubernetes_namespace_v1). Left out: false, the namespace must exist. Every tenant and controller in one namespace on a cluster must agree, and be in one stack; the namespace stays while any of them does.",
      }),
    createServiceAccount: z
      .boolean()
      .default(true)
      .meta({ description: "Create the service account (kubernetes_service_account_v1). Set false when another tool, such as a Helm chart, owns it." }),
    serviceAccountLabels: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: "Labels on the service account the stack creates, besides app.kubernetes.io/managed-by. Kubernetes' label key and value rules apply." }),
    serviceAccountAnnotations: z
      .record(z.string(), z.string())
      .optional()
      .meta({ description: "Annotations on the service account the stack creates. No eks.amazonaws.com/ annotation: those change the credentials pods get; irsa sets IRSA's role annotation." }),
    smokeTest: z
      .boolean()
      .default(false)
      .meta({ description: "Run a Kubernetes Job as the tenant's service account that checks, with aws sts get-caller-identity, that its pods get the tenant's role." }),
    role: roleSchema.default({ path: "/", maxSessionDuration: rules.SESSION_DURATION.min }),
    managedPolicyArns: z.array(ruled(rules.POLICY_ARN, "A managed policy ARN.")).default([]).meta({ description: "Managed policies attached to the role." }),
    grants: z.array(grantSchema).default([]).meta({ description: "Resource-scoped grants, turned into minimal statements of the role's inline policy." }),
    statements: z.array(statementSchema).default([]).meta({ description: "Raw IAM statements for the role's inline policy." }),
    targetRoleArn: ruled(rules.ROLE_ARN, "Cross-account: the role that EKS assumes with this tenant's role (role chaining).").optional(),
    disableSessionTags: z.boolean().default(false).meta({ description: "Stop EKS from adding session tags. The trust policy then cannot be scoped to the tenant. Must be true with sessionPolicy." }),
    sessionPolicy: sessionPolicySchema.optional(),
    sharedRole: ruled(rules.TENANT_NAME, "Use this shared role from sharedRoles[] instead of a role of the tenant's own.").optional(),
    stack: ruled(
      rules.STACK_GROUP,
      "A stack group: the tenant goes into the stack <cluster>-<stack> of each of its clusters, with its own state. Left out: the cluster's base stack <cluster>.",
    ).optional(),
    trust: trustSchema.default({}),
    irsa: irsaSchema.optional(),
    tags: tags.default({}),
  })
  .meta({ description: "A team whose pods get their own IAM role through EKS Pod Identity." });

/**
 * An EKS add-on (aws_eks_addon) with its own Pod Identity role. The policy keys are the
 * tenant's; grants and statements join them here when tenants get them.
 */
export const addonSchema = z
  .strictObject({
    name: ruled(rules.ADDON_NAME, "The add-on's name, as aws eks describe-addon-versions lists it. Known add-ons need nothing else. Drives resource addresses and the default role name."),
    version: ruled(rules.ADDON_VERSION, "Pins the add-on version. Left out: the default version EKS picks for the cluster's Kubernetes version.").optional(),
    serviceAccount: ruled(rules.SERVICE_ACCOUNT, "The add-on's service account that gets the role. Left out: the known default for this add-on.").optional(),
    role: roleSchema.default({ path: "/", maxSessionDuration: rules.SESSION_DURATION.min }),
    managedPolicyArns: z
      .array(ruled(rules.POLICY_ARN, "A managed policy ARN."))
      .optional()
      .meta({ description: "Managed policies attached to the add-on's role. Left out: the known defaults for this add-on." }),
    configurationValues: configurationValues("The add-on's configuration_values, as aws eks describe-addon-configuration describes them."),
  })
  .meta({ description: "An EKS add-on whose service account gets its own IAM role." });

export const accountSchema = z
  .strictObject({
    deployRoleArn: ruled(
      rules.ROLE_ARN,
      "The role Terraform assumes for every cluster with this accountId: the AWS provider's assume_role, and aws eks get-token --role-arn for the Kubernetes and Helm providers. Must be in this account.",
    ),
    externalId: ruled(rules.EXTERNAL_ID, "The external ID the deploy role's trust policy requires (sts:ExternalId), sent by the AWS provider. aws eks get-token cannot send one, so the Kubernetes and Helm providers need the role to trust the CI identity without it.").optional(),
    sessionName: ruled(rules.SESSION_NAME, "The role session name, as CloudTrail shows it. Left out: the AWS provider's and the SDK's default.").optional(),
  })
  .meta({ description: "How to deploy into one AWS account." });

export const tenantsFileSchema = z
  .strictObject({
    $schema: z.string().optional().meta({ description: "The JSON Schema of this file, for editors." }),
    clusters: z
      .array(clusterSchema)
      .min(1, { error: "at least one cluster is required" })
      .meta({ description: "The EKS clusters. Each becomes one stack, in cdktf.out/stacks/<name>/." }),
    accounts: z
      .record(ruled(rules.ACCOUNT_ID, "A 12-digit AWS account ID, quoted."), accountSchema)
      .default({})
      .meta({ description: "Deploy roles by account ID: one CI identity assumes each account's role. Clusters are matched by accountId; a cluster whose account has no entry uses the ambient credentials." }),
    state: stateSchema.optional(),
    defaults: defaultsSchema.default({ tags: {}, policyDocuments: "data-source" }),
    tenants: z.array(tenantSchema).default([]).meta({ description: "The teams whose pods get IAM roles." }),
    sharedRoles: z.array(sharedRoleSchema).default([]).meta({ description: "Roles shared by many tenants, one per cluster." }),
    strict: z.boolean().default(false).meta({ description: "Turn every warning into an error." }),
    planBudget: z
      .strictObject({
        cpuSeconds: wholeNumber(rules.PLAN_CPU_BUDGET.min, rules.PLAN_CPU_BUDGET.max, "seconds")
          .default(rules.PLAN_CPU_BUDGET.default)
          .meta({ description: `CPU seconds one stack's terraform plan may take, estimated from the objects in it with costs measured by npm run bench:plan. Left out: ${rules.PLAN_CPU_BUDGET.default}.` }),
      })
      .optional()
      .meta({ description: "validate and npm run stacks warn about a stack whose plan is estimated above this budget, and propose stack groups." }),
  })
  .meta({ title: "EKS Pod Identity tenants file", description: "Clusters and the tenants whose pods get IAM roles on them." });

/** The tenants file as written (defaults not yet applied). */
export type TenantsFileInput = z.input<typeof tenantsFileSchema>;
/** The validated configuration, with every default applied. */
export type Config = z.output<typeof tenantsFileSchema>;
export type Cluster = Config["clusters"][number];
export type Tenant = Config["tenants"][number];
export type AgentConfig = Cluster["agent"];
export type AgentInstall = AgentConfig["install"];
export type Addon = Cluster["addons"][number];
export type Controller = Cluster["controllers"][number];
export type RoleConfig = Tenant["role"];
export type AccountConfig = z.output<typeof accountSchema>;
export type S3State = NonNullable<NonNullable<Config["state"]>["s3"]>;
export type CloudState = NonNullable<NonNullable<Config["state"]>["cloud"]>;
// Defined once in lib/policy, which the constructs use too; the schemas are checked to produce
// exactly these types (__tests__/permission-types.test.ts).
export type { Grant, GrantInput, StatementConfig, StatementInput, Tags } from "../policy/permission-types";
export type SharedRoleConfig = z.output<typeof sharedRoleSchema>;
export type SessionPolicyConfig = z.output<typeof sessionPolicySchema>;

/**
 * What a TypeScript user writes (z.input): fields with a default stay optional. The library
 * exports these as Grant, StatementConfig and SharedRoleConfig (lib/index.ts).
 */
export type SharedRoleInput = z.input<typeof sharedRoleSchema>;
