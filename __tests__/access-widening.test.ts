/**
 * Every kind of widening is a gain in the access review's diff (lib/access/diff.ts and
 * access-levels.ts), on reports read from real tenants files: a managed-policy swap, a Deny
 * removed, a permissions boundary removed or loosened, a trust that stops being scoped, a new
 * IRSA trust. Each claim of what the role can or cannot do is proved with the IAM simulator
 * (@cloud-copilot/iam-simulate) on the review's effective statements and boundary.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { diffWithAccessLevels } from "../lib/access/access-levels";
import { boundaryStatements, effectiveStatements } from "../lib/access/effective";
import { accessReport, type AccessReport, type Permission } from "../lib/access/model";
import { buildStacks } from "../stacks/build-stacks";
import { configOf } from "./helpers";

const review = async (yaml: string) => accessReport(await configOf(yaml), buildStacks);
const file = (tenant: string) => `
clusters: [{ name: c, region: us-east-1, accountId: "111122223333" }]
tenants:
  - name: t
    namespace: t
    serviceAccount: t
${tenant}`;

/** The review's statements as an IAM policy: NotAction and NotResource as IAM has them. */
function policyOf(ps: ReadonlyArray<Permission>): unknown {
  return {
    Version: "2012-10-17",
    Statement: ps.map((p) => ({
      Effect: p.effect,
      ...(p.notActions ? { NotAction: p.notActions } : { Action: p.actions }),
      ...(p.notResources ? { NotResource: p.notResources } : { Resource: p.resources }),
      ...(Object.keys(p.conditions).length > 0 ? { Condition: p.conditions } : {}),
    })),
  };
}

