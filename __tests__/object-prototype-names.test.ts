/**
 * No key crashes the loader: every name of Object.prototype (and `__proto__`), written as a
 * mapping key at every place of the file where a mapping is written, gives located problems or
 * is accepted and kept exactly as written, into the synthesized JSON. The places come from the
 * schema (schema-maps.ts), so a field added later is covered too. The same names written as
 * values (names, ARNs) never crash either, and nothing of the file reaches Object.prototype.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseDocument, stringify } from "yaml";
import { App, Testing } from "cdktf";
import { everyMapping } from "./every-mapping";
import { load, parse } from "./helpers";
import { mapPlaces, withKey, withKeys, type MapPlace } from "./schema-maps";
import { ROOT } from "./run";
import { tempDir } from "./temp-dir";
import { formatProblem, type Problem } from "../lib/diagnostics/problems";
import { tenantsFileSchema } from "../lib/schema/schema";
import { buildStacks } from "../stacks/build-stacks";

type Seg = string | number;
const NAMES = [...new Set([...Object.getOwnPropertyNames(Object.prototype), "__proto__"])].sort();
const EXAMPLE = everyMapping();
const PLACES = mapPlaces(tenantsFileSchema, EXAMPLE);
const show = (p: { path: Seg[] }) => (p.path.length === 0 ? "the top level" : p.path.join("."));

/** What a crash through a lookup by a file's key could have written: Object's and Object.prototype's own names. */
const globals = () => [Object, Object.prototype, Function.prototype].map((o) => Object.getOwnPropertyNames(o).sort().join());
const GLOBALS = globals();
afterEach(() => expect(globals()).toEqual(GLOBALS));

/** The line and column of the key `name` in the mapping at `path`, from the YAML text itself. */
function keyPosition(text: string, path: Seg[], name: string): [number, number] {
  let node: unknown = parseDocument(text).contents;
  for (const seg of path) node = (node as { get(k: unknown, keep: true): unknown }).get(seg, true);
  const pair = (node as { items: Array<{ key: { value: unknown; range: [number] } }> }).items.find((p) => p.key.value === name)!;
  const before = text.slice(0, pair.key.range[0]).split("\n");
  return [before.length, before[before.length - 1]!.length + 1];
}

const under = (path: ReadonlyArray<unknown>, prefix: ReadonlyArray<unknown>) => prefix.every((seg, i) => String(path[i]) === String(seg));

/** The value at `path` of the validated config, through own keys only. */
function at(config: unknown, path: Seg[]): unknown {
  let node = config;
  for (const seg of path) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, seg)) return undefined;
    node = (node as Record<Seg, unknown>)[seg];
  }
  return node;
}

function expectLocated(problems: Problem[]) {
  for (const p of problems) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.col).toBeGreaterThanOrEqual(1);
    expect(formatProblem(p)).toMatch(/^(warning: )?tenants\.yaml:\d+:\d+: \S/);
    // A lookup by the file's text that found Object.prototype's member would show its source.
    expect(p.message).not.toMatch(/\[native code\]|\[object |function \w*\(/);
  }
}

const errors = (problems: Problem[]) => problems.filter((p) => p.severity === "error");
const valueFor = (place: MapPlace) => (place.kind === "record" && place.sample !== undefined ? place.sample : "x");

it("the example is valid and reaches every kind of mapping at every level", async () => {
  const r = await load(stringify(EXAMPLE));
  expect(errors(r.problems).map(formatProblem)).toEqual([]);
  expect([...new Set(PLACES.map((p) => p.kind))].sort()).toEqual(["free", "object", "record"]);
  const shown = PLACES.map(show);
  for (const level of [
    "the top level",
    "clusters.0",
    "clusters.0.agent",
    "clusters.1.agent.chart",
    "clusters.0.agent.configurationValues.agent.additionalArgs",
    "clusters.0.addons.0.role",
    "state.s3",
    "state.cloud",
    "defaults.tags",
    "tenants.0",
    "tenants.0.serviceAccountLabels",
    "tenants.0.grants.6.kms",
    "tenants.0.statements.0.conditions",
    "tenants.0.statements.0.conditions.StringEquals",
    "tenants.0.irsa",
    "sharedRoles.0.tags",
  ]) {
    expect(shown).toContain(level);
  }
  // Each controller's options, and its role, are places of their own.
  expect(PLACES.filter((p) => p.path[2] === "controllers" && p.path.length === 4)).toHaveLength(17);
  expect(PLACES.filter((p) => p.path[2] === "controllers" && p.path[4] === "role")).toHaveLength(17);
});

