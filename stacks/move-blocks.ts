/**
 * Moving a tenant, or a namespace it creates, to another stack of its cluster without destroying
 * anything (lib/plan/stack-moves.ts finds the moves, `npm run adopt -- <cluster> --base <older
 * file>` records them in the imports file):
 * - the old stack gets a `removed` block with `lifecycle { destroy = false }` for each of the
 *   resources, so that Terraform forgets them instead of destroying them (Terraform 1.7 and later,
 *   https://developer.hashicorp.com/terraform/language/resources/syntax#removing-resources);
 * - the new stack gets an `import` block for each, with the provider's documented import ID
 *   (https://developer.hashicorp.com/terraform/language/import), at the same address: a
 *   tenant's addresses do not depend on its stack (tenant-identities.ts).
 * The resources are exactly those under the tenant's construct in its new stack, so whatever a
 * tenant holds (role, inline policy, attachments, service account, association, smoke-test Job)
 * moves as one; a resource type without a known import ID is refused rather than recreated.
 */
import { TerraformResource, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { ClusterMoves } from "../lib/file/imports-file";
import type { ExistingTenantResources } from "../lib/constructs/tenant-identity";
import { terraformLiteral } from "../lib/terraform/terraform-literal";

/** A stack of one cluster, with its tenants' constructs by name. */
export interface MovableStack {
  readonly stack: TerraformStack;
  readonly tenants: ReadonlyMap<string, Construct>;
}

interface Owner {
  readonly cluster: string;
  /** The association's ID, from the imports file. */
  readonly associationId?: string;
  readonly what: string;
}

interface Inputs {
  readonly nameInput?: string;
  readonly policyArnInput?: string;
  readonly metadataInput?: { readonly name?: string; readonly namespace?: string };
}

/**
 * The import ID each provider documents for the resource, as a Terraform literal (the inputs are
 * literals already, terraform-literal.ts). Role: its name; inline policy `<role>:<policy>`;
 * attachment `<role>/<policy ARN>` (hashicorp/aws docs, import sections); association
 * `<cluster>,<association ID>`; Kubernetes objects `<namespace>/<name>`, a namespace its name
 * (hashicorp/kubernetes docs, import sections).
 */
function importId(r: TerraformResource, owner: Owner): string {
  const i = r as unknown as Inputs;
  const name = (v: string | undefined) => (v === undefined || v.includes("${TfToken[") ? undefined : v);
  let id: string | undefined;
  switch (r.terraformResourceType) {
    case "aws_iam_role":
      id = name(i.nameInput);
      break;
    case "aws_iam_role_policy":
      id = ownRoleName(r) !== undefined && name(i.nameInput) ? `${ownRoleName(r)}:${i.nameInput}` : undefined;
      break;
    case "aws_iam_role_policy_attachment":
      id = ownRoleName(r) !== undefined && name(i.policyArnInput) ? `${ownRoleName(r)}/${i.policyArnInput}` : undefined;
      break;
    case "aws_eks_pod_identity_association":
      id = owner.associationId === undefined ? undefined : `${terraformLiteral(owner.cluster)},${terraformLiteral(owner.associationId)}`;
      break;
    case "kubernetes_service_account_v1":
    case "kubernetes_job_v1":
    case "kubernetes_namespace_v1": {
      // A namespaced object is `<namespace>/<name>`, a namespace (which has none) its name.
      const m = i.metadataInput;
      if (m?.namespace === undefined) id = name(m?.name);
      else if (name(m.namespace) !== undefined && name(m.name) !== undefined) id = `${m.namespace}/${m.name}`;
      break;
    }
  }
  if (id === undefined) throw new Error(`${owner.what}: cannot move ${r.terraformResourceType} ${r.node.path} to another stack: its import ID is not known; move it by hand, or keep ${owner.what} in its stack`);
  return id;
}

/**
 * The name of the role a policy or attachment belongs to: the nearest aws_iam_role up the tree
 * (the tenant's own; its `role` input is a reference to it, not a name).
 */
function ownRoleName(r: TerraformResource): string | undefined {
  const role = ownRoleResource(r) as unknown as Inputs | undefined;
  return role?.nameInput;
}

function ownRoleResource(r: TerraformResource): TerraformResource | undefined {
  let scope: Construct | undefined = r.node.scope;
  while (scope && !(scope instanceof TerraformStack)) {
    const role = scope.node.children.find((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType === "aws_iam_role");
    if (role) return role;
    scope = scope.node.scope;
  }
  return undefined;
}

/** Imports every resource under `scope` into its stack; returns their addresses. */
function importAll(scope: Construct, owner: Owner): string[] {
  const stack = TerraformStack.of(scope);
  const resources = scope.node.findAll().filter((c): c is TerraformResource => c instanceof TerraformResource);
  return resources.map((r) => {
    r.importFrom(importId(r, owner));
    return `${r.terraformResourceType}.${stack.getLogicalId(r)}`;
  });
}

/** The namespace resource that `stack` creates for `ns`, if any. */
function namespaceIn(stack: TerraformStack, ns: string): TerraformResource | undefined {
  return stack.node
    .findAll()
    .find((c): c is TerraformResource => c instanceof TerraformResource && c.terraformResourceType === "kubernetes_namespace_v1" && (c as unknown as Inputs).metadataInput?.name === terraformLiteral(ns));
}

/**
 * Adds the import blocks in the new stacks and the removed blocks in the old ones. `stacks`: the
 * cluster's stacks by name; a stack no longer synthesized gets nothing (its state is left alone).
 */
export function applyStackMoves(cluster: string, stacks: ReadonlyMap<string, MovableStack>, moves: ClusterMoves, existing: ReadonlyMap<string, ExistingTenantResources> | undefined): void {
  const removed = new Map<string, string[]>();
  const forget = (from: string, addresses: string[]) => removed.set(from, [...(removed.get(from) ?? []), ...addresses]);
  for (const [tenant, from] of moves.tenants) {
    const identity = [...stacks.values()].map((s) => s.tenants.get(tenant)).find((t) => t !== undefined);
    if (!identity) continue;
    forget(from, importAll(identity, { cluster, associationId: existing?.get(tenant)?.associationId, what: `tenant ${JSON.stringify(tenant)}` }));
  }
  for (const [ns, from] of moves.namespaces) {
    for (const { stack } of stacks.values()) {
      const resource = namespaceIn(stack, ns);
      if (!resource) continue;
      resource.importFrom(terraformLiteral(ns));
      forget(from, [`${resource.terraformResourceType}.${stack.getLogicalId(resource)}`]);
    }
  }
  for (const [from, addresses] of removed) {
    // JSON form of `removed { from = …  lifecycle { destroy = false } }`.
    stacks.get(from)?.stack.addOverride("removed", [...addresses].sort().map((address) => ({ from: address, lifecycle: { destroy: false } })));
  }
}
