/**
 * `npm run drift -- <cluster> [--file <tenants file>]`: live Pod Identity associations against
 * the tenants file (TENANTS_FILE by default). Exit 0: no drift; 1: drift; 2: usage, file or AWS error.
 */
import { runCli } from "../lib/cli";
import { eksClient } from "../lib/drift/aws";
import { runDrift } from "../lib/drift/command";

void runCli(() =>
  runDrift(process.argv.slice(2), {
    client: eksClient,
    stdout: (text) => process.stdout.write(text),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }),
);
