import { formatPath, formatProblem, hasErrors, sortProblems, type Problem } from "../lib/diagnostics/problems";

describe("formatPath", () => {
  it("joins keys with dots and indexes with brackets", () => {
    expect(formatPath(["tenants", 0, "role", "name"])).toBe("tenants[0].role.name");
  });
  it("quotes keys that are not identifiers", () => {
    expect(formatPath(["defaults", "tags", "cost center"])).toBe('defaults.tags["cost center"]');
  });
  it("names the root", () => expect(formatPath([])).toBe("(file)"));
});

describe("formatProblem", () => {
  const base: Problem = { file: "t.yaml", line: 3, col: 7, path: ["tenants", 1, "namespace"], message: "bad", severity: "error" };
  it("follows the contract <file>:<line>:<col>: <field path>: <message>", () => {
    expect(formatProblem(base)).toBe("t.yaml:3:7: tenants[1].namespace: bad");
  });
  it("prefixes warnings", () => {
    expect(formatProblem({ ...base, severity: "warning" })).toBe("warning: t.yaml:3:7: tenants[1].namespace: bad");
  });
  it("never prints a line over 1,000 characters, whatever the message", () => {
    const line = formatProblem({ ...base, message: "m".repeat(5000) });
    expect(line).toBe(`t.yaml:3:7: tenants[1].namespace: ${"m".repeat(1000 - 35)}…`);
    expect(line).toHaveLength(1000);
  });
  it("quotes a path key longer than 100 characters, cut", () => {
    expect(formatPath(["tags", "k".repeat(500)])).toBe(`tags["${"k".repeat(100)}…"]`);
  });
});

it("sorts problems into file order and tells errors from warnings", () => {
  const p = (line: number, col: number, severity: "error" | "warning"): Problem => ({ file: "f", line, col, path: [], message: `${line}:${col}`, severity });
  const sorted = sortProblems([p(5, 1, "error"), p(2, 9, "warning"), p(2, 3, "error")]);
  expect(sorted.map((x) => x.message)).toEqual(["2:3", "2:9", "5:1"]);
  expect(hasErrors([p(1, 1, "warning")])).toBe(false);
  expect(hasErrors([p(1, 1, "warning"), p(1, 1, "error")])).toBe(true);
});
