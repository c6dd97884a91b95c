/**
 * The shapes of a stack's AWS part that the plan benchmark compares, made from the same
 * synthesized stack so that only the measured difference differs:
 * - `synthesized`: as the app writes it;
 * - `no-outputs`: every output removed, the floor the outputs are measured against;
 * - `literal-policies`: each `aws_iam_policy_document` data source replaced by its policy as a
 *   JSON template string in the resource that used it (references such as the cluster's ARN stay
 *   interpolations), to measure what the data sources cost;
 * - `both`: no outputs and literal policies;
 * - `per-tenant-outputs`: the outputs as they were before one map per kind: one output per entry
 *   and attribute (`<tenant>_role_arn`, `shared_<role>_role_arn`, ...), for before/after runs.
 */
import type { Json } from "./aws-part";

export const VARIANTS = ["synthesized", "no-outputs", "literal-policies", "both", "per-tenant-outputs"] as const;
export type Variant = (typeof VARIANTS)[number];

/** The old output names' prefixes, by map output. */
const OLD_PREFIX: Readonly<Record<string, string>> = { tenants: "", shared_roles: "shared_", controllers: "controller_", addons: "addon_" };

/** A one-element list as its element, as the AWS provider writes policy documents. */
const one = (xs: ReadonlyArray<string>): string | string[] => (xs.length === 1 ? xs[0]! : [...xs]);

/**
 * A policy document data source's arguments as IAM JSON. Every string stays a Terraform template
 * (`$${` escapes, `${...}` references), and JSON's quoting never touches those.
 */
export function literalPolicy(document: Json): Json {
  const statements = ((document.statement ?? []) as Json[]).map((s) => {
    const out: Json = {};
    if (s.sid !== undefined) out.Sid = s.sid;
    out.Effect = s.effect ?? "Allow";
    if (s.actions) out.Action = one(s.actions as string[]);
    if (s.not_actions) out.NotAction = one(s.not_actions as string[]);
    if (s.resources) out.Resource = one(s.resources as string[]);
    if (s.not_resources) out.NotResource = one(s.not_resources as string[]);
    if (s.principals) out.Principal = Object.fromEntries((s.principals as Json[]).map((p) => [p.type, one(p.identifiers as string[])]));
    if (s.condition) {
      const condition: Json = {};
      for (const c of s.condition as Json[]) (condition[c.test] ??= {})[c.variable] = one(c.values as string[]);
      out.Condition = condition;
    }
    return out;
  });
  return { Version: document.version ?? "2012-10-17", Statement: statements };
}

function withLiteralPolicies(json: Json): Json {
  const documents = (json.data?.aws_iam_policy_document ?? {}) as Json;
  const literal = new Map(Object.entries(documents).map(([name, d]) => [`\${data.aws_iam_policy_document.${name}.json}`, JSON.stringify(literalPolicy(d as Json))]));
  const replace = (v: unknown): unknown => {
    if (typeof v === "string") return literal.get(v) ?? v;
    if (Array.isArray(v)) return v.map(replace);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x)]));
    return v;
  };
  const data = { ...json.data };
  delete data.aws_iam_policy_document;
  const out: Json = { ...json, resource: replace(json.resource), data };
  if (Object.keys(data).length === 0) delete out.data;
  const left = JSON.stringify(out).match(/data\.aws_iam_policy_document\.[^.}]+/);
  if (left) throw new Error(`literal-policies: ${left[0]} is used other than as a whole .json value`);
  return out;
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
      return withLiteralPolicies(json);
    case "both":
      return withLiteralPolicies(withoutOutputs(json));
    case "per-tenant-outputs":
      return perTenantOutputs(json);
  }
}
