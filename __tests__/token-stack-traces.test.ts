import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { TerraformOutput, Testing, TerraformStack, Tokenization } from "cdktf";
import { skipTokenStackTraces } from "../lib/runtime/token-stack-traces";
import { installedEngine, type Engine } from "../lib/runtime/engine";

const engine = installedEngine() as Engine;

/** A stack full of tokens (attribute references, dependsOn), its JSON and one token's creation stack. */
function build(): { json: string; creationStack: string[] } {
  const stack = new TerraformStack(Testing.app(), "test");
  const role = new IamRole(stack, "role", { name: "r", assumeRolePolicy: "{}" });
  new IamRolePolicyAttachment(stack, "attach", { role: role.name, policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess", dependsOn: [role] });
  new TerraformOutput(stack, "arn", { value: role.arn });
  const token = Tokenization.reverseString(role.arn).firstToken as unknown as { creationStack: string[] };
  return { json: Testing.synth(stack), creationStack: token.creationStack };
}

// One test, in order: the patch lasts for the rest of this file's module registry.
it("skipTokenStackTraces does nothing under TENANTS_DEBUG (but ignores the debug package's DEBUG), and otherwise records a one-line note instead of each token's creation stack, with the same JSON", () => {
  const before = build();
  expect(before.creationStack.length).toBeGreaterThan(3);
  expect(before.creationStack.join("\n")).toContain("build");

  expect(skipTokenStackTraces(engine, { TENANTS_DEBUG: "1" })).toBe("debugging");
  expect(skipTokenStackTraces({ ...engine, dir: "/nonexistent" }, {})).toBe("not found");
  expect(build().creationStack.length).toBeGreaterThan(3);

  expect(skipTokenStackTraces(engine, { DEBUG: "*" })).toBe(true);
  const after = build();
  expect(after.creationStack).toEqual(["(creation stack not recorded; run with TENANTS_DEBUG=1 to record it)"]);
  expect(after.json).toBe(before.json);
  expect(JSON.parse(after.json).output.arn.value).toBe("${aws_iam_role.role.arn}");
});
