/**
 * The CDKTF app (`cdktf.json` runs it as `node --require ... dist/main.js`): reads TENANTS_FILE
 * (default tenants.yaml), validates all of it, and only then builds and synthesizes one stack
 * per cluster. Invalid input exits 1 before anything is written. The speed patches are not
 * imported here but preloaded by the app command (lib/runtime/preload.ts).
 */
import { App } from "cdktf";
import { buildStacks } from "./stacks/build-stacks";
import { diagnosticsWriter, loadOrReport, runCli, tenantsFileFromEnv } from "./lib/cli";

void runCli(async () => {
  const config = await loadOrReport(tenantsFileFromEnv(), diagnosticsWriter());
  if (!config) return 1;
  const app = new App();
  buildStacks(app, config);
  app.synth();
  return 0;
});
