import { Testing, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { problemsOf } from "./helpers";

const MEMBERS = Object.getOwnPropertyNames(Object.prototype);
const message = (what: string, name: string) =>
  `${what} "${name}" is also the name of a member of every JavaScript object (Object.prototype.${name}), and the CDK constructs library that names the stack's resources after it would take it for a construct that already exists; choose another name`;

it("the constructs library takes an Object.prototype member's name for a construct that exists", () => {
  const app = Testing.app();
  expect(() => new TerraformStack(app, "toString")).toThrow("There is already a Construct with name 'toString' in App");
  expect(() => new Construct(new TerraformStack(app, "s"), "constructor")).toThrow("There is already a Construct with name 'constructor'");
  expect(() => new TerraformStack(app, "tostring")).not.toThrow();
});

it("refuses every such cluster name its rule allows, at the name", async () => {
  const allowed = MEMBERS.filter((n) => /^[0-9A-Za-z][A-Za-z0-9_-]*$/.test(n));
  expect(allowed.sort()).toEqual(["constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toLocaleString", "toString", "valueOf"]);
  for (const name of allowed) {
    expect(await problemsOf(`clusters:\n  - { name: ${name}, region: us-east-1 }\n`)).toEqual([`tenants.yaml:2:13: clusters[0].name: ${message("cluster name", name)}`]);
  }
});

it("refuses a tenant and a shared role named constructor, the one such name their rule allows", async () => {
  expect(MEMBERS.filter((n) => /^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(n))).toEqual(["constructor"]);
  const yaml = `
clusters: [{ name: demo, region: us-east-1 }]
sharedRoles: [{ name: constructor, role: { name: teams-role } }]
tenants:
  - { name: constructor, namespace: a, serviceAccount: a }
  - { name: member, namespace: b, serviceAccount: b, sharedRole: constructor }
`;
  expect(await problemsOf(yaml)).toEqual([
    `tenants.yaml:3:23: sharedRoles[0].name: ${message("shared-role name", "constructor")}`,
    `tenants.yaml:5:13: tenants[0].name: ${message("tenant name", "constructor")}`,
  ]);
});
