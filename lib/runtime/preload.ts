/**
 * The app's speed patches, preloaded by cdktf.json's app command (`node --require
 * ./dist/lib/runtime/preload.js dist/main.js`) so that they run before main.ts loads anything:
 * no import order, and no import sorter, can switch them off. The library (lib/index.ts) never
 * loads this; only the app's own process is patched. __tests__/preload.test.ts spawns the app
 * and checks that the deferred modules stay unloaded.
 */
import { limitHeapGrowth } from "./heap-growth";
import { enableCompileCache } from "./compile-cache";
import { deferUnusedModules } from "./defer-unused-modules";
import { useStableStringify } from "./stable-stringify";
import { skipExtraResolvePasses } from "./skip-extra-resolve-passes";
import { skipResolveOfPlainValues } from "./skip-resolve-of-plain-values";
import { skipTokenStackTraces } from "./token-stack-traces";

// The heap flags first, before anything allocates; then the compile cache, whose file depends on
// those flags (V8 checks cached code against its flags); then the module cache, before cdktf loads.
enableCompileCache({ v8Flags: limitHeapGrowth(), entry: process.argv[1] });
deferUnusedModules();
useStableStringify();
skipTokenStackTraces();
skipExtraResolvePasses();
skipResolveOfPlainValues();