/**
 * The names each place keeps: a file with every name as a key at that place, and, when the place
 * refuses some (a label key may not start with '_'), a file with the others.
 */
const keptAt = new Map<MapPlace, Promise<string[]>>();
function keptNames(place: MapPlace, refused: ReadonlyArray<string>): Promise<string[]> {
  if (!keptAt.has(place)) keptAt.set(place, Promise.resolve(NAMES.filter((n) => !refused.includes(n))));
  return keptAt.get(place)!;
}

describe("every name of Object.prototype as a key", () => {
  it.each(PLACES.map((p) => [show(p), p] as const))("in %s: located problems at the key, or kept as written", async (_label, place) => {
    const value = valueFor(place);
    const text = stringify(withKeys(EXAMPLE, place, NAMES, value));
    const { problems } = await load(text);
    expectLocated(problems);
    const refused: string[] = [];
    for (const name of NAMES) {
      const mine = errors(problems).filter((p) => under(p.path, [...place.path, name]));
      if (place.kind === "object" || name === "__proto__") {
        // Not a key of this mapping, or not a key JavaScript can keep: an error at the key itself.
        expect([name, mine.map((p) => [p.line, p.col])]).toEqual([name, expect.arrayContaining([keyPosition(text, place.path, name)])]);
      }
      if (mine.length > 0) refused.push(name);
    }
    if (place.kind === "object" || place.seeds.length > 0) return;
    // The user's own keys: those not refused are kept, each with its value.
    const kept = await keptNames(place, refused);
    const { config, problems: again } = await load(stringify(withKeys(EXAMPLE, place, kept, value)));
    expect(errors(again).map(formatProblem)).toEqual([]);
    for (const name of kept) {
      expect([name, Object.hasOwn(at(config, place.path) as object, name)]).toEqual([name, true]);
      expect(at(config, [...place.path, name])).toEqual(value);
    }
  });
});

it("every such key accepted in the user's mappings reaches the synthesized JSON as written", async () => {
  let doc: unknown = EXAMPLE;
  const kept: Array<{ place: MapPlace; name: string }> = [];
  for (const place of PLACES.filter((p) => p.kind !== "object" && p.seeds.length === 0)) {
    // The names the test above found kept (or, run alone, the names with no problem at their key).
    if (!keptAt.has(place)) {
      const { problems } = await load(stringify(withKeys(EXAMPLE, place, NAMES, valueFor(place))));
      await keptNames(place, NAMES.filter((n) => errors(problems).some((p) => under(p.path, [...place.path, n]))));
    }
    for (const name of await keptAt.get(place)!) {
      doc = withKey(doc, place, name, valueFor(place));
      kept.push({ place, name });
    }
  }
  const r = await load(stringify(doc));
  expect(errors(r.problems).map(formatProblem)).toEqual([]);
  const stacks = Object.fromEntries(buildStacks(Testing.app() as App, r.config!).map((s) => [s.node.id, parse(Testing.synth(s))]));
  const demo = stacks.demo!;
  const role = (id: string) => Object.entries(demo.resource.aws_iam_role as Record<string, { tags: Record<string, string> }>).find(([k]) => k.startsWith(id))![1].tags;
  const sa = (demo.resource.kubernetes_service_account_v1 as Record<string, { metadata: Record<string, Record<string, string>> }>)["web_service-account_2F59D8AD"]!.metadata;
  const addon = (prefix: string) => JSON.parse(Object.entries(demo.resource.aws_eks_addon as Record<string, { configuration_values: string }>).find(([k]) => k.startsWith(prefix))![1].configuration_values);
  const helmValues = (stacks.helm!.resource.helm_release as Record<string, { values: string[] }>);
  // Where each mapping of the file lands in the stack.
  const landing: Record<string, () => unknown> = {
    ".defaults.tags": () => demo.provider.aws[0].default_tags[0].tags,
    ".tenants[].tags": () => role("web_role"),
    ".sharedRoles[].tags": () => role("shared_roles_teams_role"),
    ".tenants[].serviceAccountLabels": () => sa.labels,
    ".tenants[].serviceAccountAnnotations": () => sa.annotations,
    ".clusters[].agent.configurationValues": () => addon("pod_identity_agent_addon"),
    ".clusters[].addons[].configurationValues": () => addon("addon_amazon-cloudwatch-observability"),
  };
  const lands = (p: MapPlace) => {
    const rest = p.path.slice(p.path.indexOf("configurationValues") + 1);
    // The second cluster installs the agent with its chart: its settings are the release's values.
    if (p.where.includes("configurationValues") && p.path[1] === 1) return at(parseDocument(Object.values(helmValues)[0]!.values.join("\n")).toJS(), rest);
    const field = Object.keys(landing).find((w) => p.where === w || p.where.startsWith(`${w}.`))!;
    return field.endsWith("configurationValues") ? at(landing[field]!(), rest) : landing[field]!();
  };
  expect(kept.length).toBeGreaterThan(NAMES.length * 10);
  for (const { place, name } of kept) {
    const where = lands(place) as Record<string, unknown>;
    expect([place.where, name, Object.hasOwn(where, name)]).toEqual([place.where, name, true]);
    expect(where[name]).toEqual(valueFor(place));
  }
});

