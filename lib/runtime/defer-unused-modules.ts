/**
 * Run by preload.ts, before cdktf and zod load: defers dependencies that the packages load
 * eagerly and a synth never uses. The first two were a third of the start-up time
 * of a one-tenant synth (the target is 3% of the `cdktf init` way, 258 ms; measured in
 * docs/benchmarks.md):
 * - cdktf's lib/private/fs.js requires `archiver` (some 200 files) at load time, only to zip
 *   TerraformAsset folders, which this app has none of: about 40 ms.
 * - zod's core requires `v4/locales/index.cjs`, all its 40-odd message translations, only to
 *   export them as `z.locales`; the default English locale is loaded separately: about 20 ms.
 * - cdktf's lib/validations/validate-binary-version.js requires `semver` (45 files) at load
 *   time, only to compare `terraform version` with a constraint when a stack has import or
 *   moved blocks and cdktf runs its validations: 15-18 ms (docs/benchmarks.md, start-up).
 *
 * Node documents `require.cache` as writable ("adding or replacing entries is possible"), so a
 * lazy stand-in placed there under the module's resolved file name is what `require` returns.
 * The stand-in loads the real module on first use, so behaviour never changes, only timing.
 * A dependency that cannot be resolved (another layout or version) is left alone. The library
 * (lib/index.ts) does not do this; only the commands do, for their own process. The engine's
 * dependencies are resolved from the folder of the engine that is installed (engine.ts), cdktf
 * or CDK Terrain, so the stand-in sits where the engine's own `require` looks.
 */
import Module from "node:module";
import { dirname } from "node:path";
import type { Engine } from "./engine";
import { lazyExports, type ExportsKind } from "./lazy-module";

interface Deferred {
  /** The request as the requiring package writes it. */
  readonly request: string;
  /** The package that requires it, for resolution from its own folder: the engine, or zod. */
  readonly from: "engine" | "zod";
  readonly kind: ExportsKind;
  readonly esModule: boolean;
}

export const DEFERRED: ReadonlyArray<Deferred> = [
  { request: "archiver", from: "engine", kind: "function", esModule: false },
  { request: "zod/v4/locales/index.cjs", from: "zod", kind: "object", esModule: true },
  { request: "semver", from: "engine", kind: "object", esModule: false },
];

/** The cache entries to seed, by resolved file name; in a function of its own for the tests. */
export function seedLazyModules(cache: NodeJS.Dict<NodeJS.Module>, resolve: (request: string, from: string) => string | undefined, load: (file: string) => unknown): string[] {
  const seeded: string[] = [];
  for (const d of DEFERRED) {
    const file = resolve(d.request, d.from);
    if (!file || cache[file]) continue;
    const m = new Module(file);
    m.filename = file;
    m.loaded = true;
    m.exports = lazyExports(
      () => {
        delete cache[file];
        return load(file);
      },
      d.kind,
      d.esModule,
    );
    cache[file] = m;
    seeded.push(file);
  }
  return seeded;
}

/** Seeds this process's module cache: true when it deferred something, else why not. */
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
