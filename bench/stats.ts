/** The arithmetic of the benchmark: medians and counts of Terraform objects in a stack. */

export function median(xs: ReadonlyArray<number>): number {
  if (xs.length === 0) throw new Error("median of no values");
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export interface ObjectCount {
  readonly resources: number;
  readonly data: number;
  readonly outputs: number;
  readonly total: number;
}

type Blocks = Record<string, Record<string, unknown> | undefined>;

/** Entries of a `{ type: { name: {...} } }` block; `//` keys are CDKTF metadata, not objects. */
function instances(block: Blocks | undefined): number {
  let n = 0;
  for (const [type, byName] of Object.entries(block ?? {})) {
    if (type === "//" || !byName) continue;
    n += Object.keys(byName).filter((k) => k !== "//").length;
  }
  return n;
}

/** Resources, data sources and outputs of one synthesized stack (`cdk.tf.json`). */
export function countObjects(stack: { resource?: Blocks; data?: Blocks; output?: Record<string, unknown> }): ObjectCount {
  const resources = instances(stack.resource);
  const data = instances(stack.data);
  const outputs = Object.keys(stack.output ?? {}).filter((k) => k !== "//").length;
  return { resources, data, outputs, total: resources + data + outputs };
}

/**
 * Objects each tenant adds: the stack's objects minus those of the same cluster with no tenant
 * (providers' data sources, the agent, ...), divided by the tenants.
 */
export function objectsPerTenant(total: number, perCluster: number, tenants: number): number {
  if (tenants <= 0) throw new Error("objects per tenant needs at least one tenant");
  return (total - perCluster) / tenants;
}
