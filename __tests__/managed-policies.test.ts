import { managedPolicyFindings } from "../lib/checks/managed-policies";
import { problemsOf } from "./helpers";
import { lintManagedPolicy } from "../lib/policy/lint";

const arn = (i: number) => `arn:aws:iam::111122223333:policy/p${i}`;

/** The content warning of an AWS managed policy (lib/policy/lint.ts), as validate prints it at `at`. */
const managedFlag = (at: string, owner: string, arn = "arn:aws:iam::aws:policy/ReadOnlyAccess") => `warning: tenants.yaml:${at}: ${lintManagedPolicy(arn, [], owner)[0]!.message}`;

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
  ).toEqual([managedFlag("3:50: sharedRoles[0].managedPolicyArns[0]", 'shared role "teams"'), "tenants.yaml:3:90: sharedRoles[0].managedPolicyArns[1]: arn:aws:iam::aws:policy/ReadOnlyAccess is listed twice"]);
});

describe("AWS managed policies that do not exist", () => {
  it("are refused wherever a file attaches one or uses one as a permissions boundary, each at its place", async () => {
    const lines = await problemsOf(`
clusters:
  - name: demo
    region: us-east-1
    addons:
      - name: aws-ebs-csi-driver
        managedPolicyArns: [arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy]
        role: { permissionsBoundaryArn: arn:aws:iam::aws:policy/PowerUserAcess }
    controllers:
      - name: aws-efs-csi-driver
        role: { permissionsBoundaryArn: arn:aws:iam::aws:policy/service-role/PowerUserAccess }
sharedRoles:
  - name: teams
    managedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess]
    role: { permissionsBoundaryArn: arn:aws:iam::aws:policy/team-boundary }
tenants:
  - { name: a, namespace: a, serviceAccount: app, sharedRole: teams }
  - name: web
    namespace: web
    serviceAccount: app
    role: { permissionsBoundaryArn: arn:aws:iam::aws:policy/ReadOnlyAccess }
    managedPolicyArns: [arn:aws:iam::aws:policy/ReadOnlyAccess, arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicyV2]
`);
    expect(lines.map((l) => l.replace(/ If AWS published it after.*| A customer managed policy has.*/, ""))).toEqual([
      'tenants.yaml:7:29: clusters[0].addons[0].managedPolicyArns[0]: arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicy is not an AWS managed policy: AWS publishes AmazonEBSCSIDriverPolicy under the path service-role/; did you mean "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"?',
      'tenants.yaml:8:41: clusters[0].addons[0].role.permissionsBoundaryArn: arn:aws:iam::aws:policy/PowerUserAcess is not an AWS managed policy; did you mean "arn:aws:iam::aws:policy/PowerUserAccess"?',
      'tenants.yaml:11:41: clusters[0].controllers[0].role.permissionsBoundaryArn: arn:aws:iam::aws:policy/service-role/PowerUserAccess is not an AWS managed policy: AWS publishes PowerUserAccess with no path; did you mean "arn:aws:iam::aws:policy/PowerUserAccess"?',
      'tenants.yaml:14:25: sharedRoles[0].managedPolicyArns[0]: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAcess is not an AWS managed policy; did you mean "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"?',
      "tenants.yaml:15:37: sharedRoles[0].role.permissionsBoundaryArn: arn:aws:iam::aws:policy/team-boundary is not an AWS managed policy.",
      managedFlag("22:25: tenants[1].managedPolicyArns[0]", 'tenant "web"'),
      'tenants.yaml:22:65: tenants[1].managedPolicyArns[1]: arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicyV2 is not an AWS managed policy: AWS publishes AmazonEBSCSIDriverPolicyV2 with no path; did you mean "arn:aws:iam::aws:policy/AmazonEBSCSIDriverPolicyV2"?',
    ]);
  });

  it("are not looked for in customer managed policies, nor in partitions the table does not cover", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }, { name: gov, region: us-gov-west-1 }]
tenants:
  - { name: web, namespace: web, serviceAccount: app, clusters: [demo], managedPolicyArns: [arn:aws:iam::111122223333:policy/AmazonS3ReadOnlyAcess], role: { permissionsBoundaryArn: arn:aws:iam::111122223333:policy/team-boundary } }
  - { name: gov, namespace: gov, serviceAccount: app, clusters: [gov], managedPolicyArns: [arn:aws-us-gov:iam::aws:policy/SomeGovCloudPolicy] }
`),
    ).toEqual([]);
  });
});
