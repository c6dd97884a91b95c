/**
 * The runtime patches, and the one way every command attaches them: `attachRuntimePatches()`,
 * which preload.ts calls for the app (cdktf.json's `node --require .../preload.js`) and which
 * every bin/ command calls first, before it requires anything else. Each patch is kept because
 * `npm run bench:patches` measured it saving at least 10% CPU time or peak memory at 1 or
 * 5,000 tenants (docs/benchmarks.md).
 *
 * A "start" patch seeds Node's module cache, so it runs at once, before the engine loads. An
 * "engine" patch changes the engine's own functions, so it runs as soon as the engine's main
 * module has loaded: a command that never synthesizes (validate, drift) never loads the engine
 * for it. Each patch returns true or, in a word or two, why it stood down; with TENANTS_DEBUG=1
 * the process prints one line at exit naming those that did not apply. TENANTS_PATCHES_OFF
 * (`all`, or names separated by commas) turns patches off: the benchmark's switch, and a way out
 * should one ever misbehave.
 */
import Module from "node:module";
import { writeSync } from "node:fs";
import { debugEnabled } from "./debug";
import { installedEngine, type Engine } from "./engine";
import { enableCompileCache } from "./compile-cache";
import { deferUnusedModules } from "./defer-unused-modules";
import { limitHeapGrowth } from "./heap-growth";
import { useStableStringify } from "./stable-stringify";
import { skipExtraResolvePasses } from "./skip-extra-resolve-passes";
import { skipResolveOfPlainValues } from "./skip-resolve-of-plain-values";
import { skipTokenStackTraces } from "./token-stack-traces";

/** true when the patch applied; otherwise why not, in a word or two. */
export type Outcome = true | string;

export interface Patch {
  readonly name: string;
  readonly when: "start" | "engine";
  readonly apply: (engine: Engine) => Outcome;
}

// Heap flags first, before anything allocates; the compile cache after them, as V8 keys cached
// code by its flags; the module cache seeds before the engine loads.
export const PATCHES: ReadonlyArray<Patch> = [
  { name: "heap-growth", when: "start", apply: () => limitHeapGrowth() },
  { name: "compile-cache", when: "start", apply: () => enableCompileCache() },
  { name: "defer-unused-modules", when: "start", apply: deferUnusedModules },
  { name: "stable-stringify", when: "start", apply: useStableStringify },
  { name: "token-stack-traces", when: "engine", apply: skipTokenStackTraces },
  { name: "skip-extra-resolve-passes", when: "engine", apply: skipExtraResolvePasses },
  { name: "skip-resolve-of-plain-values", when: "engine", apply: skipResolveOfPlainValues },
];

export const OFF_VARIABLE = "TENANTS_PATCHES_OFF";

const STATE = Symbol.for("eks-pod-identity-tenants.runtime-patches");
type Results = Map<string, Outcome>;

/** The line TENANTS_DEBUG prints, or undefined when every patch applied. */
export function notAppliedLine(results: Results): string | undefined {
  const missed = [...results].filter(([, o]) => o !== true).map(([name, o]) => `${name} (${o as string})`);
  return missed.length === 0 ? undefined : `runtime patches not applied: ${missed.join(", ")}`;
}

/** Runs `patch`, which must never break the command it speeds up. */
function run(patch: Patch, engine: Engine, off: ReadonlySet<string>): Outcome {
  if (off.has("all") || off.has(patch.name)) return "turned off";
  try {
    return patch.apply(engine);
  } catch {
    return "failed";
  }
}

/**
 * Calls `then` once the engine's main module has loaded: at once if it has, else from the
 * `require` call that finished loading it. Node's `require` goes through Module.prototype.require
 * (https://nodejs.org/api/modules.html#modulerequireid), which is put back right after.
 */
export function whenLoaded(main: string, then: () => void, cache: NodeJS.Dict<NodeJS.Module> = require.cache): void {
  if (cache[main]?.loaded) return then();
  const proto = Module.prototype as { require: (id: string) => unknown };
  const original = proto.require;
  proto.require = function require(this: Module, id: string) {
    const exports = original.call(this, id);
    if (proto.require !== original && cache[main]?.loaded) {
      proto.require = original;
      then();
    }
    return exports;
  };
}

/** Attaches the patches to this process, once; returns each patch's outcome so far. */
export function attachRuntimePatches(env: NodeJS.ProcessEnv = process.env): Results {
  const global = globalThis as Record<symbol, Results | undefined>;
  if (global[STATE]) return global[STATE];
  const results: Results = (global[STATE] = new Map());
  const off = new Set((env[OFF_VARIABLE] ?? "").split(",").map((s) => s.trim()));
  const engine = installedEngine();
  let main: string | undefined;
  try {
    main = engine && require.resolve(engine.dir);
  } catch {
    main = undefined;
  }
  for (const p of PATCHES) {
    if (p.when === "start") results.set(p.name, engine ? run(p, engine, off) : "engine missing");
    else results.set(p.name, main ? "engine unused" : "engine missing");
  }
  if (engine && main) whenLoaded(main, () => PATCHES.filter((p) => p.when === "engine").forEach((p) => results.set(p.name, run(p, engine, off))));
  if (debugEnabled(env)) {
    process.once("exit", () => {
      const line = notAppliedLine(results);
      // writeSync: process.stderr may be asynchronous (a pipe on Windows), and this is the exit.
      if (line) writeSync(2, `${line}\n`);
    });
  }
  return results;
}
