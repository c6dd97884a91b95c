/**
 * The runtime patches for a process started with `node --require .../preload.js`, as
 * cdktf.json's app command starts the app: attached before main.js loads anything, the same
 * way every bin/ command attaches them as its first statement (patches.ts). The library
 * (lib/index.ts) never loads this; only the commands' own processes are patched.
 */
import { attachRuntimePatches } from "./patches";

attachRuntimePatches();
