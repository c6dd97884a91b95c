import { checkServiceAccountMetadata, labelValueProblem, metadataKeyProblem } from "../lib/constructs/service-account-metadata";
import { PropChecker } from "../lib/constructs/validate-props";

// The rules of https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set,
// at their edges.
describe("label and annotation keys", () => {
  it.each(["team", "a", "A.b_c-9", "x".repeat(63), "example.com/team", "app.kubernetes.io/part-of", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}/n`])("accept %s", (k) => {
    expect(metadataKeyProblem(k)).toBeUndefined();
  });

  it.each(["", "x".repeat(64), "-a", "a-", "a b", "Example.com/x", "/x", "example.com/", "a/b/c", `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}/n`, "exa_mple.com/x"])("refuse %j", (k) => {
    expect(metadataKeyProblem(k)).toMatch(/^key .* has an invalid (prefix|name)/);
  });
});

describe("label values", () => {
  it.each(["", "v", "V1.2_3-x", "x".repeat(63)])("accept %j", (v) => expect(labelValueProblem(v)).toBeUndefined());
  it.each(["x".repeat(64), "-v", "v.", "a/b", "with space"])("refuse %j", (v) => expect(labelValueProblem(v)).toMatch(/is not a valid label value/));
});

describe("annotations", () => {
  const check = (annotations: Record<string, string>) => {
    const c = new PropChecker("t");
    checkServiceAccountMetadata(c, { serviceAccountAnnotations: annotations });
    return () => c.done();
  };

  it("take any value, up to 256 KiB of keys and values together", () => {
    expect(check({ "example.com/config": "{ \"any\": [\"thing\"] }\n" })).not.toThrow();
    expect(check({ a: "x".repeat(256 * 1024 - 1) })).not.toThrow();
    expect(check({ a: "x".repeat(256 * 1024) })).toThrow("t: invalid props:\n  - serviceAccountAnnotations: total 262145 bytes of keys and values; Kubernetes allows at most 262144");
  });

  it("count bytes, not characters", () => {
    expect(check({ a: "é".repeat(128 * 1024) })).toThrow(/total 262145 bytes/);
  });
});
