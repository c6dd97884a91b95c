/** The AWS managed policy table loads only for a file that names an AWS managed policy. */
import { problemsOf, synthYaml } from "./helpers";
import { tenantsFile } from "./fixtures";

// The module object itself, not an import's namespace copy, so that the spy sees every call.
const read = jest.spyOn(require("node:fs") as typeof import("node:fs"), "readFileSync");
const loads = () => read.mock.calls.filter(([file]) => String(file).endsWith("aws-managed-policies.json")).length;

describe("the AWS managed policy table", () => {
  it("is not loaded to validate and synthesize a tenant without AWS managed policies, and is loaded once one is named", async () => {
    const customer = tenantsFile({
      clusters: [{ accountId: "111122223333" }],
      tenants: [{ name: "web", serviceAccount: "sa", role: { permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/boundary" }, managedPolicyArns: ["arn:aws:iam::111122223333:policy/web-access"] }],
    });
    expect(await problemsOf(customer)).toEqual([]);
    expect(Object.keys(await synthYaml(customer))).toEqual(["demo"]);
    expect(loads()).toBe(0);
    expect(
      await problemsOf(tenantsFile({ tenants: [{ name: "web", serviceAccount: "sa", managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }] })),
    ).toEqual([]);
    expect(loads()).toBe(1);
  });
});
