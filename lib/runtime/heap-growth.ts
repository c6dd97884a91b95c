/**
 * For a big tenants file, caps how far V8 lets the heap grow between full collections and marks
 * on the app's own thread, so that a big synth's peak memory follows its live data rather than
 * the collector's timing and the machine's load (docs/benchmarks.md, "The patches"). Both are V8
 * flags (`node --v8-options`): `--heap-growing-percent` ("specifies heap growing factor as
 * (1 + heap_growing_percent/100)") and `--no-concurrent-marking`. Set with
 * `v8.setFlagsFromString` (https://nodejs.org/api/v8.html#v8setflagsfromstringflags) before the
 * app allocates anything; V8 reads both afresh at each collection. A small file leaves V8 alone:
 * there the cap only adds collections.
 */
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type * as V8 from "node:v8";
import { tenantsFileFromEnv } from "./tenants-file-env";

/** Each flag, and the names node's command line could give it under (either spelling). */
export const GC_FLAGS = [
  { flag: "--heap-growing-percent=50", name: /^--heap[-_]growing[-_]percent(=|$)/ },
  { flag: "--no-concurrent-marking", name: /^--(no[-_])?concurrent[-_]marking$/ },
] as const;

/** Tenants files smaller than this (about 2,000 tenants) leave V8's heap growth alone. */
export const SMALL_INPUT_BYTES = 512 * 1024;

/** Whether the file the app will read is big, or cannot be sized (then the cap is the safe side). */
export function bigInput(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): boolean {
  try {
    return statSync(resolve(cwd, tenantsFileFromEnv(env))).size >= SMALL_INPUT_BYTES;
  } catch {
    return true;
  }
}

/** The flags to set: those node's command line does not give (NODE_OPTIONS cannot carry V8 flags). */
export function heapFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return GC_FLAGS.filter(({ name }) => !execArgv.some((a) => name.test(a))).map(({ flag }) => flag);
}

export function limitHeapGrowth(execArgv: readonly string[] = process.execArgv, big: () => boolean = bigInput): true | string {
  const wanted = heapFlags(execArgv);
  if (wanted.length === 0) return "set by node";
  if (!big()) return "small input";
  // Required here: loading node:v8 costs a small run about 2 ms, for nothing.
  const v8 = require("node:v8") as typeof V8;
  for (const flag of wanted) v8.setFlagsFromString(flag);
  return true;
}
