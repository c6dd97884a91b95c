/**
 * The app's speed patches, preloaded by cdktf.json's app command (`node --require
 * ./dist/lib/runtime/preload.js dist/main.js`) so that they run before main.ts loads anything:
 * no import order, and no import sorter, can switch them off. The library (lib/index.ts) never
 * loads this; only the app's own process is patched. __tests__/preload.test.ts spawns the app
 * and checks that the deferred modules stay unloaded.
 */
import { deferUnusedModules } from "./defer-unused-modules";
import { skipTokenStackTraces } from "./token-stack-traces";

deferUnusedModules();
skipTokenStackTraces();
