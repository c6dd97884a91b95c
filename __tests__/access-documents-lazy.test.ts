/**
 * The 3 MB of AWS managed policy documents load only for the access review, and only when an
 * identity names an AWS managed policy; validate and synthesis read at most the small flags file.
 */
import { accessReport } from "../lib/access/model";
import { buildStacks } from "../stacks/build-stacks";
import { configOf, problemsOf, synthYaml } from "./helpers";

// The module object itself, not an import's namespace copy, so that the spy sees every call.
const read = jest.spyOn(require("node:fs") as typeof import("node:fs"), "readFileSync");
const loads = (file: string) => read.mock.calls.filter(([f]) => String(f).endsWith(file)).length;

const CUSTOMER = `
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333" }]
tenants: [{ name: web, namespace: web, serviceAccount: sa, managedPolicyArns: ["arn:aws:iam::111122223333:policy/web-access"] }]
`;
const AWS = `
clusters: [{ name: demo, region: us-east-1, accountId: "111122223333" }]
tenants: [{ name: web, namespace: web, serviceAccount: sa, managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"] }]
`;

it("are read by neither validate nor synthesis, and by the review only for an AWS managed policy", async () => {
  expect(await problemsOf(CUSTOMER)).toEqual([]);
  await synthYaml(CUSTOMER);
  expect(loads("aws-managed-policy-flags.json")).toBe(0);
  await accessReport(await configOf(CUSTOMER), buildStacks);
  expect(loads("aws-managed-policy-documents.json")).toBe(0);

  expect(await problemsOf(AWS)).toHaveLength(1);
  await synthYaml(AWS);
  expect(loads("aws-managed-policy-flags.json")).toBe(1);
  expect(loads("aws-managed-policy-documents.json")).toBe(0);
  const report = await accessReport(await configOf(AWS), buildStacks);
  expect(loads("aws-managed-policy-documents.json")).toBe(1);
  expect(report.summary?.managedPoliciesRead).toBe(1);
});
