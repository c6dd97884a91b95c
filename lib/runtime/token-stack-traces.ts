/**
 * Skips the stack trace the engine records for every token, read only when a token fails to
 * resolve; TENANTS_DEBUG keeps them: docs/benchmarks.md, "The patches kept", token-stack-traces.
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
