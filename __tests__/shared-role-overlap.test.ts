import type { Grant, StatementConfig } from "../lib/schema/schema";
import { memberClashes, scopedStrings } from "../lib/policy/shared-role-overlap";

const s3 = (prefix: string): Grant => ({ s3: { bucket: "acme", prefix, access: "read" } });
const statement = (resources: string[], extra: Partial<StatementConfig> = {}): StatementConfig => ({ effect: "Allow", actions: ["s3:GetObject"], resources, ...extra });
const member = (namespace: string, serviceAccount = "app") => ({ namespace, serviceAccount, cluster: "demo" });

describe("scopedStrings", () => {
  it("takes the strings with a member placeholder from what grants and Allow statements grant", () => {
    const strings = scopedStrings(
      [s3("${namespace}/")],
      [
        statement(["arn:aws:s3:::shared/*", "arn:aws:s3:::b/${namespace}/*"]),
        statement(["arn:aws:s3:::b/${serviceAccount}/*"], { effect: "Deny" }),
        statement(["arn:aws:s3:::b"], { conditions: { StringNotLike: { "s3:prefix": "${namespace}/*" }, StringEquals: { "aws:ResourceTag/team": "${namespace}" } } }),
      ],
    );
    expect(strings.map((x) => [x.source.join("."), x.against, x.wildcards])).toEqual([
      ["grants.0", "resource", true],
      ["statements.0", "resource", true],
      ["grants.0", "s3:prefix", true],
      ["statements.2", "aws:ResourceTag/team", false],
    ]);
  });

  it("leaves out strings whose placeholders are not delimited: they are refused on their own", () => {
    expect(scopedStrings([s3("team-${namespace}")], [])).toEqual([]);
  });
});

describe("memberClashes", () => {
  it("finds members that one placeholder does not tell apart", () => {
    const clashes = memberClashes(scopedStrings([s3("${serviceAccount}/")], []), [member("a"), member("b"), member("c", "worker")]);
    expect(clashes.map((c) => [c.first.namespace, c.second.namespace, c.firstValue, c.secondValue])).toEqual([["a", "b", "arn:\u0001partition\u0001:s3:::acme/app/*", "arn:\u0001partition\u0001:s3:::acme/app/*"]]);
  });

  it("finds a member whose value, through another string, reaches another member's resources", () => {
    const strings = scopedStrings([], [statement(["arn:aws:s3:::b/team-${namespace}/*"]), statement(["arn:aws:s3:::b/${namespace}/x/*"])]);
    const clashes = memberClashes(strings, [member("a"), member("team-a")]);
    expect(clashes).toHaveLength(1);
    expect([clashes[0]!.firstValue, clashes[0]!.secondValue]).toEqual(["arn:aws:s3:::b/team-a/*", "arn:aws:s3:::b/team-a/x/*"]);
    expect([clashes[0]!.firstString.source, clashes[0]!.secondString.source]).toEqual([["statements", 0], ["statements", 1]]);
  });

  it("lets members apart whose values only share a prefix", () => {
    const strings = scopedStrings([s3("${namespace}/"), { secretsManager: { secret: "${namespace}", access: "read" } }, { sqs: { queue: "jobs-${namespace}", access: "send" } }], []);
    expect(memberClashes(strings, [member("team"), member("team-b"), member("team-b-c")])).toEqual([]);
  });

  it("compares a condition's values only with the same condition key", () => {
    const strings = scopedStrings([], [statement(["arn:aws:s3:::b/${namespace}"], { conditions: { StringEquals: { "aws:ResourceTag/team": "arn:aws:s3:::b/${serviceAccount}" } } })]);
    // a's resource and b's condition value are the same text, but they are compared with different things.
    expect(memberClashes(strings, [member("a", "b"), member("b", "a")])).toEqual([]);
    expect(memberClashes(strings, [member("a", "x"), member("b", "x")]).map((c) => c.firstString.against)).toEqual(["aws:ResourceTag/team"]);
  });

  it("stays fast for many members that share one value, reporting each later member once", () => {
    const strings = scopedStrings([s3("${serviceAccount}/"), { sqs: { queue: "jobs-${serviceAccount}", access: "send" } }], []);
    const members = Array.from({ length: 800 }, (_, i) => member(`ns-${i}`));
    const started = process.hrtime.bigint();
    const clashes = memberClashes(strings, members);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
    expect(clashes).toHaveLength(799);
    expect(clashes.map((c) => c.first.namespace).every((n) => n === "ns-0")).toBe(true);
  });

  it("compares strings with a wildcard before the placeholder by their fixed ends, quickly", () => {
    const strings = scopedStrings([], [statement(["arn:aws:dynamodb:*:111122223333:table/${namespace}"])]);
    const members = Array.from({ length: 800 }, (_, i) => member(`ns-${i}`));
    const started = process.hrtime.bigint();
    expect(memberClashes(strings, members)).toEqual([]);
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(2000);
    // Beside another string, the fixed end can still meet: member "a" would reach the indexes
    // (table/x-a/index/...) of member "x-a"'s table.
    const both = scopedStrings([], [statement(["arn:aws:dynamodb:*:111122223333:table/${namespace}"]), statement(["arn:aws:dynamodb:us-east-1:111122223333:table/x-${namespace}/*"])]);
    expect(memberClashes(both, [member("x-a"), member("a")]).map((c) => [c.firstValue, c.secondValue])).toEqual([
      ["arn:aws:dynamodb:*:111122223333:table/x-a", "arn:aws:dynamodb:us-east-1:111122223333:table/x-a/*"],
    ]);
  });
});
