/** The AWS managed policy table loads only for a file that names an AWS managed policy. */
let loads = 0;
jest.mock("../lib/config/aws-managed-policies.json", () => {
  loads++;
  return jest.requireActual("../lib/config/aws-managed-policies.json");
});

import { problemsOf, synthYaml } from "./helpers";

describe("the AWS managed policy table", () => {
  it("is not loaded to validate and synthesize a tenant without AWS managed policies, and is loaded once one is named", async () => {
    const customer = `
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333" }]
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    role: { permissionsBoundaryArn: "arn:aws:iam::111122223333:policy/boundary" }
    managedPolicyArns: ["arn:aws:iam::111122223333:policy/web-access"]
`;
    expect(await problemsOf(customer)).toEqual([]);
    expect(Object.keys(await synthYaml(customer))).toEqual(["demo"]);
    expect(loads).toBe(0);
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: sa, managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"] }]
`),
    ).toEqual([]);
    expect(loads).toBe(1);
  });
});
