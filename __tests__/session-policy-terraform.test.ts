/**
 * Real `terraform validate` of the session-policy example's AWS part, associations included, with
 * the AWS provider of the local plugin mirror. That mirror holds provider 5.100.0 only, which
 * predates both arguments a session policy needs: `disable_session_tags` (6.2.0) and `policy`
 * (6.57.1, stacks/provider-versions.ts). So the stack as written cannot be validated offline
 * here, and this test says exactly that, rather than pretending: validate must refuse those two
 * arguments on each association and nothing else in the stack; and the same stack without them
 * must validate clean. terraform-plan.test.ts plans the rest of it (role, trust, policy).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { awsPart, type Json } from "./aws-part";
import { pluginMirror, requiredTerraformTest, terraform, terraformAvailable } from "./terraform";

const SUITE = "terraform validate of a stack with session policies";
const MIRROR_VERSION = "5.100.0";
const stack = readFileSync(join(__dirname, "golden", "session-policies", "prod-east.json"), "utf8");

/** The AWS part, with the associations awsPart leaves out (for their newer arguments) put back as synthesized. */
function withAssociations(keepNewer: boolean): Json {
  const part = awsPart(stack, { providerVersion: MIRROR_VERSION, endpoints: { eks: "http://127.0.0.1:9" } }).json;
  const associations = JSON.parse(stack).resource.aws_eks_pod_identity_association as Record<string, Json>;
  part.resource.aws_eks_pod_identity_association = Object.fromEntries(
    Object.entries(associations).map(([name, body]) => {
      const { policy, disable_session_tags, ...rest } = body;
      return [name, keepNewer ? { ...rest, policy, disable_session_tags } : rest];
    }),
  );
  return part;
}

async function validate(json: Json): Promise<Json[]> {
  const dir = mkdtempSync(join(tmpdir(), "session-policy-validate-"));
  try {
    writeFileSync(join(dir, "main.tf.json"), JSON.stringify(json, null, 2));
    const init = await terraform(["init", "-backend=false", "-input=false", `-plugin-dir=${pluginMirror()}`], dir);
    if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stderr}`);
    const run = await terraform(["validate", "-json"], dir);
    return (JSON.parse(run.stdout) as { diagnostics: Json[] }).diagnostics;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!terraformAvailable("terraform and the AWS provider mirror", SUITE)) {
  requiredTerraformTest(SUITE);
} else {
  describe(SUITE, () => {
    it(`is refused by provider ${MIRROR_VERSION} for exactly policy and disable_session_tags on each association`, async () => {
      const diagnostics = await validate(withAssociations(true));
      const refused = diagnostics.map((d) => `${d.severity}: ${d.summary}: ${String(d.detail).replace(/\s+/g, " ")}`).sort();
      expect(refused).toEqual(
        [
          'error: Extraneous JSON object property: No argument or block type is named "disable_session_tags".',
          'error: Extraneous JSON object property: No argument or block type is named "disable_session_tags".',
          'error: Extraneous JSON object property: No argument or block type is named "policy".',
          'error: Extraneous JSON object property: No argument or block type is named "policy".',
        ].sort(),
      );
    }, 300_000);

    it("validates clean without those two arguments: the role, its trust and policy, and the associations", async () => {
      expect(await validate(withAssociations(false))).toEqual([]);
    }, 300_000);
  });
}
