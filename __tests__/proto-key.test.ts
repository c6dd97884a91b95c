import { parseDocument } from "yaml";
import { prototypeKeys } from "../lib/file/proto-key";

describe("prototypeKeys", () => {
  it("finds __proto__ as a key at every depth, in mappings inside lists too, and only there", () => {
    const doc = parseDocument(
      ["__proto__: 1", "tenants:", "  - name: a", "    tags: { __proto__: x, constructor: y }", "    list: [{ deep: { __proto__: { a: 1 } } }]", "other: __proto__", ""].join("\n"),
    );
    const found = prototypeKeys(doc);
    expect(found.findings.map((f) => [f.path, f.atKey, f.severity]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))).toEqual([
      [["__proto__"], true, "error"],
      [["tenants", 0, "list", 0, "deep", "__proto__"], true, "error"],
      [["tenants", 0, "tags", "__proto__"], true, "error"],
    ]);
    expect(found.findings[0]!.message).toBe(
      `"__proto__" cannot be a key: JavaScript reads it as an object's prototype rather than a key, so the entry would be dropped on the way to Terraform without a word; rename or remove it`,
    );
    expect([...found.paths].sort()).toEqual(['["__proto__"]', '["tenants",0,"list",0,"deep","__proto__"]', '["tenants",0,"tags","__proto__"]']);
  });

  it("finds nothing in a file without it", () => {
    expect(prototypeKeys(parseDocument("constructor: 1\ntoString: { valueOf: 2 }\n")).findings).toEqual([]);
  });
});
