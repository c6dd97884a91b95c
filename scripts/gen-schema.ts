/**
 * `npm run schema`: rewrites schema/tenants.schema.json and the key reference (docs/reference.md)
 * from the zod schema. A test fails while either is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { JSON_SCHEMA_PATH, renderJsonSchema } from "../lib/schema/json-schema";
import { REFERENCE_PAGE, withFreshReference } from "../lib/schema/reference";
import { parseScriptArgs } from "../lib/commands/args";

const USAGE = "usage: npm run schema";
const HELP = `${USAGE}

Rewrites ${JSON_SCHEMA_PATH} and the key reference in ${REFERENCE_PAGE} from the zod schema
(lib/schema/schema.ts). Run it after changing the schema; a test fails while either is stale.
  -h, --help  this text
Exit codes: 0 written; 2 usage.
`;

const args = parseScriptArgs({ usage: USAGE, help: HELP }, process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) });
if (typeof args === "number") process.exitCode = args;
else {
  const root = join(__dirname, "..", "..");
  writeFileSync(join(root, JSON_SCHEMA_PATH), renderJsonSchema());
  const page = join(root, REFERENCE_PAGE);
  writeFileSync(page, withFreshReference(readFileSync(page, "utf8")));
  process.stdout.write(`wrote ${JSON_SCHEMA_PATH} and the reference in ${REFERENCE_PAGE}\n`);
}
