import Module from "node:module";
import { DEFERRED, seedLazyModules } from "../lib/runtime/defer-unused-modules";
import { lazyExports } from "../lib/runtime/lazy-module";

describe("lazyExports", () => {
  it("loads a function module on the first call, once, and forwards arguments and properties", () => {
    const load = jest.fn(() => Object.assign((a: number, b: number) => a + b, { version: "7" }));
    const fn = lazyExports(load, "function", false) as ((a: number, b: number) => number) & { version: string };
    expect(load).not.toHaveBeenCalled();
    expect(typeof fn).toBe("function");
    expect(fn(2, 3)).toBe(5);
    expect(fn.version).toBe("7");
    expect(load).toHaveBeenCalledTimes(1);
  });

  it("answers __esModule without loading, as declared", () => {
    const load = jest.fn(() => ({ a: 1 }));
    expect((lazyExports(load, "object", true) as { __esModule?: boolean }).__esModule).toBe(true);
    expect((lazyExports(load, "object", false) as { __esModule?: boolean }).__esModule).toBeUndefined();
    expect(load).not.toHaveBeenCalled();
  });

  it("lists and copies the keys of an object module, including non-configurable getters as CommonJS re-exports define them", () => {
    const real = {};
    Object.defineProperty(real, "de", { enumerable: true, get: () => "Deutsch" });
    Object.defineProperty(real, "fr", { enumerable: true, get: () => "Français" });
    const ns = lazyExports(() => real, "object", true) as Record<string, string>;
    expect(Object.keys(ns)).toEqual(["de", "fr"]);
    expect({ ...ns }).toEqual({ de: "Deutsch", fr: "Français" });
    expect("de" in ns).toBe(true);
    expect("it" in ns).toBe(false);
  });
});

describe("seedLazyModules", () => {
  const resolve = (request: string) => (request === "archiver" ? "/x/archiver/index.js" : undefined);

  it("puts a stand-in in the cache for each resolvable deferred module, which loads the real one on first use and leaves it in the cache", () => {
    const cache: NodeJS.Dict<NodeJS.Module> = {};
    const real = jest.fn(() => "zip");
    const load = jest.fn((file: string) => {
      const m = new Module(file);
      m.exports = real;
      cache[file] = m;
      return real;
    });
    expect(seedLazyModules(cache, resolve, load)).toEqual(["/x/archiver/index.js"]);
    const stand = cache["/x/archiver/index.js"]!;
    expect(stand.loaded).toBe(true);
    expect(load).not.toHaveBeenCalled();
    expect((stand.exports as () => string)()).toBe("zip");
    expect(load).toHaveBeenCalledWith("/x/archiver/index.js");
    expect(cache["/x/archiver/index.js"]!.exports).toBe(real);
  });

  it("leaves a module that is already loaded alone", () => {
    const loaded = new Module("/x/archiver/index.js");
    const cache: NodeJS.Dict<NodeJS.Module> = { "/x/archiver/index.js": loaded };
    expect(seedLazyModules(cache, resolve, () => undefined)).toEqual([]);
    expect(cache["/x/archiver/index.js"]).toBe(loaded);
  });

  it("defers exactly cdktf's archiver and semver and zod's locale index", () => {
    expect(DEFERRED.map((d) => `${d.from}: ${d.request}`)).toEqual(["engine: archiver", "zod: zod/v4/locales/index.cjs", "engine: semver"]);
  });
});
