/**
 * examples/ci/plan-stacks.yml: the GitHub Actions recipe that plans every stack in parallel. It
 * cannot run here (no GitHub, no AWS), so this checks its shape and that the commands it runs
 * exist and print what it reads.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { ROOT } from "./run";

type Step = { run?: string; uses?: string; with?: Record<string, unknown>; "working-directory"?: string; id?: string };
type Job = { needs?: string; outputs?: Record<string, string>; strategy?: { matrix: Record<string, string>; "fail-fast"?: boolean; "max-parallel"?: number }; steps: Step[] };
const workflow = parse(readFileSync(join(ROOT, "examples", "ci", "plan-stacks.yml"), "utf8")) as { jobs: Record<string, Job> };
const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;

it("lives outside .github/, so that it does not run in this repository", () => {
  expect(() => readFileSync(join(ROOT, ".github", "workflows", "plan-stacks.yml"))).toThrow();
});

it("installs with npm ci, synthesizes, and lists the stacks as JSON for the matrix", () => {
  const runs = workflow.jobs.synth!.steps.map((s) => s.run).filter((r): r is string => r !== undefined);
  expect(runs.slice(0, 2)).toEqual(["npm ci", "npm run synth"]);
  expect(runs[2]).toContain("npm run -s stacks -- --format json | jq -c '[.stacks[].name]'");
  expect(workflow.jobs.synth!.outputs).toEqual({ stacks: "${{ steps.list.outputs.stacks }}" });
  for (const script of ["synth", "stacks"]) expect(scripts[script]).toBeDefined();
});

it("plans each stack in its own job of a matrix, in the stack's folder", () => {
  const plan = workflow.jobs.plan!;
  expect(plan.needs).toBe("synth");
  expect(plan.strategy!.matrix).toEqual({ stack: "${{ fromJSON(needs.synth.outputs.stacks) }}" });
  expect(plan.strategy!["fail-fast"]).toBe(false);
  const step = plan.steps.find((s) => s.run?.includes("terraform plan"))!;
  expect(step["working-directory"]).toBe("cdktf.out/stacks/${{ matrix.stack }}");
  expect(step.run).toBe("terraform init -input=false\nterraform plan -input=false\n");
});

it("fails a pull request that moves a tenant between stacks without recording the move", () => {
  const step = workflow.jobs.synth!.steps.find((s) => s.run?.includes("--base"))!;
  expect(step.run).toContain('git show "FETCH_HEAD:$TENANTS_FILE" > "$RUNNER_TEMP/deployed.yaml"');
  expect(step.run).toContain('npm run -s stacks -- --base "$RUNNER_TEMP/deployed.yaml"');
});