/** Every string of the example, with its path. */
function stringLeaves(value: unknown, path: Seg[] = []): Seg[][] {
  if (typeof value === "string") return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
  if (typeof value === "object" && value !== null) return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
  return [];
}

/** A copy of `doc` with the string at `path` replaced by `value`. */
function withValue(doc: unknown, path: Seg[], value: string): unknown {
  const copy = structuredClone(doc) as Record<Seg, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<Seg, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

// As values: the one name a lower-case name may be, and a camel-case method. A lookup by either
// finds Object.prototype's member; names never go through an assignment, where `__proto__` differs.
const VALUES = ["constructor", "toString"];

describe.each(VALUES)("the name %s as a value", (name) => {
  const leaves = stringLeaves(EXAMPLE);
  it("in every string field, whole or as the last part of a name or ARN: located problems, or accepted and synthesized", async () => {
    // Every value accepted on its own goes into one file too, which must synthesize.
    let all: unknown = EXAMPLE;
    let accepted = 0;
    for (const path of leaves) {
      const old = at(EXAMPLE, path) as string;
      const cut = Math.max(old.lastIndexOf("/"), old.lastIndexOf(":"));
      for (const value of new Set([name, cut >= 0 ? `${old.slice(0, cut + 1)}${name}` : name])) {
        const { config, problems } = await load(stringify(withValue(EXAMPLE, path, value)));
        expectLocated(problems);
        if (config === undefined) continue;
        const next = withValue(all, path, value);
        if ((await load(stringify(next))).config) (all = next), accepted++;
      }
    }
    expect(accepted).toBeGreaterThan(10);
    const r = await load(stringify(all));
    expect(() => buildStacks(Testing.app() as App, r.config!).map((stack) => Testing.synth(stack))).not.toThrow();
  });
});

it("validate refuses such a file with exit 1, located lines and no stack trace", () => {
  const file = join(tempDir("prototype-keys-"), "tenants.yaml");
  const tenant = withKey(EXAMPLE, PLACES.find((p) => show(p) === "tenants.0")!, "constructor", "x");
  const text = stringify(withKey(tenant, PLACES.find((p) => show(p) === "the top level")!, "__proto__", { toString: 1 }));
  writeFileSync(file, text);
  const r = spawnSync(process.execPath, ["dist/bin/validate.js", file], { cwd: ROOT, encoding: "utf8", env: { ...process.env, TENANTS_FILE: undefined } });
  const lines = r.stderr.trimEnd().split("\n");
  const [tLine, tCol] = keyPosition(text, ["tenants", 0], "constructor");
  const [pLine, pCol] = keyPosition(text, [], "__proto__");
  expect(lines.map((l) => l.slice(file.length))).toEqual([
    expect.stringMatching(new RegExp(`^:${tLine}:${tCol}: tenants\\[0\\]\\.constructor: unknown key "constructor"; allowed keys: name, namespace, `)),
    `:${pLine}:${pCol}: __proto__: "__proto__" cannot be a key: JavaScript reads it as an object's prototype rather than a key, so the entry would be dropped on the way to Terraform without a word; rename or remove it`,
  ]);
  for (const line of lines) expect(line.startsWith(`${file}:`)).toBe(true);
  expect(r.status).toBe(1);
});
