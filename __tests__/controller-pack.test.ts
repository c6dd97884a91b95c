import { MANAGED_POLICY_LIMIT, managedPolicySize, packPolicies } from "../lib/policy/controllers/pack";
import { ACCOUNT } from "../lib/aws/arn-environment";
import type { PolicyStatement } from "../lib/policy/statement";

const env = { partition: "aws", region: "us-east-1" };
const st = (sid: string, resources: string[]): PolicyStatement => ({ sid, effect: "Allow", actions: ["sqs:ReceiveMessage"], resources });

describe("packPolicies", () => {
  it("keeps statements that fit together in one document, in order", () => {
    const a = st("A", ["arn:aws:sqs:us-east-1:111122223333:a"]);
    const b = st("B", ["arn:aws:sqs:us-east-1:111122223333:b"]);
    expect(packPolicies([a, b], env)).toEqual([[a, b]]);
  });

  it("starts a new document when the next statement would pass the limit", () => {
    // Each statement holds 20 resources of 70 characters (73 with quotes and comma) and about 110
    // characters besides: about 1,570 in all, so three fit in 6,144 and a fourth does not.
    const big = (sid: string) => st(sid, Array.from({ length: 20 }, (_, i) => `arn:aws:sqs:us-east-1:111122223333:queue-number-${sid}-${String(i).padStart(20, "0")}`));
    const docs = packPolicies(["A", "B", "C", "D", "E", "F"].map(big), env);
    expect(docs.map((d) => d.map((s) => s.sid))).toEqual([["A", "B", "C"], ["D", "E", "F"]]);
    for (const d of docs) expect(managedPolicySize(d, env)).toBeLessThanOrEqual(MANAGED_POLICY_LIMIT);
  });

  it("splits a statement that alone passes the limit by resources, keeping every resource once", () => {
    const resources = Array.from({ length: 300 }, (_, i) => `arn:aws:sqs:us-east-1:111122223333:q${i}`);
    const docs = packPolicies([st("Queues", resources)], env);
    expect(docs.flat().map((s) => s.sid)).toEqual(docs.flat().map((_, i) => `QueuesPart${i + 1}`));
    expect(docs.flat().flatMap((s) => s.resources)).toEqual(resources);
    for (const d of docs) expect(managedPolicySize(d, env)).toBeLessThanOrEqual(MANAGED_POLICY_LIMIT);
    // 300 resources of 40 to 42 characters (with quotes and comma) need 13,000 characters: 3 documents.
    expect(docs).toHaveLength(3);
  });

  it("counts the account at its full 12 digits", () => {
    expect(managedPolicySize([st("A", [`arn:aws:sqs:us-east-1:${ACCOUNT}:a`])], env)).toBe(managedPolicySize([st("A", ["arn:aws:sqs:us-east-1:000000000000:a"])], env));
  });
});
