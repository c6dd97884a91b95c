/**
 * Names that become construct IDs as they are: a cluster's name is its stack's ID, a tenant's
 * name the ID of its identity in its stack, a shared role's name the ID of its role. The CDK
 * constructs library keeps a construct's children in a plain object and asks
 * `this._children[id]` whether an ID is taken (constructs 10, Node.addChild), so an ID that
 * Object.prototype answers (`constructor`, `toString`, `valueOf`, …) counts as taken, and
 * synthesis stops with "There is already a Construct with name 'toString'". Such a name is
 * refused here, where the file is checked, at the name. Add-ons and controllers get IDs with a
 * prefix, and stack groups are joined to the cluster's name with '-', so their names are safe.
 */
import { error, type Finding } from "../diagnostics/problems";
import type { Config } from "../schema/schema";

const MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

function refuse(what: string, name: string): string {
  return `${what} ${JSON.stringify(name)} is also the name of a member of every JavaScript object (Object.prototype.${name}), and the CDK constructs library that names the stack's resources after it would take it for a construct that already exists; choose another name`;
}

export function objectMemberNames(c: Config): Finding[] {
  const out: Finding[] = [];
  c.clusters.forEach((x, i) => MEMBERS.has(x.name) && out.push(error(["clusters", i, "name"], refuse("cluster name", x.name))));
  c.tenants.forEach((t, i) => MEMBERS.has(t.name) && out.push(error(["tenants", i, "name"], refuse("tenant name", t.name))));
  c.sharedRoles.forEach((r, i) => MEMBERS.has(r.name) && out.push(error(["sharedRoles", i, "name"], refuse("shared-role name", r.name))));
  return out;
}
