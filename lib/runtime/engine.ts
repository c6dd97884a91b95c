/**
 * Which CDK engine this process runs on: CDKTF (`cdktf`, the default) or its community fork CDK
 * Terrain (`cdktn`). The engine is the one the project has installed, found from this package's
 * own folder the way `require` would find it, so a consumer project's engine is found and not a
 * copy that happens to sit elsewhere. When both are installed, CDKTF wins, as it is the default.
 *
 * The runtime patches take the engine's folder from here, so that they patch the copy that is
 * actually loaded, or stand down.
 */
import { createHash } from "node:crypto";
import { dirname } from "node:path";

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

/** sha256 (first 16 hex digits) of a function's source: what the patches check an engine by. */
export const sourceHash = (fn: unknown) => createHash("sha256").update(String(fn)).digest("hex").slice(0, 16);

/** Whether each function in `found` has the source hash in `expected`. */
export function sourceMatches(found: Record<string, unknown>, expected: Record<string, string>): boolean {
  return Object.entries(expected).every(([name, hash]) => sourceHash(found[name]) === hash);
}
