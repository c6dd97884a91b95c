import { managedPolicyFindings } from "../lib/config/managed-policies";
import { problemsOf } from "./helpers";

const arn = (i: number) => `arn:aws:iam::111122223333:policy/p${i}`;

describe("managedPolicyFindings", () => {
  it("refuses a policy listed twice, and two policies that would share a Terraform address", () => {
    const fs = managedPolicyFindings(
      ["arn:aws:iam::111122223333:policy/team.x/p", "arn:aws:iam::111122223333:policy/team/x.p", "arn:aws:iam::111122223333:policy/team.x/p"],
      ["tenants", 0, "managedPolicyArns"],
      'tenant "web"',
    );
    expect(fs.map((f) => [f.path, f.message])).toEqual([
      [["tenants", 0, "managedPolicyArns", 1], "arn:aws:iam::111122223333:policy/team/x.p would take the same Terraform address (policy-111122223333-team.x.p) as arn:aws:iam::111122223333:policy/team.x/p; attach one of them through a policy of another name"],
      [["tenants", 0, "managedPolicyArns", 2], "arn:aws:iam::111122223333:policy/team.x/p is listed twice"],
    ]);
  });

  it("warns above the default quota of 10 and refuses above 20, naming the owner", () => {
    expect(managedPolicyFindings(Array.from({ length: 10 }, (_, i) => arn(i)), ["p"], "x")).toEqual([]);
    expect(managedPolicyFindings(Array.from({ length: 11 }, (_, i) => arn(i)), ["p"], 'shared role "s"').map((f) => `${f.severity}: ${f.message}`)).toEqual([
      'warning: shared role "s" attaches 11 managed policies; the default IAM quota is 10 per role, so this needs a quota raise (up to 20)',
    ]);
    expect(managedPolicyFindings(Array.from({ length: 21 }, (_, i) => arn(i)), ["p"], "x").map((f) => f.severity)).toEqual(["error"]);
  });
});

it("applies to shared roles through the tenants file", async () => {
  expect(
    await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
sharedRoles: [{ name: teams, managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/ReadOnlyAccess] }]
tenants: [{ name: a, namespace: a, serviceAccount: app, sharedRole: teams }]
`),
  ).toEqual(["tenants.yaml:3:90: sharedRoles[0].managedPolicyArns[1]: arn:aws:iam::aws:policy/ReadOnlyAccess is listed twice"]);
});
