/**
 * The plan-time estimate counts from the file exactly the objects synthesis writes: every
 * resource, every policy document and every output entry, for each stack of the examples and of
 * the plan benchmark's file. What is there once per cluster (the agent, the cluster look-up) is
 * in the fixed cost.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { planTenantsYaml } from "../bench/plan/tenants-file";
import { planStacks } from "../lib/plan/stack-plan";
import { baseStackObjects, estimatePlan, PLAN_COST, tenantsObjects, type PlanObjects } from "../lib/plan/plan-time";
import { configOf, parse, synthYaml, type Json } from "./helpers";

/** What a stack holds beyond its identities: the agent (add-on or chart), and nothing else that is a resource. */
const AGENT = new Set(["aws_eks_addon.pod_identity_agent_addon_642A3B0D"]);

function countsOf(stack: Json): PlanObjects {
  let resources = 0;
  for (const [type, byName] of Object.entries<Json>(stack.resource ?? {})) resources += Object.keys(byName).filter((n) => !AGENT.has(`${type}.${n}`) && type !== "helm_release").length;
  const policyDocuments = Object.keys(stack.data?.aws_iam_policy_document ?? {}).length;
  const outputEntries = Object.values<Json>(stack.output ?? {}).reduce((n, o) => n + Object.keys(o.value).length, 0);
  return { resources, policyDocuments, outputEntries };
}

async function compare(yaml: string): Promise<Array<[string, PlanObjects, PlanObjects]>> {
  const config = await configOf(yaml);
  const stacks = await synthYaml(yaml);
  return planStacks(config).flatMap(({ base, groups }) => [
    [base.cluster.name, baseStackObjects(base), countsOf(parse(stacks[base.cluster.name]!))] as [string, PlanObjects, PlanObjects],
    ...groups.map((g) => [g.stackName, tenantsObjects(g.tenants), countsOf(parse(stacks[g.stackName]!))] as [string, PlanObjects, PlanObjects]),
  ]);
}

describe("plan-time object counts", () => {
  it.each(["tenants.yaml", "examples/multi-cluster.yaml", "examples/least-privilege.yaml", "examples/stack-groups.yaml", "examples/agent-modes-and-addons.yaml"])("equal what %s synthesizes, stack by stack", async (file) => {
    const rows = await compare(readFileSync(join(__dirname, "..", file), "utf8"));
    expect(rows.length).toBeGreaterThan(0);
    for (const [name, estimated, synthesized] of rows) expect([name, estimated]).toEqual([name, synthesized]);
  });

  it("equal what the plan benchmark's file synthesizes, in one stack and in groups", async () => {
    for (const [name, estimated, synthesized] of [...(await compare(planTenantsYaml(6))), ...(await compare(planTenantsYaml(6, 3)))]) expect([name, estimated]).toEqual([name, synthesized]);
  });
});

describe("estimatePlan", () => {
  it("adds the measured cost of each object to the fixed cost", () => {
    const e = estimatePlan({ resources: 1000, policyDocuments: 500, outputEntries: 250 });
    expect(e.cpuSeconds).toBeCloseTo(PLAN_COST.fixedCpuS + 1000 * PLAN_COST.cpuSPerResource + 500 * PLAN_COST.cpuSPerPolicyDocument + 250 * PLAN_COST.cpuSPerOutputEntry, 9);
    expect(e.peakRssMiB).toBeCloseTo(Math.max(PLAN_COST.providerRssMiB, PLAN_COST.fixedRssMiB + 1750 * PLAN_COST.rssMiBPerObject), 9);
    expect(estimatePlan({ resources: 30000, policyDocuments: 15000, outputEntries: 10000 }).peakRssMiB).toBeCloseTo(PLAN_COST.fixedRssMiB + 55000 * PLAN_COST.rssMiBPerObject, 9);
    expect(estimatePlan({ resources: 3, policyDocuments: 1, outputEntries: 1 }).peakRssMiB).toBe(PLAN_COST.providerRssMiB);
  });

  it("costs no policy documents with defaults.policyDocuments: inline, where the stack has none", async () => {
    const o = { resources: 3000, policyDocuments: 1500, outputEntries: 1000 };
    expect(estimatePlan(o, "inline")).toEqual(estimatePlan({ ...o, policyDocuments: 0 }));
    expect(estimatePlan(o, "data-source").cpuSeconds - estimatePlan(o, "inline").cpuSeconds).toBeCloseTo(1500 * PLAN_COST.cpuSPerPolicyDocument, 9);
    const stacks = await synthYaml(planTenantsYaml(6, 0, "inline"));
    expect(Object.values(stacks).map((s) => countsOf(parse(s)).policyDocuments)).toEqual([0]);
  });

  it("grows linearly: twice the objects cost twice the variable part", () => {
    const one = estimatePlan({ resources: 3000, policyDocuments: 1500, outputEntries: 1000 }).cpuSeconds - PLAN_COST.fixedCpuS;
    const two = estimatePlan({ resources: 6000, policyDocuments: 3000, outputEntries: 2000 }).cpuSeconds - PLAN_COST.fixedCpuS;
    expect(two / one).toBeCloseTo(2, 9);
  });
});
