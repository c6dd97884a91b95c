/**
 * Caps how far V8 lets the heap grow between full garbage collections, and when, so a big
 * synth's peak memory follows the data rather than the collector's timing or the machine's load.
 *
 * A synth builds the whole construct tree, then resolves and writes it: most of what it
 * allocates on the way is short-lived. After each full collection V8 sets the next collection's
 * limit at a multiple of the live heap (up to 4× for a fast-growing heap), and at 5,000 tenants
 * the run ended right at such a limit: about 60% of the 500 MiB peak was garbage, and the peak
 * swung from 406 to 803 MiB on a loaded machine depending on when the last collection ran.
 * Two V8 flags (`node --v8-options` lists both):
 * - `--heap-growing-percent=50` makes every limit 1.5× the live heap ("specifies heap growing
 *   factor as (1 + heap_growing_percent/100)");
 * - `--no-concurrent-marking` marks on the app's own thread, in small steps paid for by each
 *   allocation, instead of on helper threads. On a loaded machine those threads get little CPU,
 *   and the app kept allocating until they finished: with concurrent marking the peak at 5,000
 *   tenants reached 445–458 MiB in three of five runs at a load average of 5, against 379–387
 *   MiB on a quiet machine; with marking on the app's thread it stayed at 385–392 MiB at a load
 *   average of 5, for no more CPU time (the threads' work moves, it is not added).
 *
 * `v8.setFlagsFromString` is documented as unsafe after start-up for flags that change
 * behaviour already in place (https://nodejs.org/api/v8.html#v8setflagsfromstringflags); both
 * flags are read afresh each time V8 computes a new limit or starts marking, so they apply from
 * the next collection on. Set from preload.ts, before the app allocates anything.
 *
 * Only for big input: a small run pays for the cap without needing it. Its heap stays small
 * anyway, and the cap turned V8's first limits into extra full collections (two instead of one
 * for one tenant, about 15 ms of a 230 ms run); at 1,000 tenants (257 KB) the run took 2.0 s of
 * CPU without the cap against 2.3 s with it, at the same peak (172-197 MiB). From 2,500 tenants
 * (640 KB) the cap pays: 284 against 326 MiB. So the flags apply from SMALL_INPUT_BYTES up, and
 * whenever the tenants file's size cannot be read.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type * as V8 from "node:v8";
import { tenantsFileFromEnv } from "./tenants-file-env";

export const HEAP_GROWING_PERCENT = 50;

/** The flags, each with the name node's command line would give it under (either spelling). */
export const GC_FLAGS = [
  { flag: `--heap-growing-percent=${HEAP_GROWING_PERCENT}`, name: /^--heap[-_]growing[-_]percent(=|$)/ },
  { flag: "--no-concurrent-marking", name: /^--(no[-_])?concurrent[-_]marking$/ },
] as const;

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

/** The flags to set for a big input: those node's command line does not give. */
export function heapFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return GC_FLAGS.filter(({ name }) => !execArgv.some((a) => name.test(a))).map(({ flag }) => flag);
}

/**
 * Sets each flag in this process for a big input, unless node's command line gives it
 * (NODE_OPTIONS may not carry V8 flags: https://nodejs.org/api/cli.html#node_optionsoptions).
 */
export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv, big: () => boolean = bigInput): true | string {
  const wanted = heapFlags(execArgv);
  if (wanted.length === 0) return "set by node";
  if (!big()) return "small input";
  // Required here: loading node:v8 costs a small run about 2 ms, for nothing.
  const v8 = require("node:v8") as typeof V8;
  for (const flag of wanted) v8.setFlagsFromString(flag);
  return true;
}
