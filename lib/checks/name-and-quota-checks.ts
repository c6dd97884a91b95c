/**
 * Rules that span fields: duplicates, references between clusters and tenants, and AWS limits
 * that only show once the file is read as a whole. Each finding points at the later of two
 * clashing entries and names the earlier one. Registered in lib/checks/check-registry.ts.
 */
import { accountRelation } from "../aws/account-scope";
import { error, warning, type FieldPath, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { managedPolicyFindings } from "./managed-policies";
import { addonRoleNameFor, controllerRoleNameFor, roleNameFor } from "../aws/role-name";
import { ASSOCIATIONS_PER_CLUSTER } from "../aws/rules";
import type { Cluster, Config } from "../schema/schema";
import { didYouMean } from "../diagnostics/suggest";
import { landsOn, sharedRoleMembersOn } from "../plan/plan";

/** Reports the second and later occurrences of each key. */
function duplicates<T>(items: ReadonlyArray<T>, key: (t: T) => string | undefined, report: (item: T, index: number, firstIndex: number) => Finding): Finding[] {
  const seen = new Map<string, number>();
  const out: Finding[] = [];
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else out.push(report(item, i, first));
  });
  return out;
}

const uniqueNames: Check = (c) => [
  ...duplicates(c.clusters, (x) => x.name, (x, i, first) => error(["clusters", i, "name"], `cluster ${JSON.stringify(x.name)} is already defined at clusters[${first}]; cluster names must be unique`)),
  ...duplicates(c.tenants, (t) => t.name, (t, i, first) => error(["tenants", i, "name"], `tenant ${JSON.stringify(t.name)} is already defined at tenants[${first}]; tenant names must be unique`)),
];

const clusterReferences: Check = (c) => {
  const names = c.clusters.map((x) => x.name);
  const out: Finding[] = [];
  c.tenants.forEach((t, i) => {
    t.clusters?.forEach((name, k) => {
      if (!names.includes(name)) {
        out.push(error(["tenants", i, "clusters", k], `tenant ${JSON.stringify(t.name)} names cluster ${JSON.stringify(name)}, which is not in clusters[]${didYouMean(name, names)}; defined clusters: ${names.join(", ")}`));
      }
    });
    out.push(...duplicates(t.clusters ?? [], (n) => n, (n, k) => error(["tenants", i, "clusters", k], `cluster ${JSON.stringify(n)} is listed twice`)));
  });
  return out;
};

/**
 * Clusters and tenants counted once per name: a duplicate name is already its own error, and
 * must not also surface as every clash that follows from it.
 */
function firstOfEachName<T extends { name: string }>(items: ReadonlyArray<T>): Array<{ item: T; index: number }> {
  const seen = new Set<string>();
  return items.flatMap((item, index) => (seen.has(item.name) ? [] : (seen.add(item.name), [{ item, index }])));
}


/** EKS allows one association, hence one role, per service account per cluster. */
const oneRolePerServiceAccount: Check = (c) =>
  firstOfEachName(c.clusters).flatMap(({ item: cluster }) => {
    const idx = firstOfEachName(c.tenants)
      .map(({ item: t, index: i }) => ({ t, i }))
      .filter(({ t }) => landsOn(t, cluster.name));
    return duplicates(
      idx,
      ({ t }) => `${t.namespace}/${t.serviceAccount}`,
      ({ t, i }, _j, first) => {
        const other = idx[first]!.t;
        return error(
          ["tenants", i, "serviceAccount"],
          `tenants ${JSON.stringify(other.name)} and ${JSON.stringify(t.name)} both associate service account ${JSON.stringify(t.serviceAccount)} in namespace ${JSON.stringify(t.namespace)} on cluster ${JSON.stringify(cluster.name)}; EKS allows one role per service account`,
        );
      },
    );
  });

/** One role this file would create: whose it is, where, and the field that names it. */
export interface RoleClaim {
  readonly name: string;
  readonly cluster: Config["clusters"][number];
  /** `tenant "web"`, `shared role "teams"`, `add-on "vpc-cni"`. */
  readonly owner: string;
  readonly path: FieldPath;
}

