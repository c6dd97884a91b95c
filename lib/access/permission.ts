/** One statement as the access review models it, and where it comes from (lib/access/model.ts). */

/**
 * Where a statement comes from: an AWS managed policy's default version, a grant, a raw
 * statement, the chaining into a cross-account target role, a controller's published policy, or
 * the association's session policy.
 */
export type StatementSource =
  | { readonly kind: "managedPolicy"; readonly policy: string; readonly version: string; readonly sid?: string }
  | { readonly kind: "grant" | "statement" | "targetRole" | "controllerPolicy" | "sessionPolicy"; readonly sid?: string };

export interface Permission {
  readonly effect: "Allow" | "Deny";
  /** Empty for a statement with NotAction. */
  readonly actions: ReadonlyArray<string>;
  /** Empty for a statement with NotResource. */
  readonly resources: ReadonlyArray<string>;
  /** Every action but these (IAM's NotAction), kept as written: only AWS managed policies have them here. */
  readonly notActions?: ReadonlyArray<string>;
  /** Every resource but these (IAM's NotResource), kept as written. */
  readonly notResources?: ReadonlyArray<string>;
  /** IAM's own form: `{ operator: { key: [values] } }`; empty when there are none. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, ReadonlyArray<string>>>>>;
  /** Where the statement comes from; absent on permissions made by hand. */
  readonly source?: StatementSource;
}
