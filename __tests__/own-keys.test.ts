import { ownEntry, ownValue, setOwn } from "../lib/diagnostics/own-keys";

// Object.prototype has `__proto__` as an accessor of its own, so it is among these.
const NAMES = Object.getOwnPropertyNames(Object.prototype);

describe("ownValue", () => {
  it("finds nothing for a name the table only inherits from Object.prototype", () => {
    const table: Record<string, string> = { known: "k" };
    for (const name of NAMES) {
      expect([name, (table as Record<string, unknown>)[name] !== undefined]).toEqual([name, true]);
      expect([name, ownValue(table, name)]).toEqual([name, undefined]);
    }
    expect(ownValue(table, "known")).toBe("k");
    expect(ownValue(undefined, "known")).toBeUndefined();
  });

  it("finds a table's own entry of such a name", () => {
    const table: Record<string, string> = {};
    setOwn(table, "constructor", "c");
    setOwn(table, "__proto__", "p");
    expect(ownValue(table, "constructor")).toBe("c");
    expect(ownValue(table, "__proto__")).toBe("p");
  });
});

describe("setOwn and ownEntry", () => {
  it("make __proto__ an own key, leaving the prototype alone", () => {
    const out: Record<string, unknown> = {};
    setOwn(out, "__proto__", { polluted: true });
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__"]);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"polluted":true}}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("create an entry where the object only inherits one, once", () => {
    const out: Record<string, string[]> = {};
    for (const name of NAMES) ownEntry(out, name, () => []).push("a");
    for (const name of NAMES) ownEntry(out, name, () => []).push("b");
    expect(Object.keys(out).sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) expect(out[name]).toEqual(["a", "b"]);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(typeof Object.prototype.toString).toBe("function");
  });
});
