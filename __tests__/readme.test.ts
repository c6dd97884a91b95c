import { readFileSync } from "node:fs";
import { join } from "node:path";
import { withFreshReference } from "../lib/config/reference";
import { load } from "./helpers";

const readme = readFileSync(join(__dirname, "..", "README.md"), "utf8");

it("has a fresh key reference (run `npm run schema` after changing the schema)", () => {
  expect(readme).toBe(withFreshReference(readme));
  expect(readme).toContain("| `tenants[].role.maxSessionDuration` | integer (3600–43200) |  | `3600` |");
});

it("shows an annotated example that is itself a valid tenants file", async () => {
  const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const full = blocks.find((b) => b.includes("tenants:") && b.includes("permissionsBoundaryArn"));
  expect(full).toBeDefined();
  const r = await load(full!);
  expect(r.problems).toEqual([]);
  expect(r.config?.tenants[0]?.name).toBe("nginx");
});

it("gives a newcomer the two commands, and the test command", () => {
  expect(readme).toContain("npm ci\nnpm run synth\n");
  expect(readme).toContain("npm test");
});
