/**
 * A stack that refuses two elements at one Terraform address. cdktf derives an element's logical
 * ID from its construct path: the ID itself directly under the stack, with the characters outside
 * [A-Za-z0-9_-] dropped ("a.b" and "ab" both give "ab"), and deeper down the path's IDs joined
 * by '_' and the first 8 hex digits of an MD5 of the path (hashicorp/terraform-cdk v0.21.0, packages/cdktf/lib/private/unique.ts,
 * makeUniqueId). Two paths can therefore meet, and the synthesized JSON would then hold one
 * block where two were meant: the later silently replaces the earlier. The project's own IDs are
 * chosen so that they cannot meet (tenant names have no '_', every stack-level ID has one), and
 * this is the check after derivation that holds whatever the IDs.
 */
import { TerraformElement, TerraformStack } from "cdktf";
import type { Node } from "constructs";

export class UniqueAddressStack extends TerraformStack {
  private readonly addresses = new Map<string, TerraformElement>();

  protected override allocateLogicalId(element: TerraformElement | Node): string {
    const id = super.allocateLogicalId(element);
    if (!TerraformElement.isTerraformElement(element)) return id;
    // The block kind and type, as Terraform addresses it: "aws_iam_role", "data.aws_iam_policy_document".
    const kind = (element as unknown as { _elementType?: string })._elementType ?? `(${element.constructor.name})`;
    const address = `${kind}.${id}`;
    const other = this.addresses.get(address);
    if (other !== undefined && other !== element) {
      throw new Error(`stack ${JSON.stringify(this.node.id)}: ${other.node.path} and ${element.node.path} would both be ${address}; give one of them another construct ID`);
    }
    this.addresses.set(address, element);
    return id;
  }
}
