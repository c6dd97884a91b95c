import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { Testing } from "cdktf";
import { Construct } from "constructs";
import { UniqueAddressStack } from "../lib/constructs/unique-address-stack";
import { ClusterStack } from "../stacks/cluster-stack";
import { GroupStack } from "../stacks/group-stack";

const role = (scope: Construct, id: string) => new IamRole(scope, id, { assumeRolePolicy: "{}" });

describe("UniqueAddressStack", () => {
  it("refuses two resources whose construct IDs cdktf turns into one address, naming both", () => {
    const stack = new UniqueAddressStack(Testing.app(), "demo");
    role(stack, "a.b");
    role(stack, "ab");
    expect(() => Testing.synth(stack)).toThrow('stack "demo": demo/a.b and demo/ab would both be aws_iam_role.ab; give one of them another construct ID');
  });

  it("accepts distinct addresses, and an element asking for its own ID again", () => {
    const stack = new UniqueAddressStack(Testing.app(), "demo");
    const r = role(stack, "x");
    role(new Construct(stack, "y"), "x");
    const synth = JSON.parse(Testing.synth(stack));
    expect(Object.keys(synth.resource.aws_iam_role)).toEqual(["x", "y_x_402A9D69"]);
    expect(stack.getLogicalId(r)).toBe("x");
  });

  it("is what the cluster and group stacks are built on", () => {
    expect(ClusterStack.prototype).toBeInstanceOf(UniqueAddressStack);
    expect(GroupStack.prototype).toBeInstanceOf(UniqueAddressStack);
  });
});
