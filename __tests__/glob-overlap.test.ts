import { ANY, fixedPrefix, ONE, patternsOverlap, type PatternPart } from "../lib/policy/glob-overlap";

/** IAM's wildcards read from text: '*' and '?'. */
const p = (s: string): PatternPart[] => [...s].map((c) => (c === "*" ? ANY : c === "?" ? ONE : c));

describe("patternsOverlap", () => {
  it.each([
    ["team/*", "team-b/*", false],
    ["team*", "team-b/*", true],
    ["team-*", "*-b/x", true],
    ["*/a/*", "*/b/*", true],
    ["a-??????", "a-b-??????", false],
    ["a-??????", "a-bcdefg", true],
    ["jobs-team", "jobs-team-b", false],
    ["x*y", "x?", true],
    ["*x", "*y", false],
    ["*x", "x*", true],
    ["", "*", true],
    ["", "?", false],
    ["abc", "abc", true],
  ])("%s and %s: %s", (a, b, expected) => {
    expect(patternsOverlap(p(a), p(b))).toBe(expected);
    expect(patternsOverlap(p(b), p(a))).toBe(expected);
  });

  it("finds the text before the first wildcard", () => {
    expect(fixedPrefix(p("bucket/team/*x"))).toBe("bucket/team/");
    expect(fixedPrefix(p("a?b"))).toBe("a");
    expect(fixedPrefix(p("abc"))).toBe("abc");
  });
});
