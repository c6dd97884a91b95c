import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { addStackOutputEntry, outputKey } from "../lib/constructs/stack-outputs";
import { parse, synthYaml } from "./helpers";

describe("stack outputs", () => {
  it("are one map per kind, keys sorted, so that reordering entries changes no byte", () => {
    const synthOf = (keys: string[]) => {
      const stack = new TerraformStack(Testing.app(), "s");
      for (const k of keys) addStackOutputEntry(stack, "tenants", k, { role_arn: `arn-${k}` });
      addStackOutputEntry(stack, "addons", "vpc-cni", { role_arn: "arn-addon" });
      return Testing.synth(stack);
    };
    const forward = synthOf(["b", "a", "c"]);
    expect(parse(forward).output).toEqual({
      tenants: { value: { a: { role_arn: "arn-a" }, b: { role_arn: "arn-b" }, c: { role_arn: "arn-c" } }, description: expect.stringContaining("by tenant name") },
      addons: { value: { "vpc-cni": { role_arn: "arn-addon" } }, description: expect.stringContaining("by add-on name") },
    });
    expect(synthOf(["c", "b", "a"])).toBe(forward);
  });

  it("refuse a second entry under one key, naming both writers", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    addStackOutputEntry(new Construct(stack, "one"), "controllers", "karpenter", { role_arn: "x" });
    expect(() => addStackOutputEntry(new Construct(stack, "two"), "controllers", "karpenter", { role_arn: "y" })).toThrow(
      's/two: the stack\'s controllers output already has an entry "karpenter", written by s/one; give one of them another name',
    );
  });

  it("key a construct by its IDs below the stack", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(outputKey(new Construct(stack, "web"))).toBe("web");
    expect(outputKey(new Construct(new Construct(stack, "team-a"), "web"))).toBe("team-a/web");
  });

  it("leave a tenant called tenants, shared_roles or addons its own addresses and its entry", async () => {
    const demo = (await synthYaml(`
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333", addons: [{ name: vpc-cni }] }]
tenants:
  - { name: tenants, namespace: a, serviceAccount: app }
  - { name: addons, namespace: b, serviceAccount: app }
`)).demo!;
    const json = parse(demo);
    expect(Object.keys(json.output).sort()).toEqual(["addons", "tenants"]);
    expect(Object.keys(json.output.tenants.value)).toEqual(["addons", "tenants"]);
    expect(Object.keys(json.output.addons.value)).toEqual(["vpc-cni"]);
    expect(Object.keys(json.resource.aws_iam_role).sort()).toEqual(["addon_vpc-cni_role_76CFC4C1", "addons_role_B8C26FAC", "tenants_role_235783E0"].sort());
  });
});
