/**
 * The shapes of a stack's AWS part that the plan benchmark compares, made from the same
 * synthesized stack so that only the measured difference differs:
 * - `synthesized`: as the app writes it;
 * - `no-outputs`: every output removed, the floor the outputs are measured against;
 * - `literal-policies`: the same tenants file with `defaults.policyDocuments: inline`, which
 *   writes each policy as the literal JSON its `aws_iam_policy_document` would produce, to
 *   measure what the data sources cost;
 * - `both`: no outputs and literal policies;
 * - `per-tenant-outputs`: the outputs as they were before one map per kind: one output per entry
 *   and attribute (`<tenant>_role_arn`, `shared_<role>_role_arn`, ...), for before/after runs.
 */
import type { Json } from "./aws-part";

export const VARIANTS = ["synthesized", "no-outputs", "literal-policies", "both", "per-tenant-outputs"] as const;
export type Variant = (typeof VARIANTS)[number];

/** The old output names' prefixes, by map output. */
const OLD_PREFIX: Readonly<Record<string, string>> = { tenants: "", shared_roles: "shared_", controllers: "controller_", addons: "addon_" };

/** The variants planned from a synthesis with `defaults.policyDocuments: inline`: the product's own option, not a rewrite of its output. */
export function usesInlinePolicies(variant: Variant): boolean {
  return variant === "literal-policies" || variant === "both";
}

function perTenantOutputs(json: Json): Json {
  const output: Json = {};
  for (const [name, o] of Object.entries((json.output ?? {}) as Json)) {
    const prefix = OLD_PREFIX[name];
    if (prefix === undefined) {
      output[name] = o;
      continue;
    }
    for (const [key, entry] of Object.entries((o as Json).value as Json)) {
      for (const [what, value] of Object.entries(entry as Json)) output[`${prefix}${key.replace(/[^A-Za-z0-9_-]/g, "_")}_${what}`] = { value };
    }
  }
  return { ...json, output };
}

function withoutOutputs(json: Json): Json {
  const { output: _output, ...rest } = json;
  return rest;
}

export function applyVariant(json: Json, variant: Variant): Json {
  switch (variant) {
    case "synthesized":
      return json;
    case "no-outputs":
      return withoutOutputs(json);
    case "literal-policies":
      return json;
    case "both":
      return withoutOutputs(json);
    case "per-tenant-outputs":
      return perTenantOutputs(json);
  }
}
