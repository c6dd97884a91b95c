/** Deep nesting is found by the lexer before the recursive parser sees it. */
import { MAX_NESTING, nestingTooDeep } from "../lib/file/nesting";

it("lets real files through", () => {
  expect(MAX_NESTING).toBe(100);
  const yaml = ["tenants:", "  - name: a", "    statements:", "      - conditions:", "          StringEquals:", "            aws:PrincipalTag/x: [a, b]", ""].join("\n");
  expect(nestingTooDeep(yaml)).toBeUndefined();
  expect(nestingTooDeep(JSON.stringify({ a: [{ b: { c: [1, { d: 2 }] } }] }, null, 2))).toBeUndefined();
});

it("counts flow brackets, not brackets inside quoted strings", () => {
  // The document's own top level is one level: 99 brackets make 100.
  expect(nestingTooDeep(`${"[".repeat(99)}${"]".repeat(99)}`)).toBeUndefined();
  expect(nestingTooDeep(`${"[".repeat(100)}${"]".repeat(100)}`)).toEqual({ depth: 101, offset: 99 });
  expect(nestingTooDeep(`a: "${"[".repeat(5000)}"\nb: '${"{".repeat(5000)}'\n`)).toBeUndefined();
});

it("counts block levels by indentation and compact sequence entries", () => {
  const block = Array.from({ length: 150 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + " x\n";
  expect(nestingTooDeep(block)?.depth).toBe(101);
  expect(nestingTooDeep(`${"- ".repeat(200)}x\n`)?.depth).toBe(101);
  // Dedenting closes levels: many siblings are not depth.
  const siblings = Array.from({ length: 500 }, (_, i) => `k${i}:\n  v: [1]`).join("\n");
  expect(nestingTooDeep(siblings)).toBeUndefined();
});

it("stays linear on a million levels, where the parser would run out of memory", () => {
  const deep = `${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`;
  expect(nestingTooDeep(deep)).toEqual({ depth: 101, offset: 99 });
});
