/**
 * Lazy stand-ins for modules the engine and zod load at start-up and a synth never uses, resolved
 * from the installed engine's folder: docs/benchmarks.md, "The patches kept", defer-unused-modules.
 */
import { dirname } from "node:path";
import type { Engine } from "./engine";
import { lazyExports, resolveFrom, seedModule, type ExportsKind } from "./lazy-module";

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
    if (file && seedModule(cache, file, () => lazyExports(() => (delete cache[file], load(file)), d.kind, d.esModule))) seeded.push(file);
  }
  return seeded;
}
export function deferUnusedModules(engine: Engine): true | string {
  const zod = () => resolveFrom("zod/package.json", __dirname);
  const resolve = (request: string, from: string) => (from === "engine" ? resolveFrom(request, engine.dir) : zod() && resolveFrom(request, dirname(zod()!)));
  return seedLazyModules(require.cache, resolve, (file) => require(file)).length > 0 ? true : "not found";
}
