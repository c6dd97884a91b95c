/**
 * `npm run schema`: rewrites schema/tenants.schema.json and the README's key reference from the
 * zod schema. A test fails while either is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { JSON_SCHEMA_PATH, renderJsonSchema } from "../lib/config/json-schema";
import { withFreshReference } from "../lib/config/reference";

const root = join(__dirname, "..", "..");
writeFileSync(join(root, JSON_SCHEMA_PATH), renderJsonSchema());
const readme = join(root, "README.md");
writeFileSync(readme, withFreshReference(readFileSync(readme, "utf8")));
process.stdout.write(`wrote ${JSON_SCHEMA_PATH} and the reference in README.md\n`);
