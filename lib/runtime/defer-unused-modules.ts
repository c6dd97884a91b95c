/**
 * Defers modules that the engine and zod load eagerly and a synth never uses
 * (docs/benchmarks.md, "The patches"): the engine's `archiver` (some 200 files, only to zip
 * TerraformAsset folders, which the app has none of) and `semver` (only to check `terraform`'s
 * version for import and moved blocks), and zod's 40-odd message translations (the default
 * English one loads on its own). A lazy stand-in goes into Node's module cache under the
 * module's resolved file name (entries are replaceable: https://nodejs.org/api/modules.html#requirecache)
 * and loads the real module on first use: behaviour never changes, only timing. The engine's
 * are resolved from the folder of the engine installed (engine.ts), where its `require` looks.
 */
import Module from "node:module";
import { dirname } from "node:path";
import type { Engine } from "./engine";
import { lazyExports, type ExportsKind } from "./lazy-module";

interface Deferred {
  readonly request: string;
  /** Whose folder it is resolved from. */
  readonly from: "engine" | "zod";
  readonly kind: ExportsKind;
  readonly esModule: boolean;
}

export const DEFERRED: ReadonlyArray<Deferred> = [
  { request: "archiver", from: "engine", kind: "function", esModule: false },
  { request: "zod/v4/locales/index.cjs", from: "zod", kind: "object", esModule: true },
  { request: "semver", from: "engine", kind: "object", esModule: false },
];

/** Seeds `cache` with a stand-in for each deferred module that resolves; returns their files. */
export function seedLazyModules(cache: NodeJS.Dict<NodeJS.Module>, resolve: (request: string, from: string) => string | undefined, load: (file: string) => unknown): string[] {
  const seeded: string[] = [];
  for (const d of DEFERRED) {
    const file = resolve(d.request, d.from);
    if (!file || cache[file]) continue;
    const m = new Module(file);
    m.filename = file;
    m.loaded = true;
    m.exports = lazyExports(() => (delete cache[file], load(file)), d.kind, d.esModule);
    cache[file] = m;
    seeded.push(file);
  }
  return seeded;
}

export function deferUnusedModules(engine: Engine): true | string {
  const resolveFrom = (request: string, from: string): string | undefined => {
    try {
      return require.resolve(request, { paths: [from === "engine" ? engine.dir : dirname(require.resolve("zod/package.json"))] });
    } catch {
      return undefined;
    }
  };
  return seedLazyModules(require.cache, resolveFrom, (file) => require(file)).length > 0 ? true : "not found";
}
