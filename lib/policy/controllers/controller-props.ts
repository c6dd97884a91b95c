/**
 * A controller entry as ControllerIdentity takes it (controller-types.ts, ControllerInput):
 * checked and completed with the defaults the tenants file's controller schema applies, without
 * that schema. __tests__/controller-types.test.ts keeps the defaults equal to the schema's.
 */
import * as rules from "../../aws/rules";
import type { FieldPath } from "../../diagnostics/problems";
import { quote } from "../../diagnostics/quote";
import { didYouMean } from "../../diagnostics/suggest";
import { CONTROLLER_NAMES, type ControllerConfig, type ControllerInput, type ControllerName, type ControllerOptions } from "./controller-types";

/** One option: a list of values of a rule (required or not), one optional ARN, or a flag that defaults to false. */
type OptionSpec = { readonly kind: "list"; readonly rule: rules.Rule; readonly required: boolean } | { readonly kind: "one"; readonly rule: rules.Rule } | { readonly kind: "flag" };

const arns = { kind: "list", rule: rules.RESOURCE_ARN, required: true } as const;
const optionalArns = { kind: "list", rule: rules.RESOURCE_ARN, required: false } as const;
const flag = { kind: "flag" } as const;

/** Each controller's options, as the schema declares them (lib/schema/controller-schema.ts). */
export const OPTION_SPECS: { readonly [N in ControllerName]: { readonly [K in keyof ControllerOptions[N]]-?: OptionSpec } } = {
  "aws-load-balancer-controller": { targetGroupArns: optionalArns },
  "external-dns": { hostedZoneArns: arns },
  "cert-manager": { hostedZoneArns: arns },
  "cluster-autoscaler": { clusterNames: { kind: "list", rule: rules.CLUSTER_NAME, required: false } },
  karpenter: { nodeRoleArns: { kind: "list", rule: rules.ROLE_ARN, required: true }, interruptionQueueArn: { kind: "one", rule: rules.RESOURCE_ARN } },
  "external-secrets": { secretsManagerArns: optionalArns, ssmParameterArns: optionalArns, kmsKeyArns: optionalArns, createSecrets: flag, findParameters: flag },
  velero: { bucketArns: arns, bucketPathArns: arns, kmsKeyArns: optionalArns },
  "aws-mountpoint-s3-csi-driver": { bucketArns: arns, bucketPathArns: arns },
  "aws-node-termination-handler": { sqsQueueArns: arns },
  "aws-privateca-issuer": { certificateAuthorityArns: arns },
  "amazon-managed-prometheus": { workspaceArns: arns },
  "aws-ebs-csi-driver": { kmsKeyArns: optionalArns },
  "aws-efs-csi-driver": {},
  "aws-fsx-csi-driver": {},
  "aws-gateway-api-controller": {},
  "aws-for-fluent-bit": { logGroupArns: arns, putRetentionPolicy: flag },
  keda: { sqsQueueArns: optionalArns, assumeRoleArns: { kind: "list", rule: rules.ROLE_ARN, required: false } },
};

const COMMON_KEYS = ["name", "namespace", "serviceAccount", "createNamespace", "createServiceAccount", "smokeTest", "role"];
const ROLE_KEYS = ["name", "path", "permissionsBoundaryArn", "maxSessionDuration"];

export interface ControllerPropProblem {
  /** Under the controller entry, such as ["hostedZoneArns", 0]. */
  readonly field: FieldPath;
  readonly message: string;
}

const isKnown = (name: unknown): name is ControllerName => typeof name === "string" && (CONTROLLER_NAMES as ReadonlyArray<string>).includes(name);

/** Every problem of the entry's shape: its name, unknown keys, each option's values. */
export function controllerInputProblems(input: ControllerInput): ControllerPropProblem[] {
  const entry = input as unknown as Record<string, unknown>;
  const name = entry.name;
  if (name === undefined) return [{ field: ["name"], message: `a controller needs a name: ${CONTROLLER_NAMES.join(", ")}` }];
  if (!isKnown(name)) return [{ field: ["name"], message: `${JSON.stringify(name)} is not a known controller${typeof name === "string" ? didYouMean(name, CONTROLLER_NAMES) : ""}; known controllers: ${CONTROLLER_NAMES.join(", ")}` }];
  const specs = OPTION_SPECS[name] as Readonly<Record<string, OptionSpec>>;
  const out: ControllerPropProblem[] = [];
  const allowed = [...COMMON_KEYS, ...Object.keys(specs)];
  for (const key of Object.keys(entry)) {
    if (allowed.includes(key)) continue;
    const owners = CONTROLLER_NAMES.filter((n) => Object.hasOwn(OPTION_SPECS[n], key));
    const what = owners.length > 0 ? `${quote(key)} is an option of ${owners.join(", ")}, not of ${name}` : `unknown key ${quote(key)}${didYouMean(key, allowed)}`;
    out.push({ field: [key], message: `${what}; allowed keys: ${allowed.join(", ")}` });
  }
  for (const [key, rule] of [["namespace", rules.NAMESPACE], ["serviceAccount", rules.SERVICE_ACCOUNT]] as const) {
    const m = entry[key] === undefined ? undefined : rules.violation(rule, entry[key]);
    if (m) out.push({ field: [key], message: m });
  }
  for (const key of ["createNamespace", "createServiceAccount", "smokeTest"]) if (entry[key] !== undefined && typeof entry[key] !== "boolean") out.push({ field: [key], message: "expected true or false" });
  const role = entry.role as Record<string, unknown> | undefined;
  for (const key of Object.keys(role ?? {})) if (!ROLE_KEYS.includes(key)) out.push({ field: ["role", key], message: `unknown key ${quote(key)}; allowed keys: ${ROLE_KEYS.join(", ")}` });
  for (const [option, spec] of Object.entries(specs)) out.push(...optionProblems(name, option, spec, entry[option]));
  return out;
}

function optionProblems(controller: ControllerName, option: string, spec: OptionSpec, value: unknown): ControllerPropProblem[] {
  if (spec.kind === "flag") return value === undefined || typeof value === "boolean" ? [] : [{ field: [option], message: "expected true or false" }];
  if (value === undefined) return spec.kind === "list" && spec.required ? [{ field: [option], message: `${controller} needs ${option}` }] : [];
  if (spec.kind === "one") {
    const m = value === "" ? `${option} is empty; give ${controller} an ARN, or leave ${option} out` : rules.violation(spec.rule, value);
    return m ? [{ field: [option], message: m }] : [];
  }
  if (!Array.isArray(value)) return [{ field: [option], message: `expected a list: ${spec.rule.allowed}` }];
  if (value.length === 0) return [{ field: [option], message: spec.required ? `${option} is empty; ${controller} needs ${option}` : `${option} is empty; list at least one, or leave ${option} out` }];
  return value.flatMap((v, i) => {
    const m = rules.violation(spec.rule, v);
    return m ? [{ field: [option, i], message: m }] : [];
  });
}

/** The entry with the schema's defaults: flags false, the role at path / for one hour. */
export function completeController(input: ControllerInput): ControllerConfig {
  const specs = OPTION_SPECS[input.name] as Readonly<Record<string, OptionSpec>>;
  const flags = Object.fromEntries(Object.entries(specs).filter(([, s]) => s.kind === "flag").map(([k]) => [k, false]));
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const role = { path: "/", maxSessionDuration: rules.SESSION_DURATION.min, ...Object.fromEntries(Object.entries(input.role ?? {}).filter(([, v]) => v !== undefined)) };
  return { createNamespace: false, createServiceAccount: false, smokeTest: false, ...flags, ...given, role } as ControllerConfig;
}
