/**
 * A stack's outputs: one map per kind of identity (`tenants`, `shared_roles`, `controllers`,
 * `addons`), keyed by name, so that a stack has at most four outputs however many tenants it
 * holds. Read one with `terraform output -json tenants`.
 *
 * Why not one output per tenant attribute, as before: Terraform evaluates each root-module output
 * against the module's whole state, so N outputs cost N times the state's size, and a plan grows
 * with the square of the tenants (hashicorp/terraform#32251; measured in docs/benchmarks.md: at
 * 1,000 tenants the four outputs per tenant took more than half of the plan's CPU time, and 5,000
 * did not finish in 24 minutes). One map per kind is evaluated once.
 */
import { Lazy, TerraformOutput, TerraformStack } from "cdktf";
import type { Construct } from "constructs";

/** The outputs a stack can have, and what each holds. */
export const STACK_OUTPUTS = {
  tenants: "Each tenant's IAM role (role_arn, role_name) and Pod Identity association (association_id, association_arn, and external_id for cross-account tenants), by tenant name",
  shared_roles: "Each shared IAM role (role_arn, role_name), by shared role name",
  controllers: "Each controller's IAM role (role_arn, role_name) and Pod Identity association (association_id), by controller name",
  addons: "Each add-on's IAM role (role_arn, role_name), by add-on name",
} as const;

export type StackOutputName = keyof typeof STACK_OUTPUTS;

/** One entry's attributes: Terraform references (tokens) or literals. */
export type OutputEntry = Readonly<Record<string, string>>;

interface Entries {
  readonly values: Map<string, OutputEntry>;
  /** Which construct wrote each key, for the message when a second one tries. */
  readonly owners: Map<string, string>;
}

const byStack = new WeakMap<TerraformStack, Map<StackOutputName, Entries>>();

/**
 * Adds `key` to the stack's output `name`, creating the output on first use. Keys are the names
 * of their kind (tenant, shared role, controller, add-on), which the tenants file keeps unique
 * within a stack; a second entry under one key would silently replace the first in Terraform's
 * map, so it is refused here instead.
 */
export function addStackOutputEntry(scope: Construct, name: StackOutputName, key: string, entry: OutputEntry): void {
  const stack = TerraformStack.of(scope);
  const outputs = byStack.get(stack) ?? new Map<StackOutputName, Entries>();
  byStack.set(stack, outputs);
  let entries = outputs.get(name);
  if (!entries) {
    entries = { values: new Map(), owners: new Map() };
    outputs.set(name, entries);
    const { values } = entries;
    // The ID has a '_' and a prefix no tenant, add-on or controller ID takes; the logical ID is the plain name.
    const output = new TerraformOutput(stack, `output_${name}`, {
      // Sorted by key, so that the stack's JSON does not change when entries are reordered.
      value: Lazy.anyValue({ produce: () => Object.fromEntries([...values.keys()].sort().map((k) => [k, { ...values.get(k)! }])) }),
      description: STACK_OUTPUTS[name],
    });
    output.overrideLogicalId(name);
  }
  const owner = entries.owners.get(key);
  if (owner !== undefined) {
    throw new Error(`${scope.node.path}: the stack's ${name} output already has an entry ${JSON.stringify(key)}, written by ${owner}; give one of them another name`);
  }
  entries.owners.set(key, scope.node.path);
  entries.values.set(key, entry);
}

/** The key of a construct in its stack's map: its ID directly under the stack, else the IDs from the stack down joined with '/', which no ID contains. */
export function outputKey(scope: Construct): string {
  const stack = TerraformStack.of(scope);
  const scopes = scope.node.scopes;
  return scopes
    .slice(scopes.indexOf(stack) + 1)
    .map((c) => c.node.id)
    .join("/");
}
