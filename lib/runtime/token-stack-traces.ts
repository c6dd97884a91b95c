/**
 * The engine records a whole stack trace, as strings, for every token it creates (about 20 per
 * tenant), only to say where a token was made if it ever fails to resolve; the app's tokens come
 * from its own constructs (docs/benchmarks.md, "The patches"). cdktf 0.21 has no switch for it,
 * and its modules call `captureStackTrace` through lib/tokens/private/stack-trace.js's exports
 * on each use, so replacing that export takes effect at once. TENANTS_DEBUG keeps the traces.
 */
import { join } from "node:path";
import { debugEnabled } from "./debug";
import type { Engine } from "./engine";

export const TRACE_SKIPPED = "(creation stack not recorded; run with TENANTS_DEBUG=1 to record it)";

export function skipTokenStackTraces(engine: Engine, env: NodeJS.ProcessEnv = process.env): true | string {
  if (debugEnabled(env)) return "debugging";
  try {
    const mod = require(join(engine.dir, "lib/tokens/private/stack-trace")) as { captureStackTrace?: unknown };
    if (typeof mod.captureStackTrace !== "function") return "not found";
    mod.captureStackTrace = () => [TRACE_SKIPPED];
    return true;
  } catch {
    return "not found";
  }
}
