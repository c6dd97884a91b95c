/**
 * Caps how far V8 lets the heap grow between full garbage collections, so a big synth's peak
 * memory follows the data rather than the collector's timing.
 *
 * A synth builds the whole construct tree, then resolves and writes it: most of what it
 * allocates on the way is short-lived. After each full collection V8 sets the next collection's
 * limit at a multiple of the live heap (up to 4× for a fast-growing heap), and at 5,000 tenants
 * the run ended right at such a limit: about 60% of the 500 MiB peak was garbage, and the peak
 * swung from 406 to 803 MiB on a loaded machine depending on when the last collection ran.
 * `--heap-growing-percent=50` makes every limit 1.5× the live heap (V8's flag description:
 * "specifies heap growing factor as (1 + heap_growing_percent/100)"; `node --v8-options`
 * lists it). That keeps the peak near 420 MiB for some more, shorter collections.
 *
 * `v8.setFlagsFromString` is documented as unsafe after start-up for flags that change
 * behaviour already in place (https://nodejs.org/api/v8.html#v8setflagsfromstringflags); the
 * growth factor is read afresh each time V8 computes a new limit, so it applies from the next
 * collection on. Set from preload.ts, before the app allocates anything.
 *
 * Only for big input: a small run pays for the cap without needing it. Its heap stays small
 * anyway, and the cap turned V8's first limits into extra full collections (two instead of one
 * for one tenant, about 15 ms of a 230 ms run); at 1,000 tenants (257 KB) the run took 2.0 s of
 * CPU without the cap against 2.3 s with it, at the same peak (172-197 MiB). From 2,500 tenants
 * (640 KB) the cap pays: 284 against 326 MiB. So it applies from SMALL_INPUT_BYTES up, and
 * whenever the tenants file's size cannot be read.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type * as V8 from "node:v8";
import { tenantsFileFromEnv } from "./tenants-file-env";

export const HEAP_GROWING_PERCENT = 50;

export const HEAP_GROWTH_FLAG = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;

/** Tenants files smaller than this leave V8's heap growth alone (about 2,000 tenants). */
export const SMALL_INPUT_BYTES = 512 * 1024;

/**
 * Whether the tenants file the app will read (TENANTS_FILE, else tenants.yaml, from the working
 * folder) is big enough for the cap, or cannot be sized (then the cap is the safe side).
 */
export function bigInput(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): boolean {
  try {
    return statSync(resolve(cwd, tenantsFileFromEnv(env))).size >= SMALL_INPUT_BYTES;
  } catch {
    return true;
  }
}

/**
 * Sets the flag in this process for a big input, unless node's command line gives it
 * (NODE_OPTIONS may not carry this V8 flag: https://nodejs.org/api/cli.html#node_optionsoptions).
 * Returns whether it did.
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv, big: () => boolean = bigInput): boolean {
  if (execArgv.some((a) => /^--heap[-_]growing[-_]percent(=|$)/.test(a)) || !big()) return false;
  // Required here: loading node:v8 costs a small run about 2 ms, for nothing.
  (require("node:v8") as typeof V8).setFlagsFromString(HEAP_GROWTH_FLAG);
  return true;
}
