/**
 * `attachRuntimePatches()`: the one way every command attaches the patches, first thing (the app
 * through preload.ts; each bin/ command calls it before it requires anything). "start" patches
 * seed the module cache before the engine loads; "engine" patches run once it has, so commands
 * that never synthesize never load it. Why each is kept: docs/benchmarks.md, "The runtime patches".
 */
import Module from "node:module";
import { writeSync } from "node:fs";
import { debugEnabled } from "./debug";
import { installedEngine, type Engine } from "./engine";
import { enableCompileCache } from "./compile-cache";
import { deferUnusedModules } from "./defer-unused-modules";
import { useStableStringify } from "./stable-stringify";
import { skipExtraResolvePasses } from "./skip-extra-resolve-passes";
import { skipResolveOfPlainValues } from "./skip-resolve-of-plain-values";
import { skipTokenStackTraces } from "./token-stack-traces";

/** true, or why the patch stood down, in a word or two. */
export type Outcome = true | string;
type Results = Map<string, Outcome>;
type Patch = { readonly name: string; readonly when: "start" | "engine"; readonly apply: (engine: Engine) => Outcome };
export const PATCHES: ReadonlyArray<Patch> = [
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
 * Calls `then` once the module `main` has loaded: at once, or from the `require` that loaded it.
 * Every `require` goes through Module.prototype.require, which is put back after.
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
      return "failed"; // a patch must never break the command it speeds up
    }
  };
  const engine = installedEngine();
  for (const p of PATCHES) results.set(p.name, !engine ? "engine missing" : p.when === "start" ? run(p, engine) : "engine unused");
  if (engine) whenLoaded(engine.main, () => PATCHES.filter((p) => p.when === "engine").forEach((p) => results.set(p.name, run(p, engine))));
  // writeSync: process.stderr can be asynchronous (pipes on Windows), and this is the exit.
  if (debugEnabled(env)) process.once("exit", () => notAppliedLine(results) && writeSync(2, `${notAppliedLine(results)}\n`));
  return results;
}
