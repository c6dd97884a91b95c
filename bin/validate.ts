/**
 * `npm run validate -- <file>`: exit 0 when the tenants file is valid, 1 when it is not, with
 * one line per problem on stderr. Warnings are printed too and do not fail the run.
 */
import { loadOrReport, runCli, tenantsFileFromEnv } from "../lib/cli";
import { formatProblem } from "../lib/config/problems";
import { loadImports } from "../lib/live/imports-file";

void runCli(async () => {
  const args = process.argv.slice(2);
  if (args.length > 1) {
    process.stderr.write("usage: npm run validate -- [tenants file]\n");
    return 2;
  }
  const file = args[0] ?? tenantsFileFromEnv();
  const config = await loadOrReport(file, (line) => process.stderr.write(`${line}\n`));
  if (!config) return 1;
  const { imports, problems } = loadImports(file, config);
  for (const p of problems) process.stderr.write(`${formatProblem(p)}\n`);
  if (!imports) return 1;
  process.stdout.write(`${file}: valid: ${config.clusters.length} cluster(s), ${config.tenants.length} tenant(s)\n`);
  return 0;
});
