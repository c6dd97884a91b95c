/** The JSON Schema of the tenants file, generated from the zod schema so the two never drift. */
import { z } from "zod";
import { tenantsFileSchema } from "./schema";

/** Where the committed copy lives, relative to the repository root. */
export const JSON_SCHEMA_PATH = "schema/tenants.schema.json";

export function tenantsJsonSchema(): Record<string, unknown> {
  // io "input": what a person writes, so keys with defaults are optional.
  return z.toJSONSchema(tenantsFileSchema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
}

export function renderJsonSchema(): string {
  return `${JSON.stringify(tenantsJsonSchema(), null, 2)}\n`;
}
