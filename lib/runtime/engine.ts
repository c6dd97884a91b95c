/**
 * Which CDK engine this process runs on: CDKTF (`cdktf`, the default) or its community fork CDK
 * Terrain (`cdktn`). The engine is the one the project has installed, found from this package's
 * own folder the way `require` would find it, so a consumer project's engine is found and not a
 * copy that happens to sit elsewhere. When both are installed, CDKTF wins, as it is the default.
 *
 * The runtime patches take the engine's folder from here, so that they patch the copy that is
 * actually loaded, or stand down.
 *
 * The sources import `cdktf` and `@cdktf/provider-aws/lib/...`. When the engine is CDK Terrain,
 * importing this module makes Node resolve those requests as `cdktn` and
 * `@cdktn/provider-aws/lib/...` instead (useInstalledEngine). CDK Terrain keeps CDKTF's module
 * layout and class names (its upgrade guide, https://cdktn.io/docs/release/upgrade-guide-v0-22,
 * moves a project by renaming the imports and nothing else), so one compiled package serves both
 * engines, and npm never has to install `cdktf` beside `cdktn`. The entry points (main.ts,
 * lib/index.ts) import this module before anything else.
 */
import Module = require("node:module");
import { createHash } from "node:crypto";
import { dirname } from "node:path";
import { debugEnabled } from "./debug";

export type EngineName = "cdktf" | "cdktn";

export interface Engine {
  readonly name: EngineName;
  /** The folder of the engine's package.json. */
  readonly dir: string;
  /** Its main module: the runtime patches wait for this to load. */
  readonly main: string;
  readonly version: string;
}

const ORDER: ReadonlyArray<EngineName> = ["cdktf", "cdktn"];

let found: Engine | null | undefined;

/** The installed engine, or undefined when neither resolves. */
export function installedEngine(from: string = __dirname): Engine | undefined {
  if (from === __dirname && found !== undefined) return found ?? undefined;
  let result: Engine | null = null;
  for (const name of ORDER) {
    let manifest: string;
    try {
      manifest = require.resolve(`${name}/package.json`, { paths: [from] });
    } catch {
      continue;
    }
    const { version } = require(manifest) as { version: string };
    result = { name, dir: dirname(manifest), main: require.resolve(dirname(manifest)), version };
    break;
  }
  if (from === __dirname) found = result;
  return result ?? undefined;
}

/**
 * The CDKTF packages whose CDK Terrain counterpart has the same modules under another name.
 * The Kubernetes and Helm bindings are not here: npm has no `@cdktn` packages for them, and the
 * `@cdktf` ones require `cdktf` as a peer; lib/bindings/ serves them under either engine.
 */
const RENAMES: ReadonlyArray<readonly [from: string, to: string]> = [
  ["cdktf", "cdktn"],
  ["@cdktf/provider-aws", "@cdktn/provider-aws"],
];

/** `request` as the given engine names it: `cdktf/lib/x` becomes `cdktn/lib/x` under cdktn. */
export function engineRequest(request: string, engine: EngineName): string {
  if (engine === "cdktf") return request;
  for (const [from, to] of RENAMES) {
    if (request === from || request.startsWith(`${from}/`)) return to + request.slice(from.length);
  }
  return request;
}

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;
const loader = Module as unknown as { _resolveFilename: ResolveFilename };
let redirected = false;

/**
 * Under CDK Terrain, makes every later `require` of a CDKTF package (from this package, or from
 * anything else in the process) load its CDK Terrain counterpart; under CDKTF, or with no
 * engine installed, changes nothing. Safe to call more than once. Returns the engine.
 *
 * The hook is Node's module resolver (`Module._resolveFilename`), the one place every CommonJS
 * `require` passes through; the request is only renamed, so Node's own resolution and its
 * "Cannot find module" errors apply to the new name unchanged.
 */
export function useInstalledEngine(write: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): Engine | undefined {
  const engine = installedEngine();
  if (!engine || engine.name === "cdktf" || redirected) return engine;
  redirected = true;
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (this: unknown, request, parent, isMain, options) {
    return resolve.call(this, engineRequest(request, engine.name), parent, isMain, options);
  };
  if (debugEnabled()) write(`engine: ${engine.name} ${engine.version} (${engine.dir}); requests for ${RENAMES.map(([f, t]) => `${f} load ${t}`).join(", ")}`);
  return engine;
}

useInstalledEngine();
/** sha256 (first 16 hex digits) of a function's source: what the patches check an engine by. */
export const sourceHash = (fn: unknown) => createHash("sha256").update(String(fn)).digest("hex").slice(0, 16);

/** Whether each function in `found` has the source hash in `expected`. */
export function sourceMatches(found: Record<string, unknown>, expected: Record<string, string>): boolean {
  return Object.entries(expected).every(([name, hash]) => sourceHash(found[name]) === hash);
}
