/**
 * Terraform addresses come from names only: the same file synthesizes the same bytes, order in
 * the file does not matter, and one tenant's change never touches another tenant's resources.
 */
import { parse, synthYaml, type Json } from "./helpers";

const tenant = (name: string, extra = "") => `  - { name: ${name}, namespace: ${name}, serviceAccount: app${extra} }`;
const file = (...tenants: string[]) => `
clusters:
  - { name: a, region: us-east-1 }
  - { name: b, region: eu-west-1 }
tenants:
${tenants.join("\n")}
`;

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

const three = [tenant("alpha"), tenant("beta", ", clusters: [a]"), tenant("gamma", ", managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess]")];

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
  const changed = await synthYaml(file(three[0]!, tenant("beta", ", clusters: [a], role: { maxSessionDuration: 7200 }"), three[2]!));
  for (const name of ["alpha", "gamma"]) expect(blocksOf(parse(changed.a!), name)).toEqual(blocksOf(parse(before.a!), name));
  expect(blocksOf(parse(changed.a!), "beta")).not.toEqual(blocksOf(parse(before.a!), "beta"));
});

describe("controllers", () => {
  const withControllers = (...controllers: string[]) => `
clusters:
  - name: a
    region: us-east-1
    controllers:
${controllers.join("\n")}
tenants:
${tenant("alpha")}
`;
  const dns = "      - { name: external-dns, hostedZoneArns: [arn:aws:route53:::hostedzone/Z1] }";
  const efs = "      - { name: aws-efs-csi-driver }";

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
