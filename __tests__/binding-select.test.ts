/**
 * lib/bindings/select.ts: under CDKTF the prebuilt @cdktf class when its package is installed;
 * the generated class when it is not, or under CDK Terrain; any other failure is not hidden.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { tempDir } from "./temp-dir";

const GENERATED = "generated";

describe("bindingClass", () => {
  const { bindingClass } = jest.requireActual("../lib/bindings/select") as typeof import("../lib/bindings/select");

  it("takes the prebuilt class under CDKTF, and never builds the generated one", () => {
    const generated = jest.fn(() => GENERATED);
    expect(bindingClass<unknown>("@cdktf/provider-kubernetes/lib/namespace-v1", "NamespaceV1", generated)).toBe(NamespaceV1);
    expect(generated).not.toHaveBeenCalled();
  });

  it("takes the generated class when the prebuilt module is not installed", () => {
    expect(bindingClass<unknown>("@cdktf/provider-kubernetes/lib/no-such-module", "NoSuch", () => GENERATED)).toBe(GENERATED);
  });

  it("lets through a failure of the prebuilt module itself, such as a missing dependency of it", () => {
    const dir = tempDir("binding-select-");
    const broken = join(dir, "broken.js");
    writeFileSync(broken, 'require("a-dependency-that-is-not-installed");');
    expect(() => bindingClass<unknown>(broken, "X", () => GENERATED)).toThrow(/a-dependency-that-is-not-installed/);
  });
});

describe("under CDK Terrain", () => {
  it("takes the generated class although the prebuilt package is installed", () => {
    jest.isolateModules(() => {
      jest.doMock("../lib/runtime/engine", () => ({ installedEngine: () => ({ name: "cdktn", dir: "/x/node_modules/cdktn", version: "0.24.0" }) }));
      const { bindingClass } = require("../lib/bindings/select") as typeof import("../lib/bindings/select");
      expect(bindingClass<unknown>("@cdktf/provider-kubernetes/lib/namespace-v1", "NamespaceV1", () => GENERATED)).toBe(GENERATED);
    });
  });
});
