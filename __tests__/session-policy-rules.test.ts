/** lib/aws/session-policy-rules.ts: the rules the file and the construct share. */
import { sessionPolicyProblems } from "../lib/aws/session-policy-rules";
import { SESSION_POLICY_LIMIT } from "../lib/aws/session-policy-limit";

const ok = { disableSessionTags: true, entries: 1 };

describe("sessionPolicyProblems", () => {
  it("accepts a session policy of exactly STS's 2,048 characters and refuses one more", () => {
    expect(SESSION_POLICY_LIMIT).toBe(2048);
    expect(sessionPolicyProblems({ ...ok, size: 2048 })).toEqual([]);
    expect(sessionPolicyProblems({ ...ok, size: 2049, cluster: "prod" })).toEqual([
      {
        path: ["sessionPolicy"],
        message:
          'would be 2049 characters on cluster "prod"; an association\'s session policy is an STS inline session policy, which may be at most 2048 characters (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html). Use fewer or broader grants, or move permissions into the role',
      },
    ]);
  });

  it("refuses session tags left on, at disableSessionTags", () => {
    expect(sessionPolicyProblems({ ...ok, disableSessionTags: false }).map((p) => p.path)).toEqual([["disableSessionTags"]]);
  });

  it("refuses an empty session policy", () => {
    expect(sessionPolicyProblems({ ...ok, entries: 0 }).map((p) => p.message)).toEqual([
      "has no grants and no statements; an empty session policy would leave the pods no permission at all. Add grants or statements, or remove sessionPolicy",
    ]);
  });

  it("refuses a shared role that reads the session tags, naming what reads them, and accepts one that does not", () => {
    expect(sessionPolicyProblems({ ...ok, sharedRole: { name: "teams", sessionTagRead: "${namespace}/" } }).map((p) => p.message)).toEqual([
      'cannot be used with shared role "teams": its policies read the session tags ("${namespace}/"), which a session policy turns off, so they would match nothing. Give this tenant a role of its own, or a shared role without ${namespace}-style placeholders',
    ]);
    expect(sessionPolicyProblems({ ...ok, sharedRole: { name: "readers" } })).toEqual([]);
  });
});
