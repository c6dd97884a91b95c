/** A message quotes at most 100 characters of a user value; no output line exceeds 1,000. */
import { capLine, MAX_LINE, quote, QUOTE_LIMIT } from "../lib/diagnostics/quote";

it("quotes a short string as JSON", () => {
  expect(quote("web")).toBe('"web"');
  expect(quote('a"b')).toBe('"a\\"b"');
  expect(quote("x".repeat(100))).toBe(`"${"x".repeat(100)}"`);
});

it("cuts a longer string at 100 characters with an ellipsis", () => {
  expect(QUOTE_LIMIT).toBe(100);
  expect(quote("x".repeat(101))).toBe(`"${"x".repeat(100)}…"`);
  expect(quote("y".repeat(6_000_000))).toBe(`"${"y".repeat(100)}…"`);
});

it("never cuts a character in half", () => {
  // 99 ASCII characters and an emoji (two UTF-16 units) straddling the limit.
  expect(quote(`${"a".repeat(99)}😀tail`)).toBe(`"${"a".repeat(99)}…"`);
});

it("quotes other values as JSON, cut the same way", () => {
  expect(quote(12)).toBe("12");
  expect(quote(undefined)).toBe("undefined");
  expect(quote(["a".repeat(200)])).toBe(`["${"a".repeat(98)}…`);
});

it("caps a line at 1,000 characters", () => {
  expect(MAX_LINE).toBe(1000);
  expect(capLine("a".repeat(1000))).toBe("a".repeat(1000));
  expect(capLine("a".repeat(5000))).toBe(`${"a".repeat(999)}…`);
});
