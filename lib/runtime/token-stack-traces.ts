/**
 * CDKTF records a complete stack trace, formatted to strings, for every token it creates: each
 * resource attribute read (`role.arn`), each `dependsOn` entry and each nested-block accessor
 * that the provider classes build in their constructors. That is about 20 traces per tenant.
 * At 5,000 tenants they took a third of the CPU time of a synth and kept 140 MB alive until
 * the end (profile in docs/benchmarks.md). A trace is read only when a token fails to resolve,
 * to say where it was made; the app's tokens come from its own constructs, not from users.
 *
 * cdktf has no switch for this (its copy of the constructs library's captureStackTrace dropped
 * the option), and its modules call `stack_trace_1.captureStackTrace(...)` through the module's
 * exports object on every call, so replacing that export takes effect at once. 0.21 is the last
 * cdktf release, so the private path is stable; if it moves, this does nothing.
 */

import { join } from "node:path";
import { debugEnabled } from "./debug";
import type { Engine } from "./engine";

export const TRACE_SKIPPED = "(creation stack not recorded; run with TENANTS_DEBUG=1 to record it)";

interface StackTraceModule {
  captureStackTrace: (below?: unknown) => string[];
}

/**
 * Makes the engine skip token creation stacks in this process, unless TENANTS_DEBUG is set
 * (the commands print stack traces then too). Returns true, or why not.
 */
export function skipTokenStackTraces(engine: Engine, env: NodeJS.ProcessEnv = process.env): true | string {
  if (debugEnabled(env)) return "debugging";
  let mod: StackTraceModule;
  try {
    mod = require(join(engine.dir, "lib/tokens/private/stack-trace")) as StackTraceModule;
  } catch {
    return "not found";
  }
  if (typeof mod.captureStackTrace !== "function") return "not found";
  mod.captureStackTrace = () => [TRACE_SKIPPED];
  return true;
}
