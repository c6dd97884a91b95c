/**
 * A stack's S3 state key, and the rules it must follow. Terraform's S3 backend checks `key`
 * before it touches S3 (hashicorp/terraform, internal/backend/remote-state/s3/backend.go,
 * PrepareConfig, with the validators of validate.go; the same from v1.10.0 to v1.11.4):
 * - validateStringNotEmpty: not empty, nor only white space;
 * - validateStringS3Path: not starting or ending with "/";
 * - validateStringDoesNotContain("//"): no "//".
 * `terraform init` refuses a key that breaks one ("Error: Invalid Value"). With use_lockfile the
 * backend also writes the lock object `<key>.tflock` (backend_state.go, lockFileSuffix), and an
 * S3 object key is at most 1,024 bytes of UTF-8
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html), so the state key may
 * have at most 1,017.
 */
export const LOCK_FILE_SUFFIX = ".tflock";
export const S3_KEY_MAX_BYTES = 1024;
/** The longest state key whose lock object still fits in an S3 key. */
export const STATE_KEY_MAX_BYTES = S3_KEY_MAX_BYTES - LOCK_FILE_SUFFIX.length;

/** `<keyPrefix><stack>/terraform.tfstate`: one state per stack (stacks/stack-backend.ts). */
export function stateKey(keyPrefix: string, stack: string): string {
  return `${keyPrefix}${stack}/terraform.tfstate`;
}

/** What is wrong with `key` as an S3 backend's state key, or undefined. */
export function stateKeyProblem(key: string): string | undefined {
  if (key.trim() === "") return "Terraform's S3 backend refuses an empty key";
  if (key.startsWith("/") || key.endsWith("/")) return `Terraform's S3 backend refuses a key that starts or ends with "/"`;
  if (key.includes("//")) return `Terraform's S3 backend refuses a key that contains "//"`;
  const bytes = Buffer.byteLength(key, "utf8");
  if (bytes > STATE_KEY_MAX_BYTES) {
    return `${bytes} bytes; Terraform also writes the lock object <key>${LOCK_FILE_SUFFIX} beside it, and S3 keys are at most ${S3_KEY_MAX_BYTES} bytes, so a state key may have at most ${STATE_KEY_MAX_BYTES}`;
  }
  return undefined;
}