/** The simulator's answer for the role of tenant `t` in `report`: its effective policies, under its boundary. */
async function decide(report: AccessReport, action: string, resource: string): Promise<string> {
  const t = report.identities.find((i) => i.name === "t")!;
  const boundary = boundaryStatements(t, report);
  const simulation = {
    identityPolicies: [{ name: "effective", policy: policyOf(effectiveStatements(t, report)) }],
    ...(boundary ? { permissionBoundaryPolicies: [{ name: "boundary", policy: policyOf(boundary) }] } : {}),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: { action, principal: "arn:aws:sts::111122223333:assumed-role/t.c/s", resource: { resource, accountId: "111122223333" }, contextVariables: {} },
  } as unknown as Simulation;
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

const TABLE = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";

describe("a managed-policy swap", () => {
  it("gains dynamodb:* and dax:* from AmazonDynamoDBReadOnlyAccess to AmazonDynamoDBFullAccess, naming the new actions with their access levels", async () => {
    const base = await review(file("    managedPolicyArns: [arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess]"));
    const head = await review(file("    managedPolicyArns: [arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess]"));
    const [change] = (await diffWithAccessLevels(base, head)).changes;
    const dynamo = change!.gained.find((p) => p.action === "dynamodb:*")!;
    expect(dynamo).toMatchObject({ resource: "*", accessLevels: expect.arrayContaining(["Write", "Permissions management"]) });
    expect(dynamo.newActions).toEqual(expect.arrayContaining([{ action: "dynamodb:DeleteTable", accessLevel: "Write" }, { action: "dynamodb:PutResourcePolicy", accessLevel: "Permissions management, Write" }]));
    // What the read-only policy had is not new.
    expect(dynamo.newActions!.map((a) => a.action)).not.toContain("dynamodb:GetItem");
    expect(change!.gained.map((p) => p.action)).toContain("dax:*");
    expect(change!.other).toEqual(expect.arrayContaining(["managed policy added: arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess"]));
    expect(await decide(base, "dynamodb:DeleteTable", TABLE)).toBe("ImplicitlyDenied");
    expect(await decide(head, "dynamodb:DeleteTable", TABLE)).toBe("Allowed");
    expect(await decide(base, "dynamodb:GetItem", TABLE)).toBe("Allowed");
  });

  it("gains nothing where the new policy only narrows: wildcards cover what they match", async () => {
    const base = await review(file('    statements: [{ actions: ["s3:Get*"], resources: ["arn:aws:s3:::b/*"] }]'));
    const head = await review(file('    statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/*"] }]'));
    const [change] = (await diffWithAccessLevels(base, head)).changes;
    expect(change!.gained).toEqual([]);
    expect(change!.lost.map((p) => [p.action, p.accessLevels])).toEqual([["s3:Get*", ["Read"]]]);
  });
});

describe("a Deny", () => {
  const allow = '      - { actions: ["s3:GetObject", "s3:DeleteObject"], resources: ["arn:aws:s3:::b/*"] }';
  const deny = '      - { effect: Deny, actions: ["s3:DeleteObject"], resources: ["arn:aws:s3:::b/*"] }';
  it("removed is a gain, added is a loss", async () => {
    const withDeny = await review(file(`    statements:\n${allow}\n${deny}`));
    const without = await review(file(`    statements:\n${allow}`));
    const [removed] = (await diffWithAccessLevels(withDeny, without)).changes;
    expect(removed!.gained).toEqual([{ action: "s3:DeleteObject", resource: "arn:aws:s3:::b/*", effect: "Deny", accessLevels: ["Write"] }]);
    expect(removed!.lost).toEqual([]);
    const [added] = (await diffWithAccessLevels(without, withDeny)).changes;
    expect(added!.gained).toEqual([]);
    expect(added!.lost).toEqual([{ action: "s3:DeleteObject", resource: "arn:aws:s3:::b/*", effect: "Deny", accessLevels: ["Write"] }]);
    expect(await decide(withDeny, "s3:DeleteObject", "arn:aws:s3:::b/k")).toBe("ExplicitlyDenied");
    expect(await decide(without, "s3:DeleteObject", "arn:aws:s3:::b/k")).toBe("Allowed");
  });
});

describe("a permissions boundary", () => {
  const put = '    statements: [{ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::b/*"] }]';
  const bounded = (arn: string) => `${put}\n    role: { permissionsBoundaryArn: "${arn}" }`;
  it("removed is a gain of every action on every resource through the boundary", async () => {
    const base = await review(file(bounded("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")));
    const head = await review(file(put));
    const [change] = (await diffWithAccessLevels(base, head)).changes;
    expect(change!.gained).toEqual([{ action: "*", resource: "*", through: "permissionsBoundary", accessLevels: ["List", "Permissions management", "Read", "Tagging", "Write"] }]);
    expect(change!.other).toEqual(["permissions boundary changed: arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess → none"]);
    expect(await decide(base, "s3:PutObject", "arn:aws:s3:::b/k")).toBe("ImplicitlyDenied");
    expect(await decide(head, "s3:PutObject", "arn:aws:s3:::b/k")).toBe("Allowed");
  });

  it("loosened is a gain of what the new boundary allows that the old did not", async () => {
    const base = await review(file(bounded("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")));
    const head = await review(file(bounded("arn:aws:iam::aws:policy/AmazonS3FullAccess")));
    const [change] = (await diffWithAccessLevels(base, head)).changes;
    expect(change!.gained.map((p) => [p.action, p.resource, p.through])).toEqual(expect.arrayContaining([["s3:*", "*", "permissionsBoundary"]]));
    expect(change!.gained.every((p) => p.through === "permissionsBoundary")).toBe(true);
    expect(await decide(head, "s3:PutObject", "arn:aws:s3:::b/k")).toBe("Allowed");
  });

  it("added gains nothing", async () => {
    const base = await review(file(put));
    const head = await review(file(bounded("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")));
    const [change] = (await diffWithAccessLevels(base, head)).changes;
    expect(change!.gained).toEqual([]);
    expect(change!.lost.map((p) => [p.action, p.resource, p.through])).toEqual([["*", "*", "permissionsBoundary"]]);
  });

  it("swapped for one that cannot be read is a possible gain, not nothing", async () => {
    const base = await review(file(bounded("arn:aws:iam::111122223333:policy/tight")));
    const head = await review(file(bounded("arn:aws:iam::111122223333:policy/loose")));
    const [change] = (await diffWithAccessLevels(base, head)).changes;
    expect(change!.gained.map((p) => [p.action, p.resource, p.through])).toEqual([["*", "*", "permissionsBoundary"]]);
  });
});

describe("a trust", () => {
  it("that stops being scoped to the service account is a gain of who may assume the role", async () => {
    const base = await review(file(""));
    const head = await review(file("    trust: { scopeToServiceAccount: false }"));
    const [change] = (await diffWithAccessLevels(base, head)).changes;
    expect(change!.trustGained).toEqual(["not scoped to a service account: any Pod Identity association that names the role (or, for IRSA, any service account the OIDC provider vouches for) can use it"]);
    expect(change!.trustLost).toEqual(["service account t/t"]);
  });

  it("of IRSA, new, is a gain of its OIDC provider and service account", async () => {
    const provider = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    const base = await review(file(""));
    const head = await review(file(`    irsa: { oidcProviderArn: "${provider}" }`));
    const [change] = (await diffWithAccessLevels(base, head)).changes;
    expect(change!.trustGained).toEqual([`principal ${provider}`, "service account t/t (IRSA)"]);
    expect(change!.trustLost).toEqual([]);
  });
});
