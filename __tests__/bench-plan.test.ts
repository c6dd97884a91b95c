/**
 * The plan benchmark's pure parts: its arguments, the variants it plans, its input file, its
 * targets and report. Running terraform is `npm run bench:plan`'s job, never `npm test`'s.
 */
import { parsePlanBenchArgs, planTargets, renderPlanReport, splicePlanSection, PLAN_BEGIN, PLAN_END, variantsFor, type PlanRow } from "../bench/plan/report";
import { applyVariant, usesInlinePolicies, type Variant } from "../bench/plan/variants";
import { planTenantsYaml } from "../bench/plan/tenants-file";
import { parse, problemsOf, synthYaml } from "./helpers";

describe("bench:plan arguments", () => {
  it("default to 100, 1,000, 2,000 and 5,000 tenants, and 5,000 in ten groups, one run, no write", () => {
    expect(parsePlanBenchArgs([])).toEqual({ sizes: [100, 1000, 2000, 5000], variants: undefined, groups: [5000, 10], runs: 1, write: false, help: false });
  });

  it("take sizes, variants, groups, runs and --write", () => {
    expect(parsePlanBenchArgs(["--sizes", "10,20", "--variants", "synthesized,no-outputs", "--groups", "40:4", "--runs", "2", "--write"])).toEqual({
      sizes: [10, 20],
      variants: ["synthesized", "no-outputs"],
      groups: [40, 4],
      runs: 2,
      write: true,
      help: false,
    });
    expect(parsePlanBenchArgs(["--groups", "none"]).groups).toBeUndefined();
  });

  it.each([
    [["--sizes", "10,x"], "--sizes takes whole numbers ≥ 1, comma-separated; got \"10,x\""],
    [["--variants", "fast"], '--variants: unknown "fast"; allowed: synthesized, no-outputs, literal-policies, both, per-tenant-outputs'],
    [["--groups", "5:10"], '--groups takes <tenants>:<groups> with at least one tenant per group, or none; got "5:10"'],
    [["--runs", "0"], '--runs takes whole numbers ≥ 1, comma-separated; got "0"'],
    [["--fast"], "unknown option --fast"],
  ])("refuse %j with the usage", (argv, message) => {
    expect(() => parsePlanBenchArgs(argv)).toThrow(`${message}\nusage: npm run bench:plan`);
  });

  it("plan every variant at 1,000 tenants and only what the targets need at 2,000 and 5,000", () => {
    const s = parsePlanBenchArgs([]);
    expect(variantsFor(s, 1000)).toEqual(["synthesized", "no-outputs", "literal-policies", "both", "per-tenant-outputs"]);
    expect(variantsFor(s, 2000)).toEqual(["synthesized", "no-outputs"]);
    expect(variantsFor(s, 300)).toEqual(["synthesized"]);
    expect(variantsFor(parsePlanBenchArgs(["--variants", "both"]), 1000)).toEqual(["both"]);
  });
});

describe("bench:plan variants", () => {
  const trust = {
    statement: [
      {
        sid: "AllowEksAuthToAssumeRoleForPodIdentity",
        effect: "Allow",
        actions: ["sts:AssumeRole", "sts:TagSession"],
        principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
        condition: [
          { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: ["web"] },
          { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: ["${data.aws_eks_cluster.eks_cluster.arn}"] },
        ],
      },
    ],
  };
  const stack = {
    data: { aws_iam_policy_document: { web_trust: trust }, aws_eks_cluster: { eks_cluster: { name: "c" } } },
    resource: { aws_iam_role: { web_role: { name: "web", assume_role_policy: "${data.aws_iam_policy_document.web_trust.json}" } } },
    output: { tenants: { value: { web: { role_arn: "${aws_iam_role.web_role.arn}", role_name: "${aws_iam_role.web_role.name}" } } }, addons: { value: { "vpc-cni": { role_arn: "x" } } } },
  };

  it("plan literal policies from the product's own option, with the outputs removed for both", () => {
    expect(["synthesized", "no-outputs", "literal-policies", "both", "per-tenant-outputs"].filter((v) => usesInlinePolicies(v as Variant))).toEqual(["literal-policies", "both"]);
    expect(applyVariant(stack, "literal-policies")).toBe(stack);
    expect(planTenantsYaml(2, 0, "inline")).toContain("defaults:\n  tags: { owner: platform }\n  policyDocuments: inline\n");
    expect(planTenantsYaml(2)).not.toContain("policyDocuments");
  });

  it("drop the outputs, or spread them into the old per-tenant outputs", () => {
    expect(applyVariant(stack, "no-outputs").output).toBeUndefined();
    expect(applyVariant(stack, "both").output).toBeUndefined();
    expect(applyVariant(stack, "per-tenant-outputs").output).toEqual({
      web_role_arn: { value: "${aws_iam_role.web_role.arn}" },
      web_role_name: { value: "${aws_iam_role.web_role.name}" },
      "addon_vpc-cni_role_arn": { value: "x" },
    });
    expect(applyVariant(stack, "synthesized")).toBe(stack);
  });
});

