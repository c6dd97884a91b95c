/**
 * What `terraform plan` of one stack costs in CPU time and memory, estimated from the objects in
 * it with per-object costs that the plan benchmark measured (`npm run bench:plan`,
 * docs/benchmarks.md, "Plan time"). Create-only plans without refresh: a refresh adds API calls
 * (lib/plan/plan-cost.ts), not Terraform CPU time.
 *
 * The counts come from the validated file, not from a synthesized stack, so that `validate` can
 * warn without synthesizing; __tests__/plan-time.test.ts proves them equal to what synthesis writes.
 */
import type { Tenant } from "../schema/schema";
import type { ClusterPlan } from "./plan";
import { PLAN_CPU_BUDGET } from "../aws/rules";

export interface PlanObjects {
  /** Managed resources, of every provider. */
  readonly resources: number;
  /** `data.aws_iam_policy_document`: evaluated by the provider, one gRPC round trip each. */
  readonly policyDocuments: number;
  /** Entries of the stack's output maps (tenants, shared roles, controllers, add-ons). */
  readonly outputEntries: number;
}

/**
 * Per-object costs, fitted to `npm run bench:plan` of 2026-12-07 (docs/benchmarks.md, "Plan
 * time"; AMD EPYC, 2 cores, Terraform 1.11.4, AWS provider 5.100.0, GOGC=100). Each benchmark
 * tenant is 3 AWS resources, 1.5 policy documents and 1 output entry.
 * - Per tenant and fixed: a least-squares line through the synthesized stacks' CPU seconds at
 *   100, 1,000 and 2,000 tenants (16.5, 80.7, 164.5 s): 6.6 s + 0.078 s per tenant.
 * - Policy documents: the `literal-policies` variant at 1,000 tenants took 55.0 s against 80.7 s,
 *   25.7 s for 1,500 documents.
 * - Output entries: `no-outputs` at 1,000 tenants took 80.4 s, 0.35 s less for 1,000 entries.
 * - Resources: the rest of a tenant's 0.078 s, over its 3 resources.
 * - Memory: terraform's peak RSS grew from 572 MiB (4,504 objects) to 955 MiB (9,004 objects);
 *   below that the provider process (616-636 MiB at 100 tenants) is the largest.
 * Kubernetes resources could not be measured (the mirror has no Kubernetes provider) and are
 * costed as AWS resources.
 */
export const PLAN_COST = {
  /** Starting terraform and the AWS provider (validate and plan walks), reading the cluster. */
  fixedCpuS: 6.6,
  cpuSPerResource: 0.0173,
  cpuSPerPolicyDocument: 0.0171,
  cpuSPerOutputEntry: 0.0004,
  /** Terraform's own peak RSS: a fixed part and a part per object planned. */
  fixedRssMiB: 190,
  rssMiBPerObject: 0.085,
  /** The AWS provider process's peak, which terraform's passes only in big stacks. */
  providerRssMiB: 640,
} as const;

/** Two minutes of CPU: on the two cores of the machines measured, about a minute of waiting. */
export const DEFAULT_PLAN_CPU_BUDGET_S = PLAN_CPU_BUDGET.default;

export interface PlanEstimate {
  readonly cpuSeconds: number;
  readonly peakRssMiB: number;
}

/**
 * The estimate of a stack holding `o`. With `defaults.policyDocuments: inline` there are no
 * policy document data sources: the documents are literals in the resources, costed with them.
 */
export function estimatePlan(counted: PlanObjects, policyDocuments: "data-source" | "inline" = "data-source"): PlanEstimate {
  const o = policyDocuments === "inline" ? { ...counted, policyDocuments: 0 } : counted;
  const c = PLAN_COST;
  return {
    cpuSeconds: c.fixedCpuS + c.cpuSPerResource * o.resources + c.cpuSPerPolicyDocument * o.policyDocuments + c.cpuSPerOutputEntry * o.outputEntries,
    peakRssMiB: Math.max(c.providerRssMiB, c.fixedRssMiB + c.rssMiBPerObject * (o.resources + o.policyDocuments + o.outputEntries)),
  };
}

export const add = (a: PlanObjects, b: PlanObjects): PlanObjects => ({ resources: a.resources + b.resources, policyDocuments: a.policyDocuments + b.policyDocuments, outputEntries: a.outputEntries + b.outputEntries });
const NONE: PlanObjects = { resources: 0, policyDocuments: 0, outputEntries: 0 };

/**
 * One tenant's objects (stacks/tenant-identities.ts, TenantIdentity): the association, the
 * service account and the smoke test when asked for, its entry in `tenants`; with a role of its
 * own also the role, its trust document, one attachment per managed policy, and the inline policy
 * with its document when grants, statements or a target role need one.
 */
export function tenantObjects(t: Tenant): PlanObjects {
  const own = t.sharedRole === undefined;
  const inline = own && (t.grants.length + t.statements.length > 0 || t.targetRoleArn !== undefined);
  return {
    resources: 1 + (t.createServiceAccount ? 1 : 0) + (t.smokeTest ? 1 : 0) + (own ? 1 + t.managedPolicyArns.length : 0) + (inline ? 1 : 0),
    policyDocuments: own ? 1 + (inline ? 1 : 0) : 0,
    outputEntries: 1,
  };
}

/** The objects of a stack's tenants, with the namespaces it creates (one per name). */
export function tenantsObjects(tenants: ReadonlyArray<{ readonly tenant: Tenant }>): PlanObjects {
  const namespaces = new Set(tenants.filter(({ tenant }) => tenant.createNamespace).map(({ tenant }) => tenant.namespace));
  return tenants.reduce((sum, { tenant }) => add(sum, tenantObjects(tenant)), { ...NONE, resources: namespaces.size });
}

/**
 * A base stack's objects: its tenants, and what is there once per cluster. Shared roles, add-ons
 * and controllers are few, so they are counted by their usual shape, not to the object.
 */
export function baseStackObjects(plan: ClusterPlan): PlanObjects {
  let o = tenantsObjects(plan.tenants);
  for (const { sharedRole: r } of plan.sharedRoles) {
    const inline = r.grants.length + r.statements.length > 0 ? 1 : 0;
    o = add(o, { resources: 1 + r.managedPolicyArns.length + inline, policyDocuments: 1 + inline, outputEntries: 1 });
  }
  // An add-on: role, attachments, aws_eks_addon; its trust document.
  for (const a of plan.addons) o = add(o, { resources: 2 + a.managedPolicyArns.length, policyDocuments: 1, outputEntries: 1 });
  // A controller: role, policy, two attachments, association, service account; trust and policy documents.
  for (const _c of plan.controllers) o = add(o, { resources: 6, policyDocuments: 2, outputEntries: 1 });
  return o;
}
