/**
 * The S3 state key rules are Terraform's: unit tests of each rule, and `terraform init` itself
 * (offline: the S3 endpoint is a closed local port) refusing exactly the keys the rules refuse.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { STATE_KEY_MAX_BYTES, stateKey, stateKeyProblem } from "../lib/terraform/s3-state-key";
import { S3_KEY_PREFIX, violation } from "../lib/aws/rules";
import { problemsOf } from "./helpers";
import { tempDir } from "./temp-dir";
import { requiredTerraformTest, terraform, terraformAvailable } from "./terraform";

describe("stateKeyProblem", () => {
  it("accepts a key as the stacks write it, up to 1,017 bytes", () => {
    expect(stateKeyProblem(stateKey("pod-identity/", "prod-payments"))).toBeUndefined();
    expect(stateKeyProblem(stateKey("", "prod"))).toBeUndefined();
    expect(stateKeyProblem("k".repeat(STATE_KEY_MAX_BYTES))).toBeUndefined();
  });

  it("refuses what Terraform's S3 backend refuses: empty, a leading or trailing '/', '//'", () => {
    expect(stateKeyProblem(" ")).toBe("Terraform's S3 backend refuses an empty key");
    expect(stateKeyProblem("/prod/terraform.tfstate")).toBe(`Terraform's S3 backend refuses a key that starts or ends with "/"`);
    expect(stateKeyProblem("prod/")).toBe(`Terraform's S3 backend refuses a key that starts or ends with "/"`);
    expect(stateKeyProblem("a//prod/terraform.tfstate")).toBe(`Terraform's S3 backend refuses a key that contains "//"`);
  });

  it("refuses a key whose lock object <key>.tflock would pass S3's 1,024 bytes", () => {
    expect(stateKeyProblem("k".repeat(STATE_KEY_MAX_BYTES + 1))).toBe(
      "1018 bytes; Terraform also writes the lock object <key>.tflock beside it, and S3 keys are at most 1024 bytes, so a state key may have at most 1017",
    );
    // UTF-8 bytes: 509 two-byte characters are 1,018 bytes.
    expect(stateKeyProblem("é".repeat(509))).toMatch(/^1018 bytes;/);
  });
});

describe("state.s3.keyPrefix", () => {
  it("is empty, or ends with '/', does not start with '/' and has no '//'", () => {
    for (const ok of ["", "pod-identity/", "a/b/", "team a/"]) expect(violation(S3_KEY_PREFIX, ok)).toBeUndefined();
    for (const bad of ["pod-identity", "/pod-identity/", "/", "a//", "a//b/", "a///"]) {
      expect(violation(S3_KEY_PREFIX, bad)).toBe(`${JSON.stringify(bad)} is not a valid key prefix: ${S3_KEY_PREFIX.allowed}`);
    }
  });

  it("is refused in the file at the prefix, with what is allowed", async () => {
    expect(await problemsOf(`clusters: [{ name: prod, region: eu-west-1 }]\nstate: { s3: { bucket: tf-state, region: eu-west-1, keyPrefix: "teams//pi/" } }\n`)).toEqual([
      `tenants.yaml:2:64: state.s3.keyPrefix: "teams//pi/" is not a valid key prefix: empty, or a prefix that ends with '/', does not start with '/' and has no '//' (Terraform's S3 backend refuses such a state key)`,
    ]);
  });
});

const SUITE = "the S3 state key rules against terraform init";
if (terraformAvailable("terraform", SUITE)) {
  describe(SUITE, () => {
    // A terraform process each; generous for a loaded machine.
    jest.setTimeout(60_000);
    /** Whether `terraform init` refuses `key` as an invalid backend value (before any request to S3). */
    async function terraformRefuses(key: string): Promise<boolean> {
      const dir = join(tempDir("s3-key-"), "stack");
      mkdirSync(dir);
      const s3 = {
        bucket: "tf-state",
        key,
        region: "us-east-1",
        use_lockfile: true,
        use_path_style: true,
        access_key: "test",
        secret_key: "test",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        // Port 9 (discard) on loopback: closed, so a key Terraform accepts fails fast on the request instead.
        endpoints: { s3: "http://127.0.0.1:9", sts: "http://127.0.0.1:9" },
        // One attempt (0 means the SDK's default of 3, with back-off).
        max_retries: 1,
      };
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ terraform: { backend: { s3 } } }));
      const init = await terraform(["init", "-input=false", "-no-color"], dir);
      expect(init.code).not.toBe(0);
      const refused = /Error: Invalid Value/.test(init.stderr);
      // Not refused: then it got as far as asking S3 (the closed port), so the key passed every check.
      if (!refused) expect(init.stderr).toMatch(/127\.0\.0\.1:9.*connection refused/);
      return refused;
    }

    it.each([
      ["prod/terraform.tfstate"],
      ["pod-identity/prod-payments/terraform.tfstate"],
      ["/prod/terraform.tfstate"],
      ["prod/terraform.tfstate/"],
      ["pi//prod/terraform.tfstate"],
      ["  "],
    ])("%j: refused by terraform exactly when stateKeyProblem refuses it", async (key) => {
      expect(await terraformRefuses(key)).toBe(stateKeyProblem(key) !== undefined);
    });
  });
} else {
  requiredTerraformTest(SUITE);
}