describe("bench:plan tenants file", () => {
  it("is valid: half the tenants with a bucket grant, half with a managed policy, spread over groups", async () => {
    const yaml = planTenantsYaml(4, 2);
    expect(await problemsOf(yaml)).toEqual([]);
    const stacks = await synthYaml(yaml);
    expect(Object.keys(stacks).sort()).toEqual(["bench-cluster", "bench-cluster-g01", "bench-cluster-g02"]);
    const g01 = parse(stacks["bench-cluster-g01"]!);
    expect(Object.keys(g01.output.tenants.value)).toEqual(["team-00000", "team-00001"]);
    expect(Object.keys(g01.resource.aws_iam_role_policy)).toHaveLength(1);
    expect(Object.keys(g01.resource.aws_iam_role_policy_attachment)).toHaveLength(1);
  });
});

describe("bench:plan report", () => {
  const row = (tenants: number, variant: PlanRow["variant"], cpuS: number): PlanRow => ({ tenants, stacks: 1, variant, run: 1, cpuS, wallS: cpuS / 1.5, peakRssMiB: 700, terraformRssMiB: 400, objects: tenants * 4 });
  const machine = { cpu: "CPU", cores: 2, memoryGiB: 8, terraform: "Terraform v1.11.4", provider: "5.100.0", gogc: "100", load: 1, date: "2026-12-07T01:00:00Z" };

  it("checks the targets from rows of one run", () => {
    expect(planTargets([row(1000, "synthesized", 60), row(1000, "no-outputs", 50), row(2000, "synthesized", 130), row(5000, "synthesized", 400)])).toEqual([
      { name: "1,000 tenants: CPU against the same stack without outputs", target: "≤ 1.25×", measured: "1.20×", pass: true },
      { name: "CPU from 1,000 to 2,000 tenants", target: "≤ 2.4×", measured: "2.17×", pass: true },
      { name: "5,000 tenants in one stack", target: "completes", measured: "400 s CPU", pass: true },
    ]);
    expect(planTargets([row(1000, "synthesized", 120), row(1000, "no-outputs", 50)])[0]!.pass).toBe(false);
    expect(planTargets([])[1]).toEqual({ name: "CPU from 1,000 to 2,000 tenants", target: "≤ 2.4×", measured: "not measured", pass: undefined });
  });

  it("renders one line per run and the targets", () => {
    const report = renderPlanReport([row(1000, "synthesized", 60)], machine);
    expect(report).toContain("| 1,000 | 1 | synthesized | 1 | 4,000 | 60.0 | 40.0 | 700 | 400 |");
    expect(report).toContain("Measured 2026-12-07T01:00:00Z on CPU (2 cores, 8.0 GiB), Terraform v1.11.4, AWS provider 5.100.0, GOGC=100, load 1.00 at the start.");
  });

  it("replaces only what is between its markers", () => {
    const doc = `# B\n\nbefore\n${PLAN_BEGIN}\nold\n${PLAN_END}\nafter\n`;
    expect(splicePlanSection(doc, "new\n")).toBe(`# B\n\nbefore\n${PLAN_BEGIN}\nnew\n${PLAN_END}\nafter\n`);
    expect(splicePlanSection("# B\n", "new\n")).toBe(`# B\n\n## Plan: latest run\n\n${PLAN_BEGIN}\nnew\n${PLAN_END}\n`);
  });
});
