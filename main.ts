/**
 * The CDKTF app (`cdktf.json` runs `node dist/main.js`): reads TENANTS_FILE (default
 * tenants.yaml), validates all of it, and only then builds and synthesizes one stack per
 * cluster. Invalid input exits 1 before anything is written.
 */
import { App } from "cdktf";
import { buildStacks } from "./stacks/build-stacks";
import { loadOrReport, runCli, tenantsFileFromEnv } from "./lib/cli";

void runCli(async () => {
  const config = await loadOrReport(tenantsFileFromEnv(), (line) => process.stderr.write(`${line}\n`));
  if (!config) return 1;
  const app = new App();
  buildStacks(app, config);
  app.synth();
  return 0;
});
