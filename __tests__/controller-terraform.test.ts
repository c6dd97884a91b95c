/**
 * The AWS provider itself renders every controller's policy documents (data
 * "aws_iam_policy_document" needs no AWS call), so these tests see the JSON IAM will get: the
 * provider accepts every statement and condition, each managed policy is within the 6,144
 * characters IAM allows, and the size this project computes never underestimates it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONTROLLER_NAMES } from "../lib/config/controller-schema";
import { managedPolicySize } from "../lib/policy/controllers/pack";
import { controllerPolicy } from "../lib/policy/controllers/registry";
import { controllerSchema } from "../lib/config/controller-schema";
import { dataSources, type Json } from "./helpers";
import { synthController } from "./policy-eval";
import { pluginMirror, requiredTerraformTest, terraform, terraformAvailable } from "./terraform";
import { FULL } from "./controller-options";

const SUITE = "controller policies rendered by the AWS provider";

if (terraformAvailable("terraform and the AWS provider mirror", SUITE)) {
  describe(SUITE, () => {
    const dir = mkdtempSync(join(tmpdir(), "controller-tf-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const documents: Record<string, Json> = {};
    const owners: Record<string, string> = {};
    for (const name of CONTROLLER_NAMES) {
      const docs = dataSources(synthController(FULL[name]), "aws_iam_policy_document");
      for (const [id, doc] of Object.entries(docs)) {
        if (!id.includes("managed-policy")) continue;
        const key = `${name}_${id}`;
        const { ["//"]: _meta, ...rest } = doc;
        documents[key] = rest;
        owners[key] = name;
      }
    }

    it("accepts every document, each within 6,144 characters and within the computed size", async () => {
      writeFileSync(
        join(dir, "main.tf.json"),
        JSON.stringify({
          terraform: { required_providers: { aws: { source: "hashicorp/aws", version: "5.100.0" } } },
          provider: {
            aws: { region: "us-east-1", access_key: "mock", secret_key: "mock", skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true },
          },
          data: { aws_iam_policy_document: documents },
          output: Object.fromEntries(Object.keys(documents).map((k) => [k, { value: `\${data.aws_iam_policy_document.${k}.minified_json}` }])),
        }),
      );
      const init = await terraform(["init", "-input=false", `-plugin-dir=${pluginMirror()}`], dir);
      expect([init.code, init.stderr]).toEqual([0, ""]);
      const apply = await terraform(["apply", "-input=false", "-auto-approve", "-no-color"], dir);
      expect([apply.code, apply.stderr]).toEqual([0, ""]);
      const out = await terraform(["output", "-json"], dir);
      const rendered = JSON.parse(out.stdout) as Record<string, { value: string }>;
      expect(Object.keys(rendered).sort()).toEqual(Object.keys(documents).sort());
      const ctx = { clusterName: "demo", region: "us-east-1", partition: "aws" };
      for (const [key, { value }] of Object.entries(rendered)) {
        const name = owners[key]!;
        const computed = managedPolicySize(controllerPolicy(controllerSchema().parse(FULL[name as (typeof CONTROLLER_NAMES)[number]]), ctx).statements, ctx);
        expect([key, value.length <= 6144, value.length <= computed]).toEqual([key, true, true]);
      }
    }, 180_000);
  });
} else requiredTerraformTest(SUITE);
