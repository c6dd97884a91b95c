/**
 * The CDKTF app (`cdktf.json` runs it as `node --require ... dist/main.js`): reads TENANTS_FILE
 * (default tenants.yaml), validates all of it, and only then builds and synthesizes one stack
 * per cluster. Invalid input exits 1 before anything is written. The speed patches are not
 * imported here but preloaded by the app command (lib/runtime/preload.ts).
 */
import { App } from "cdktf";
import { buildStacks } from "./stacks/build-stacks";
import { diagnosticsWriter, loadOrReport, runCli } from "./lib/commands/cli";
import { tenantsFileFromEnv } from "./lib/runtime/tenants-file-env";
import { formatProblem } from "./lib/diagnostics/problems";
import { loadImports } from "./lib/file/imports-file";
import { importBlocksProblem } from "./lib/commands/import-blocks-terraform";

void runCli(async () => {
  const file = tenantsFileFromEnv();
  const write = diagnosticsWriter();
  const config = await loadOrReport(file, write);
  if (!config) return 1;
  // imports/<cluster>.json, written by npm run adopt: import blocks for what already exists.
  const { imports, moves, files, problems } = loadImports(file, config);
  for (const p of problems) write(formatProblem(p));
  if (!imports) return 1;
  const terraform = importBlocksProblem(files);
  if (terraform) {
    write(`error: ${terraform}`);
    return 1;
  }
  const app = new App();
  buildStacks(app, config, imports, moves);
  app.synth();
  return 0;
});
