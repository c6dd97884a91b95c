/** `npm run schema`: rewrites schema/tenants.schema.json from the zod schema. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { JSON_SCHEMA_PATH, renderJsonSchema } from "../lib/config/json-schema";

const out = join(__dirname, "..", "..", JSON_SCHEMA_PATH);
writeFileSync(out, renderJsonSchema());
process.stdout.write(`wrote ${JSON_SCHEMA_PATH}\n`);
