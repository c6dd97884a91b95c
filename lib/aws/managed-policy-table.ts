/**
 * The shape of the generated AWS managed policy table (aws-managed-policies.json), apart from the
 * table itself so that code naming the type does not load 1,600 entries.
 */

export interface ManagedPolicyEntry {
  /** The IAM path, "" or such as "service-role/", as the ARN has it after `policy/`. */
  readonly path: string;
  /** The default version, such as "v15": the one IAM evaluates. */
  readonly defaultVersion: string;
}

export interface ManagedPolicyTable {
  /** Where the table comes from: the npm package, its version, and its newest policy update (YYYY-MM-DD). */
  readonly dataset: { readonly package: string; readonly version: string; readonly newestUpdate: string };
  /** The ARN partitions the dataset lists its policies in. */
  readonly partitions: ReadonlyArray<string>;
  /** By policy name. */
  readonly policies: Readonly<Record<string, ManagedPolicyEntry>>;
}
