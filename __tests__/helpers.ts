/** Shared test helpers: synthesize from YAML text or from a construct, and parse the JSON. */
import { App, Testing, TerraformStack } from "cdktf";
import { parseTenantsText, type LoadResult } from "../lib/file/load";
import { formatProblem } from "../lib/diagnostics/problems";
import type { Config } from "../lib/schema/schema";
import { buildStacks } from "../stacks/build-stacks";

export type Json = Record<string, any>;

export function load(yaml: string, file = "tenants.yaml"): Promise<LoadResult> {
  return parseTenantsText(yaml, file, file.endsWith(".json") ? "json" : "yaml");
}

/** The validated config, failing the test with every problem when the text is invalid. */
export async function configOf(yaml: string): Promise<Config> {
  const r = await load(yaml);
  if (!r.config) throw new Error(`expected a valid file, got:\n${r.problems.map(formatProblem).join("\n")}`);
  return r.config;
}

/** The problem lines a file produces, as validate prints them. */
export async function problemsOf(yaml: string, file = "tenants.yaml"): Promise<string[]> {
  return (await load(yaml, file)).problems.map(formatProblem);
}

/** Each cluster's stack as `Testing.synth` renders it: a string for the matchers. */
export async function synthYaml(yaml: string): Promise<Record<string, string>> {
  const app = Testing.app();
  const stacks = buildStacks(app as App, await configOf(yaml));
  return Object.fromEntries(stacks.map((s) => [s.node.id, Testing.synth(s)]));
}

export function parse(synth: string): Json {
  return JSON.parse(synth) as Json;
}

/** The resources of one type in a synthesized stack, by logical ID. */
export function resources(synth: string, type: string): Record<string, Json> {
  return (parse(synth).resource?.[type] ?? {}) as Record<string, Json>;
}

export function dataSources(synth: string, type: string): Record<string, Json> {
  return (parse(synth).data?.[type] ?? {}) as Record<string, Json>;
}

/** The single resource of a type whose construct path ends with `pathSuffix`. */
export function only(synth: string, type: string): Json {
  const all = Object.values(resources(synth, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0]!;
}

export function stackOf(build: (stack: TerraformStack) => void): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  build(stack);
  return Testing.synth(stack);
}

export const SEED_YAML = `
clusters:
  - name: demo-cluster
    region: us-east-1
tenants:
  - name: nginx
    namespace: nginx
    serviceAccount: nginx-sa
    role: { name: nginx-s3-access-role }
    managedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess]
`;
