/**
 * The runtime patches, and the one way every command attaches them: `attachRuntimePatches()`,
 * called by preload.ts for the app (cdktf.json's `node --require .../preload.js`) and as the
 * first statement of every bin/ command, before it requires anything else. Each patch is kept
 * because it saves at least 10% of CPU time or peak memory at 1 or 5,000 tenants
 * (`npm run bench:patches`, docs/benchmarks.md).
 *
 * "start" patches seed Node's module cache, so they run at once, before the engine loads.
 * "engine" patches change the engine's functions, so they run once its main module has loaded:
 * a command that never synthesizes never loads the engine for them. Each returns true or why
 * it stood down, in a word or two; TENANTS_DEBUG=1 prints those at exit, on one line.
 * TENANTS_PATCHES_OFF (`all`, or names separated by commas) turns patches off: the benchmark's
 * switch, and a way out should one misbehave.
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

export type Outcome = true | string;
type Results = Map<string, Outcome>;

interface Patch {
  readonly name: string;
  readonly when: "start" | "engine";
  readonly apply: (engine: Engine) => Outcome;
}

// The heap flags before anything allocates; the compile cache after them, as V8 keys cached
// code by its flags.
export const PATCHES: ReadonlyArray<Patch> = [
  { name: "heap-growth", when: "start", apply: () => limitHeapGrowth() },
  { name: "compile-cache", when: "start", apply: () => enableCompileCache() },
  { name: "defer-unused-modules", when: "start", apply: deferUnusedModules },
  { name: "stable-stringify", when: "start", apply: useStableStringify },
  { name: "token-stack-traces", when: "engine", apply: (engine) => skipTokenStackTraces(engine) },
  { name: "skip-extra-resolve-passes", when: "engine", apply: (engine) => skipExtraResolvePasses(engine) },
  { name: "skip-resolve-of-plain-values", when: "engine", apply: (engine) => skipResolveOfPlainValues(engine) },
];

export const OFF_VARIABLE = "TENANTS_PATCHES_OFF";
const STATE = Symbol.for("eks-pod-identity-tenants.runtime-patches");

export function notAppliedLine(results: Results): string | undefined {
  const missed = [...results].filter(([, o]) => o !== true).map(([name, o]) => `${name} (${o as string})`);
  return missed.length === 0 ? undefined : `runtime patches not applied: ${missed.join(", ")}`;
}

/**
 * Calls `then` once the module `main` has loaded: at once, or from the `require` that finished
 * loading it. Every `require` goes through Module.prototype.require
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
  const run = (p: Patch, engine: Engine): Outcome => {
    if (off.has("all") || off.has(p.name)) return "turned off";
    try {
      return p.apply(engine);
    } catch {
      // A patch must never break the command it speeds up.
      return "failed";
    }
  };
  const engine = installedEngine();
  let main: string | undefined;
  try {
    main = engine && require.resolve(engine.dir);
  } catch {
    main = undefined;
  }
  for (const p of PATCHES) results.set(p.name, !engine || !main ? "engine missing" : p.when === "start" ? run(p, engine) : "engine unused");
  if (engine && main) whenLoaded(main, () => PATCHES.filter((p) => p.when === "engine").forEach((p) => results.set(p.name, run(p, engine))));
  if (debugEnabled(env)) {
    process.once("exit", () => {
      const line = notAppliedLine(results);
      // writeSync: process.stderr can be asynchronous (pipes on Windows), and this is the exit.
      if (line) writeSync(2, `${line}\n`);
    });
  }
  return results;
}
