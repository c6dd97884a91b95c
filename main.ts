/**
 * The CDKTF app (`cdktf.json` runs `node dist/main.js`): reads TENANTS_FILE (default
 * tenants.yaml), validates all of it, and only then builds and synthesizes one stack per
 * cluster. Invalid input exits 1 before anything is written.
 */
// First: defers modules that cdktf and zod load eagerly and a synth never uses.
import "./lib/runtime/defer-unused-modules";
import { App } from "cdktf";
import { buildStacks } from "./stacks/build-stacks";
import { loadOrReport, runCli, tenantsFileFromEnv } from "./lib/cli";
import { skipTokenStackTraces } from "./lib/runtime/token-stack-traces";
import { formatProblem } from "./lib/config/problems";
import { loadImports } from "./lib/live/imports-file";
import { importBlocksProblem } from "./lib/live/import-blocks-terraform";

// `npm run synth` validates first and prints the warnings there, cleanly; the cdktf CLI would
// print them again, each behind an "[ERROR]" log prefix. Errors are always printed.
const quietWarnings = process.env.TENANTS_WARNINGS_SHOWN === "1";

void runCli(async () => {
  const file = tenantsFileFromEnv();
  const config = await loadOrReport(file, (line) => {
    if (!(quietWarnings && line.startsWith("warning: "))) process.stderr.write(`${line}\n`);
  });
  if (!config) return 1;
  // imports/<cluster>.json, written by npm run adopt: import blocks for what already exists.
  const { imports, files, problems } = loadImports(file, config);
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  if (!imports) return 1;
  const terraform = importBlocksProblem(files);
  if (terraform) {
    process.stderr.write(`error: ${terraform}\n`);
    return 1;
  }
  skipTokenStackTraces();
  const app = new App();
  buildStacks(app, config, imports);
  app.synth();
  return 0;
});
