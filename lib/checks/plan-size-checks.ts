/**
 * Warns when one stack's `terraform plan` is expected to cost more CPU time than the budget
 * (`planBudget.cpuSeconds`, default DEFAULT_PLAN_CPU_BUDGET_S), from the per-object costs the plan
 * benchmark measured (plan-time.ts), and proposes a concrete split into stack groups: tenants
 * in name order, as many per group as fit the budget beside a stack's fixed cost.
 */
import { associationsOn } from "./name-and-quota-checks";
import { landsOn, type TenantPlan } from "../plan/plan";
import { warning, type Finding } from "../diagnostics/problems";
import { baseStackObjects, DEFAULT_PLAN_CPU_BUDGET_S, estimatePlan, PLAN_COST, tenantObjects, tenantsObjects, type PlanEstimate } from "../plan/plan-time";
import { ASSOCIATIONS_PER_CLUSTER, STACK_GROUP } from "../aws/rules";
import type { Config } from "../schema/schema";

type PolicyDocumentsMode = Config["defaults"]["policyDocuments"];
import { planStacks } from "../plan/stack-plan";

/** Group names shown in full; the rest are summed up. */
const SHOWN_GROUPS = 6;

const formatNumber = (x: number) => x.toLocaleString("en-US");

/** Whole seconds, or tenths below 100 s, so that an estimate just over a small budget does not read as equal to it. */
export const formatSeconds = (s: number): string => (s < 100 ? String(Math.round(s * 10) / 10) : formatNumber(Math.round(s)));

export interface Split {
  readonly group: string;
  readonly first: string;
  readonly last: string;
  readonly tenants: number;
}

/**
 * Tenants in name order, cut into runs that each fit `capacity` CPU seconds. `name(i)` names the
 * i-th group (from 1).
 */
export function proposeSplit(movable: ReadonlyArray<TenantPlan>, capacity: number, name: (i: number) => string, mode: PolicyDocumentsMode = "data-source"): Split[] {
  const sorted = [...movable].sort((a, b) => (a.tenant.name < b.tenant.name ? -1 : 1));
  const groups: Array<{ names: string[]; cost: number }> = [];
  for (const { tenant } of sorted) {
    const cost = estimatePlan(tenantObjects(tenant), mode).cpuSeconds - PLAN_COST.fixedCpuS;
    const last = groups.at(-1);
    if (last && last.cost + cost <= capacity) {
      last.names.push(tenant.name);
      last.cost += cost;
    } else groups.push({ names: [tenant.name], cost });
  }
  return groups.map((g, i) => ({ group: name(i + 1), first: g.names[0]!, last: g.names.at(-1)!, tenants: g.names.length }));
}

function describeSplit(split: ReadonlyArray<Split>): string {
  const shown = split.slice(0, SHOWN_GROUPS).map((s) => `${s.group} for ${s.first === s.last ? s.first : `${s.first} … ${s.last}`} (${formatNumber(s.tenants)})`);
  const rest = split.length - shown.length;
  return `${shown.join(", ")}${rest > 0 ? `, and ${rest} more group${rest === 1 ? "" : "s"} in the same way` : ""}`;
}

/** The warning for one stack, or undefined when its plan fits the budget. */
export function planSizeMessage(
  stack: { name: string; tenants: ReadonlyArray<TenantPlan>; movable: ReadonlyArray<TenantPlan>; group?: string },
  estimate: PlanEstimate,
  budget: number,
  mode: PolicyDocumentsMode = "data-source",
): string | undefined {
  if (estimate.cpuSeconds <= budget) return undefined;
  const head = `stack ${JSON.stringify(stack.name)}: its plan is estimated at ${formatSeconds(estimate.cpuSeconds)} s of CPU and ${formatNumber(Math.round(estimate.peakRssMiB))} MiB (${formatNumber(stack.tenants.length)} tenants, at the per-object costs npm run bench:plan measured), above the budget of ${formatNumber(budget)} s (planBudget.cpuSeconds)`;
  const staying = estimate.cpuSeconds - (estimatePlan(tenantsObjects(stack.movable), mode).cpuSeconds - PLAN_COST.fixedCpuS);
  const capacity = budget - PLAN_COST.fixedCpuS;
  if (stack.movable.length === 0 || capacity <= 0 || staying > budget) return `${head}; what must stay in it (shared roles and their members, add-ons, controllers) is over the budget already`;
  const name = (i: number) => {
    const own = stack.group !== undefined && i === 1 ? stack.group : `${stack.group ?? "part"}-${i}`;
    return STACK_GROUP.pattern.test(own) ? own : `part-${i}`;
  };
  const split = proposeSplit(stack.movable, capacity, name, mode);
  return `${head}; split it into ${split.length} stack groups with tenants[].stack: ${describeSplit(split)}`;
}

/**
 * One warning per stack over the budget: at the cluster's name for a base stack, at the group's
 * first tenant's stack otherwise. None for a cluster over the association quota: that is an error
 * already (name-and-quota-checks.ts), and no split into stacks would fix it.
 */
export function planSizeFindings(config: Config): Finding[] {
  const budget = config.planBudget?.cpuSeconds ?? DEFAULT_PLAN_CPU_BUDGET_S;
  const mode = config.defaults.policyDocuments;
  return planStacks(config).flatMap(({ base, groups }) => {
    if (associationsOn(config, base.cluster) > ASSOCIATIONS_PER_CLUSTER) return [];
    const c = config.clusters.findIndex((x) => x.name === base.cluster.name);
    const findings: Finding[] = [];
    const movable = base.tenants.filter((t) => t.tenant.sharedRole === undefined);
    const baseMessage = planSizeMessage({ name: base.cluster.name, tenants: base.tenants, movable }, estimatePlan(baseStackObjects(base), mode), budget, mode);
    if (baseMessage) findings.push(warning(["clusters", c, "name"], baseMessage));
    for (const g of groups) {
      const message = planSizeMessage({ name: g.stackName, tenants: g.tenants, movable: g.tenants, group: g.group }, estimatePlan(tenantsObjects(g.tenants), mode), budget, mode);
      const j = config.tenants.findIndex((t) => t.stack === g.group && t.sharedRole === undefined && landsOn(t, base.cluster.name));
      if (message) findings.push(warning(["tenants", j, "stack"], message));
    }
    return findings;
  });
}
