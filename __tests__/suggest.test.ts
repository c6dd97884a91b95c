import { closest, didYouMean } from "../lib/diagnostics/suggest";

describe("closest", () => {
  it("finds a near miss, ignoring case", () => {
    expect(closest("serviceAcount", ["name", "namespace", "serviceAccount"])).toBe("serviceAccount");
    expect(closest("NameSpace", ["name", "namespace"])).toBe("namespace");
  });
  it("offers nothing when no candidate is plausibly meant", () => {
    expect(closest("colour", ["name", "namespace", "serviceAccount"])).toBeUndefined();
  });
});

it("didYouMean words the suggestion or says nothing", () => {
  expect(didYouMean("regoin", ["name", "region"])).toBe('; did you mean "region"?');
  expect(didYouMean("zzzzzz", ["name", "region"])).toBe("");
});
