/**
 * The tenants-file check that each shared role singles out one member: its placeholders are
 * delimited, and on every cluster no two of its members reach a common resource
 * (shared-role-scope.ts). Registered in lib/checks/check-registry.ts.
 */
import { landsOn } from "../plan/plan";
import { error, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { regionPartition } from "../aws/region-rules";
import type { Tenant } from "../schema/schema";
import { memberClashes, scopedStrings } from "../policy/shared-role-overlap";
import { boundaryProblems, clashMessage, type NamedMember } from "../policy/shared-role-scope";

export const sharedRoleScoping: Check = (c) => {
  const out: Finding[] = [];
  const index = new Map<Tenant, number>(c.tenants.map((t, i) => [t, i]));
  // A tenant is refused once, for its first clash: one clash is enough to fix the file.
  const refused = new Set<Tenant>();
  c.sharedRoles.forEach((r, j) => {
    const path = ["sharedRoles", j];
    for (const p of boundaryProblems(r.grants, r.statements)) out.push(error([...path, ...p.path], `shared role ${JSON.stringify(r.name)}: ${p.message}`));
    const strings = scopedStrings(r.grants, r.statements);
    if (strings.length === 0) return;
    for (const cluster of c.clusters) {
      const tenants = c.tenants.filter((t) => t.sharedRole === r.name && landsOn(t, cluster.name));
      if (tenants.length < 2) continue;
      const members = tenants.map((t): NamedMember & { tenant: Tenant } => ({
        tenant: t,
        label: `tenant ${JSON.stringify(t.name)}`,
        namespace: t.namespace,
        serviceAccount: t.serviceAccount,
        cluster: cluster.name,
      }));
      const env = { partition: regionPartition(cluster.region), region: cluster.region, accountId: cluster.accountId ?? "<account>" };
      for (const clash of memberClashes(strings, members)) {
        const t = clash.second.tenant;
        if (refused.has(t)) continue;
        refused.add(t);
        const message = clashMessage(r.name, path, clash, env, `tenants[${index.get(clash.first.tenant)}]`);
        out.push(error(["tenants", index.get(t)!, "sharedRole"], `on cluster ${JSON.stringify(cluster.name)}: ${message}`));
      }
    }
  });
  return out;
};
