/** lib/live/session-policy-drift.ts, and drift-compare's use of it, from the tenants file to the row. */
import { compareAssociations, wantedAssociations, type LiveAssociation } from "../lib/live/drift-compare";
import { sessionPolicyMismatch } from "../lib/live/session-policy-drift";
import { sessionPolicyArgument } from "../lib/policy/session-policy";
import { planClusters } from "../lib/plan/plan";
import { configOf } from "./helpers";

const env = { partition: "aws", accountId: "111122223333", region: "us-east-1" };
const read = { sid: "Read", effect: "Allow" as const, actions: ["s3:GetObject", "s3:GetObjectVersion"], resources: ["arn:aws:s3:::acme/*"] };

describe("sessionPolicyMismatch", () => {
  it("sees no drift in a document that differs only in order, list form and sids", () => {
    const live = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Resource: "arn:aws:s3:::acme/*", Action: ["s3:GetObjectVersion", "s3:GetObject"] }] });
    expect(sessionPolicyMismatch([read], live, env)).toBeUndefined();
    expect(sessionPolicyMismatch([read], encodeURIComponent(live), env)).toBeUndefined();
  });

  it("names each kind of drift", () => {
    expect(sessionPolicyMismatch([read], JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] }), env)).toBe("its session policy differs from the file's");
    expect(sessionPolicyMismatch([read], undefined, env)).toBe("it has no session policy, want one (the pods get every permission of the role)");
    expect(sessionPolicyMismatch(undefined, '{"Statement":[]}', env)).toBe("it has a session policy, want none (the pods get less than the role allows)");
    expect(sessionPolicyMismatch([read], "not json", env)).toBe("its session policy is not a JSON policy document");
    expect(sessionPolicyMismatch(undefined, undefined, env)).toBeUndefined();
  });
});

describe("drift of a session policy, from the tenants file", () => {
  it("is ok when the live association carries the file's document, and different otherwise", async () => {
    const config = await configOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - name: sales
    namespace: sales
    serviceAccount: app
    disableSessionTags: true
    trust: { scopeToServiceAccount: false }
    grants: [{ sqs: { queue: jobs, access: send } }]
    sessionPolicy: { grants: [{ sqs: { queue: jobs, access: send } }] }
`);
    const wanted = wantedAssociations(planClusters(config)[0]!);
    // The file pins no account: the wanted ARNs take the association's own.
    const associationArn = "arn:aws:eks:us-east-1:444455556666:podidentityassociation/demo/a-1";
    const liveWith = (policy: string | undefined): LiveAssociation => ({ associationId: "a-1", namespace: "sales", serviceAccount: "app", roleArn: "arn:aws:iam::444455556666:role/sales.demo", disableSessionTags: true, associationArn, ...(policy ? { policy } : {}) });
    const asDeployed = sessionPolicyArgument(wanted[0]!.sessionPolicy!, { partition: "aws", accountId: "444455556666", region: "us-east-1" });
    expect(compareAssociations("demo", wanted, [liveWith(asDeployed)]).rows[0]).toMatchObject({ status: "ok" });
    expect(compareAssociations("demo", wanted, [liveWith(asDeployed.replace(":jobs", ":other"))]).rows[0]).toMatchObject({ status: "different", note: "its session policy differs from the file's; a deploy changes it" });
    expect(compareAssociations("demo", wanted, [liveWith(undefined)]).rows[0]).toMatchObject({ status: "different", note: "it has no session policy, want one (the pods get every permission of the role); a deploy changes it" });
  });
});
