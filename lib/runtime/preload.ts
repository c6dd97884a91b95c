// For `node --require .../preload.js dist/main.js` (cdktf.json's app): the patches the bin/ commands attach themselves.
import { attachRuntimePatches } from "./patches";

attachRuntimePatches();
