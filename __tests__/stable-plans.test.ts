/**
 * Terraform addresses come from names only: the same file synthesizes the same bytes, order in
 * the file does not matter, and one tenant's change never touches another tenant's resources.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { parse, synthYaml, type Json } from "./helpers";
import { tenantsFile, type Fields, type TenantFixture } from "./fixtures";

const ROOT = join(__dirname, "..");

const tenant = (name: string, fields: Fields = {}): TenantFixture => ({ name, serviceAccount: "app", ...fields });
const file = (...tenants: TenantFixture[]) => tenantsFile({ clusters: [{ name: "a" }, { name: "b", region: "eu-west-1" }], tenants });

/**
 * Every block of a stack that belongs to `tenantName`, keyed by type and address. A tenant's
 * addresses start with `<tenant>_`; tenant names have no '_', so no tenant's prefix is another's.
 */
function blocksOf(stackJson: Json, tenantName: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kind of ["resource", "data"]) {
    for (const [type, blocks] of Object.entries<Json>(stackJson[kind] ?? {})) {
      for (const [address, block] of Object.entries<Json>(blocks)) {
        if (address.startsWith(`${tenantName}_`)) out[`${kind}.${type}.${address}`] = JSON.stringify(block);
      }
    }
  }
  for (const [name, o] of Object.entries<Json>(stackJson.output ?? {})) {
    const entry = (o.value as Json | undefined)?.[tenantName];
    if (entry !== undefined) out[`output.${name}.${tenantName}`] = JSON.stringify(entry);
  }
  return out;
}

