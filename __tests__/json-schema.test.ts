import { readFileSync } from "node:fs";
import { join } from "node:path";
import { JSON_SCHEMA_PATH, renderJsonSchema, tenantsJsonSchema } from "../lib/schema/json-schema";

it("the committed JSON Schema matches the zod schema (run `npm run schema` after changing it)", () => {
  expect(readFileSync(join(__dirname, "..", JSON_SCHEMA_PATH), "utf8")).toBe(renderJsonSchema());
});

it("carries the rules editors need: patterns, enums, required keys and no unknown keys", () => {
  const schema = tenantsJsonSchema() as any;
  expect(schema.required).toEqual(["clusters"]);
  expect(schema.additionalProperties).toBe(false);
  const tenant = schema.properties.tenants.items;
  expect(tenant.required).toEqual(["name", "namespace", "serviceAccount"]);
  expect(tenant.additionalProperties).toBe(false);
  expect(tenant.properties.namespace.pattern).toBe("^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
  expect(schema.properties.clusters.items.properties.agent.properties.install.enum).toEqual(["addon", "helm", "none"]);
  expect(tenant.properties.role.properties.maxSessionDuration).toMatchObject({ minimum: 3600, maximum: 43200, default: 3600 });
});

it("the default tenants file points editors at the committed schema", () => {
  expect(readFileSync(join(__dirname, "..", "tenants.yaml"), "utf8").split("\n")[0]).toBe(`# yaml-language-server: $schema=./${JSON_SCHEMA_PATH}`);
});