/** Every role of the file, in file order: tenants' own roles, shared roles, add-ons' roles. */
export function roleClaims(c: Config): RoleClaim[] {
  const clusters = firstOfEachName(c.clusters);
  const claims: RoleClaim[] = [];
  for (const { item: t, index: i } of firstOfEachName(c.tenants)) {
    if (t.sharedRole !== undefined) continue;
    for (const { item: cluster } of clusters) {
      if (!landsOn(t, cluster.name)) continue;
      const path = t.role.name !== undefined ? ["tenants", i, "role", "name"] : ["tenants", i, "name"];
      claims.push({ name: roleNameFor(t, cluster.name), cluster, owner: `tenant ${JSON.stringify(t.name)}`, path });
    }
  }
  for (const { item: r, index: j } of firstOfEachName(c.sharedRoles)) {
    for (const { item: cluster } of clusters) {
      // A shared role exists only on clusters where it has a member.
      if (sharedRoleMembersOn(c, r.name, cluster.name).length === 0) continue;
      const path = r.role.name !== undefined ? ["sharedRoles", j, "role", "name"] : ["sharedRoles", j, "name"];
      claims.push({ name: roleNameFor(r, cluster.name), cluster, owner: `shared role ${JSON.stringify(r.name)}`, path });
    }
  }
  for (const { item: cluster, index: i } of clusters) {
    // A repeated add-on entry is reported by addonEntries.
    for (const { item: addon, index: k } of firstOfEachName(cluster.addons)) {
      const path = addon.role.name !== undefined ? ["clusters", i, "addons", k, "role", "name"] : ["clusters", i, "addons", k, "name"];
      claims.push({ name: addonRoleNameFor(addon, cluster.name), cluster, owner: `add-on ${JSON.stringify(addon.name)}`, path });
    }
    for (const { item: ctl, index: k } of firstOfEachName(cluster.controllers)) {
      const path = ctl.role.name !== undefined ? ["clusters", i, "controllers", k, "role", "name"] : ["clusters", i, "controllers", k, "name"];
      claims.push({ name: controllerRoleNameFor(ctl, cluster.name), cluster, owner: `controller ${JSON.stringify(ctl.name)}`, path });
    }
  }
  return claims;
}

/**
 * IAM role names are unique per account, ignoring case, across every kind of role the file
 * creates. Which clusters share an account is account-scope.ts's rule: a clash certainly in one
 * account is an error, a clash between a cluster with accountId and one without is a warning.
 */
const uniqueRoleNames: Check = (c) => {
  const byName = new Map<string, RoleClaim[]>();
  const out: Finding[] = [];
  for (const claim of roleClaims(c)) {
    const key = claim.name.toLowerCase();
    const priors = byName.get(key) ?? [];
    byName.set(key, [...priors, claim]);
    const account = claim.cluster.accountId;
    const same = priors.find((p) => accountRelation(p.cluster.accountId, account) === "same");
    const first = `role name ${JSON.stringify(claim.name)} of ${claim.owner} on cluster ${JSON.stringify(claim.cluster.name)}`;
    if (same) {
      const where = account ? `account ${account}` : "the same account (no accountId is set; set it if the clusters are in different accounts)";
      out.push(error(claim.path, `${first} is already used by ${same.owner} on cluster ${JSON.stringify(same.cluster.name)} in ${where}; IAM role names are unique per account, ignoring case. Leave role.name out to get a per-cluster name`));
      continue;
    }
    const maybe = priors.find((p) => accountRelation(p.cluster.accountId, account) === "maybe");
    if (!maybe) continue;
    // One of the two clusters pins an account, the other sets none and so may be in it.
    const pinned = account !== undefined ? claim.cluster : maybe.cluster;
    const open = account !== undefined ? maybe.cluster : claim.cluster;
    out.push(
      warning(
        claim.path,
        `${first} is also used by ${maybe.owner} on cluster ${JSON.stringify(maybe.cluster.name)}; cluster ${JSON.stringify(open.name)} sets no accountId, so it may be in account ${pinned.accountId} of cluster ${JSON.stringify(pinned.name)}, where IAM would refuse the second role (role names are unique per account, ignoring case). Set accountId on cluster ${JSON.stringify(open.name)}, or leave role.name out to get a per-cluster name`,
      ),
    );
  }
  return out;
};

/**
 * The Pod Identity associations the file puts on one cluster, across all its stacks. An add-on's
 * pod_identity_association and a controller's association count against the quota too.
 */
export function associationsOn(c: Config, cluster: Cluster): number {
  return c.tenants.filter((t) => landsOn(t, cluster.name)).length + cluster.addons.length + cluster.controllers.length;
}

const associationQuota: Check = (c) =>
  firstOfEachName(c.clusters).flatMap(({ item: cluster, index: i }) => {
    const n = associationsOn(c, cluster);
    return n > ASSOCIATIONS_PER_CLUSTER
      ? [error(["clusters", i, "name"], `cluster ${JSON.stringify(cluster.name)} would hold ${n} Pod Identity associations; EKS allows at most ${ASSOCIATIONS_PER_CLUSTER} per cluster, and that quota cannot be raised`)]
      : [];
  });

const managedPolicies: Check = (c) => [
  ...c.tenants.flatMap((t, i) => managedPolicyFindings(t.managedPolicyArns, ["tenants", i, "managedPolicyArns"], `tenant ${JSON.stringify(t.name)}`)),
  ...c.sharedRoles.flatMap((r, j) => managedPolicyFindings(r.managedPolicyArns, ["sharedRoles", j, "managedPolicyArns"], `shared role ${JSON.stringify(r.name)}`)),
];

/** The checks of names, references between clusters and tenants, and per-account and per-cluster limits. */
export const NAME_AND_QUOTA_CHECKS: ReadonlyArray<Check> = [uniqueNames, clusterReferences, oneRolePerServiceAccount, uniqueRoleNames, associationQuota, managedPolicies];
