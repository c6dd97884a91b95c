import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudBackend, NamedCloudWorkspace, Testing, TerraformStack } from "cdktf";
import { CloudBlock, addStateBackend } from "../stacks/stack-backend";
import { runApp } from "./run";
import { parse, synthYaml } from "./helpers";
import { requiredTerraformTest, terraform, terraformAvailable } from "./terraform";

const GROUPS = `
clusters:
  - { name: prod, region: eu-west-1 }
tenants:
  - { name: web, namespace: web, serviceAccount: web }
  - { name: api, namespace: api, serviceAccount: api, stack: payments }
`;

describe("state.cloud", () => {
  it("writes a cloud block with one workspace per stack, <workspacePrefix><stack>, and no backend", async () => {
    const out = await synthYaml(`${GROUPS}state: { cloud: { organization: acme, workspacePrefix: pod-identity- } }\n`);
    expect(parse(out.prod!).terraform).toEqual({
      cloud: { organization: "acme", workspaces: { name: "pod-identity-prod" } },
      required_providers: parse(out.prod!).terraform.required_providers,
      required_version: ">= 1.10",
    });
    expect(parse(out["prod-payments"]!).terraform.cloud).toEqual({ organization: "acme", workspaces: { name: "pod-identity-prod-payments" } });
    expect(parse(out["prod-payments"]!).terraform.backend).toBeUndefined();
  });

  it("names the Terraform Enterprise host when one is given", async () => {
    const out = await synthYaml(`${GROUPS}state: { cloud: { organization: acme, workspacePrefix: "", hostname: tfe.example.com } }\n`);
    expect(parse(out.prod!).terraform.cloud).toEqual({ organization: "acme", hostname: "tfe.example.com", workspaces: { name: "prod" } });
  });

  it("synthesizes without a terraform binary: no `terraform version` at synth, unlike cdktf's CloudBackend", () => {
    const dir = mkdtempSync(join(tmpdir(), "cloud-synth-"));
    try {
      const file = join(dir, "tenants.yaml");
      writeFileSync(file, `${GROUPS}state: { cloud: { organization: acme, workspacePrefix: ws- } }\n`);
      // A PATH with node's folder only: no terraform, no shell tools.
      const run = runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: join(dir, "out"), PATH: join(process.execPath, "..") });
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("state per stack", () => {
  it("gives each stack its own S3 key, <keyPrefix><stack>/terraform.tfstate, with locking", async () => {
    const out = await synthYaml(`${GROUPS}state: { s3: { bucket: tf-state, region: eu-west-1, keyPrefix: pi/ } }\n`);
    expect(parse(out.prod!).terraform.backend.s3).toEqual({ bucket: "tf-state", region: "eu-west-1", key: "pi/prod/terraform.tfstate", encrypt: true, use_lockfile: true });
    expect(parse(out["prod-payments"]!).terraform.backend.s3).toEqual({ bucket: "tf-state", region: "eu-west-1", key: "pi/prod-payments/terraform.tfstate", encrypt: true, use_lockfile: true });
  });

  it("gives each stack its own local state file in the project root", async () => {
    const out = await synthYaml(GROUPS);
    expect(parse(out.prod!).terraform.backend).toEqual({ local: { path: "../../../terraform.prod.tfstate" } });
    expect(parse(out["prod-payments"]!).terraform.backend).toEqual({ local: { path: "../../../terraform.prod-payments.tfstate" } });
  });
});

describe("CloudBlock and addStateBackend from TypeScript", () => {
  it("prefers cloud when a caller passes both", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    addStateBackend(stack, "s", { cloud: { organization: "o", workspacePrefix: "p-" }, s3: { bucket: "b-b-b", region: "us-east-1", keyPrefix: "" } });
    expect(parse(Testing.synth(stack)).terraform).toEqual({ cloud: { organization: "o", workspaces: { name: "p-s" } } });
  });

  it("refuses an S3 state key that terraform init would refuse", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    expect(() => addStateBackend(stack, "prod", { s3: { bucket: "tf-state", region: "us-east-1", keyPrefix: "a//" } })).toThrow(
      `stack "prod": S3 state key "a//prod/terraform.tfstate": Terraform's S3 backend refuses a key that contains "//"; check state.s3.keyPrefix`,
    );
  });

  it("writes exactly what cdktf's CloudBackend writes, as JSON and as HCL", () => {
    const mine = new TerraformStack(Testing.app(), "mine");
    const theirs = new TerraformStack(Testing.app(), "theirs");
    const block = new CloudBlock(mine, { organization: "o", hostname: "tfe.example.com", workspace: "w" });
    // Never validated here, so its `terraform version` check does not run.
    const reference = new CloudBackend(theirs, { organization: "o", hostname: "tfe.example.com", workspaces: new NamedCloudWorkspace("w") });
    expect(block.toTerraform()).toEqual(reference.toTerraform());
    expect(block.toHclTerraform()).toEqual(reference.toHclTerraform());
    expect(block.toMetadata()).toEqual({ backend: "cloud", cloud: "tfe" });
    expect(block.toMetadata()).toEqual(reference.toMetadata());
  });

  it("reads another stack's outputs from its workspace", () => {
    const stack = new TerraformStack(Testing.app(), "s");
    const block = new CloudBlock(stack, { organization: "o", workspace: "w" });
    block.getRemoteStateDataSource(stack, "other");
    expect(parse(Testing.synth(stack)).data.terraform_remote_state.other).toEqual({ backend: "remote", config: { organization: "o", workspaces: { name: "w" } } });
  });
});

const SUITE = "the cloud block under terraform validate";
if (terraformAvailable("terraform", SUITE)) {
  describe(SUITE, () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "cloud-validate-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("is a cloud block Terraform accepts, alone (no backend beside it)", async () => {
      const out = await synthYaml(`${GROUPS}state: { cloud: { organization: acme, workspacePrefix: pod-identity-, hostname: tfe.example.com } }\n`);
      // The terraform block only: the providers are not in the test mirror, and the cloud
      // block is what is under test. -backend=false keeps init offline.
      const { cloud, backend, required_version } = parse(out["prod-payments"]!).terraform;
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { cloud, backend, required_version } }));
      const init = await terraform(["init", "-backend=false", "-input=false", "-no-color"], dir);
      expect(init.stderr).toBe("");
      expect(init.code).toBe(0);
      const validate = await terraform(["validate", "-no-color"], dir);
      expect(validate.stdout).toContain("The configuration is valid.");
      expect(validate.code).toBe(0);
    });
  });
} else {
  requiredTerraformTest(SUITE);
}