const three = [tenant("alpha"), tenant("beta", { clusters: ["a"] }), tenant("gamma", { managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"] })];

it("synthesizes byte-identical output twice", async () => {
  expect(await synthYaml(file(...three))).toEqual(await synthYaml(file(...three)));
});

it("gives every tenant resources of its own (the comparisons below are not vacuous)", async () => {
  const stacks = await synthYaml(file(...three));
  expect(Object.keys(blocksOf(parse(stacks.a!), "gamma")).length).toBeGreaterThanOrEqual(6);
  expect(Object.keys(blocksOf(parse(stacks.b!), "beta"))).toEqual([]);
});

it("produces byte-identical stacks when tenants are reordered", async () => {
  const forward = await synthYaml(file(...three));
  const backward = await synthYaml(file(...[...three].reverse()));
  expect(backward).toEqual(forward);
});

it("leaves every other tenant's resources byte-identical when a tenant is added or removed", async () => {
  const before = await synthYaml(file(...three));
  const added = await synthYaml(file(tenant("aardvark"), ...three));
  const removed = await synthYaml(file(three[0]!, three[2]!));
  for (const stack of ["a", "b"]) {
    for (const name of ["alpha", "gamma"]) {
      const original = blocksOf(parse(before[stack]!), name);
      expect(blocksOf(parse(added[stack]!), name)).toEqual(original);
      expect(blocksOf(parse(removed[stack]!), name)).toEqual(original);
    }
  }
  expect(Object.keys(blocksOf(parse(added.a!), "aardvark")).length).toBeGreaterThan(0);
  expect(Object.keys(blocksOf(parse(removed.a!), "beta"))).toEqual([]);
});

it("leaves other tenants untouched when one tenant's settings change", async () => {
  const before = await synthYaml(file(...three));
  const changed = await synthYaml(file(three[0]!, tenant("beta", { clusters: ["a"], role: { maxSessionDuration: 7200 } }), three[2]!));
  for (const name of ["alpha", "gamma"]) expect(blocksOf(parse(changed.a!), name)).toEqual(blocksOf(parse(before.a!), name));
  expect(blocksOf(parse(changed.a!), "beta")).not.toEqual(blocksOf(parse(before.a!), "beta"));
});

describe("controllers", () => {
  const withControllers = (...controllers: Fields[]) => tenantsFile({ clusters: [{ name: "a", controllers }], tenants: [tenant("alpha")] });
  const dns = { name: "external-dns", hostedZoneArns: ["arn:aws:route53:::hostedzone/Z1"] };
  const efs = { name: "aws-efs-csi-driver" };

  it("produces byte-identical stacks when controllers are reordered", async () => {
    expect(await synthYaml(withControllers(efs, dns))).toEqual(await synthYaml(withControllers(dns, efs)));
  });

  it("leaves tenants' and other controllers' blocks untouched when a controller is added", async () => {
    const before = parse((await synthYaml(withControllers(dns))).a!);
    const after = parse((await synthYaml(withControllers(dns, efs))).a!);
    expect(Object.keys(blocksOf(after, "controller_aws-efs-csi-driver")).length).toBeGreaterThan(0);
    for (const owner of ["alpha", "controller_external-dns"]) {
      expect(Object.keys(blocksOf(before, owner)).length).toBeGreaterThan(0);
      expect(blocksOf(after, owner)).toEqual(blocksOf(before, owner));
    }
  });
});

/**
 * The README's promise, literally, for every example: removing any one tenant changes no byte of
 * anything that is not that tenant's. What may change is the tenant's own blocks; a shared role it
 * was a member of (the role's trust names its members); and what only it needed, which may only
 * disappear: its namespace when it was the last entry in it, a data source, a group stack it was
 * alone in. Synthesized in-process, so this stays quick.
 */
describe("removing any one tenant of any example", () => {
  const EXAMPLES = ["tenants.yaml", ...readdirSync(join(ROOT, "examples")).filter((f) => f.endsWith(".yaml")).map((f) => `examples/${f}`)];

  /** Every block of a stack, by `<section>.<type>.<name>` (resources, data) or `<section>.<name>`. */
  function blocks(stackJson: Json): Map<string, string> {
    const out = new Map<string, string>();
    for (const [section, value] of Object.entries<Json>(stackJson)) {
      if (section === "resource" || section === "data") {
        for (const [type, byName] of Object.entries<Json>(value)) for (const [name, b] of Object.entries<Json>(byName)) out.set(`${section}.${type}.${name}`, JSON.stringify(b));
      } else if (section === "output") {
        // Each output is one map by name (tenants, shared_roles, ...): its entries count one by one.
        for (const [name, o] of Object.entries<Json>(value)) {
          const { value: entries, ...rest } = o;
          out.set(`output.${name}`, JSON.stringify(rest));
          for (const [key, entry] of Object.entries<Json>(entries)) out.set(`output.${name}.${key}`, JSON.stringify(entry));
        }
      } else out.set(section, JSON.stringify(value));
    }
    return out;
  }

  async function synthObject(file: Json): Promise<Record<string, Json>> {
    const stacks = await synthYaml(JSON.stringify(file));
    return Object.fromEntries(Object.entries(stacks).map(([name, s]) => [name, parse(s)]));
  }

  it.each(EXAMPLES)("%s", async (example) => {
    const file = parseYaml(readFileSync(join(ROOT, example), "utf8")) as Json;
    const before = await synthObject(file);
    const tenants = (file.tenants ?? []) as Json[];
    for (const removed of tenants) {
      const after = await synthObject({ ...file, tenants: tenants.filter((t) => t !== removed) });
      const name = removed.name as string;
      const mayChange = (key: string) =>
        key.split(".")[2]?.startsWith(`${name}_`) || key === `output.tenants.${name}` || (removed.sharedRole !== undefined && (key.split(".")[2]?.startsWith(`shared_roles_${removed.sharedRole}_`) || key === `output.shared_roles.${removed.sharedRole}`));
      // A namespace may go only when nothing in the stack lives in it any more.
      const dwellsIn = (stackJson: Json, namespace: string) =>
        Object.entries<Json>(stackJson.resource ?? {}).some(([type, byName]) =>
          Object.values<Json>(byName).some((b) => (type === "aws_eks_pod_identity_association" ? b.namespace : type === "kubernetes_namespace_v1" ? undefined : b.metadata?.namespace) === namespace),
        );
      // An output map goes only with its last entry.
      const emptied = (key: string, stackAfter: Json) => /^output\.[^.]+$/.test(key) && stackAfter.output?.[key.slice("output.".length)] === undefined;
      const mayGo = (key: string, stackAfter: Json) =>
        mayChange(key) || key.startsWith("data.") || emptied(key, stackAfter) || (key === `resource.kubernetes_namespace_v1.namespace_${removed.namespace}` && !dwellsIn(stackAfter, removed.namespace));
      for (const [stack, json] of Object.entries(before)) {
        const was = blocks(json);
        const now = after[stack] === undefined ? undefined : blocks(after[stack]!);
        // A group stack goes only with its last tenant.
        if (now === undefined) {
          expect({ stack, removed: name, tenantsLeft: [...was.keys()].filter((k) => k.startsWith("resource.aws_eks_pod_identity_association.") && !mayChange(k)) }).toEqual({ stack, removed: name, tenantsLeft: [] });
          continue;
        }
        for (const [key, text] of was) {
          if (mayChange(key)) continue;
          if (now.has(key)) expect({ stack, removed: name, key, text: now.get(key) }).toEqual({ stack, removed: name, key, text });
          else expect({ stack, removed: name, gone: key, allowed: mayGo(key, after[stack]!) }).toEqual({ stack, removed: name, gone: key, allowed: true });
        }
        for (const key of now.keys()) expect({ stack, removed: name, appeared: key, existed: was.has(key) }).toEqual({ stack, removed: name, appeared: key, existed: true });
      }
    }
  });
});
