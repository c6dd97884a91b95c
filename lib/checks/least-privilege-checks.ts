/**
 * The tenants-file checks of least privilege: grants, statements (against the IAM action catalogue),
 * trust scoping, cross-account, shared roles, policy size, and the least-privilege lint.
 * Registered in lib/checks/check-registry.ts.
 */
import { error, warning, type FieldPath, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { scopedTrustWithoutSessionTags, sharedRoleMemberProblems } from "../aws/cross-field-rules";
import { parseArn } from "../aws/arn";
import { ROLE_ARN } from "../aws/rules";
import type { Config, Grant, SharedRoleConfig, StatementConfig } from "../schema/schema";
import { didYouMean } from "../diagnostics/suggest";
import { SESSION_TAG_VARIABLES, type PlaceholderValues } from "../policy/abac";
import { grantProblems } from "../policy/grants";
import { lintManagedPolicy, lintStatementActions } from "../policy/lint";
import { contentHash } from "../policy/sids";
import { INLINE_POLICY_LIMIT, policySize } from "../policy/policy-size";
import { INLINE_POLICY_NAME, permissionStatements, sidClashes } from "../policy/permissions";
import { trustPolicySize, TRUST_POLICY_LIMIT } from "../policy/trust-size";
import { resourceArnProblem } from "../policy/resource-arns";
import { sessionTagRead } from "../policy/session-tag-reads";
import { statementProblems, toPolicyStatement } from "../policy/statements";
import { landsOn, sharedRoleClusters, sharedRoleMembersOn } from "../plan/plan";

/** A role owner in the file: a tenant with its own role, or a shared role. */
interface Owner {
  readonly label: string;
  readonly path: FieldPath;
  readonly managedPolicyArns: ReadonlyArray<string>;
  readonly grants: ReadonlyArray<Grant>;
  readonly statements: ReadonlyArray<StatementConfig>;
  readonly targetRoleArn?: string;
  /** Placeholder values on a cluster. */
  readonly values: (cluster: string) => PlaceholderValues;
  readonly clusters: ReadonlyArray<string>;
  /** How messages name the document: the role's inline policy, or an association's session policy. */
  readonly document: string;
  /** An association's session policy: sized against STS's limit by session-policy-checks.ts, not IAM's inline one. */
  readonly sessionPolicy?: boolean;
}

const INLINE_DOCUMENT = `inline policy ${JSON.stringify(INLINE_POLICY_NAME)}`;


function owners(c: Config): Owner[] {
  const out: Owner[] = [];
  c.tenants.forEach((t, i) => {
    if (t.sharedRole !== undefined) return;
    out.push({
      label: `tenant ${JSON.stringify(t.name)}`,
      path: ["tenants", i],
      managedPolicyArns: t.managedPolicyArns,
      grants: t.grants,
      statements: t.statements,
      targetRoleArn: t.targetRoleArn,
      values: (cluster) => ({ namespace: t.namespace, serviceAccount: t.serviceAccount, cluster }),
      clusters: c.clusters.filter((x) => landsOn(t, x.name)).map((x) => x.name),
      document: INLINE_DOCUMENT,
    });
  });
  // Session policies get every check of a tenant's own grants and statements: same grammar, same
  // placeholders (the tenant's literal values), same catalogue and lint.
  c.tenants.forEach((t, i) => {
    if (t.sessionPolicy === undefined) return;
    out.push({
      label: `tenant ${JSON.stringify(t.name)}`,
      path: ["tenants", i, "sessionPolicy"],
      managedPolicyArns: [],
      grants: t.sessionPolicy.grants,
      statements: t.sessionPolicy.statements,
      values: (cluster) => ({ namespace: t.namespace, serviceAccount: t.serviceAccount, cluster }),
      clusters: c.clusters.filter((x) => landsOn(t, x.name)).map((x) => x.name),
      document: "session policy",
      sessionPolicy: true,
    });
  });
  c.sharedRoles.forEach((r, j) => {
    out.push({
      label: `shared role ${JSON.stringify(r.name)}`,
      path: ["sharedRoles", j],
      managedPolicyArns: r.managedPolicyArns,
      grants: r.grants,
      statements: r.statements,
      values: () => SESSION_TAG_VARIABLES,
      clusters: sharedRoleClusters(c, c.clusters, r.name).map((x) => x.name),
      document: INLINE_DOCUMENT,
    });
  });
  return out;
}

/** Grants' names and ARNs, and grants listed twice. */
const grants: Check = (c) =>
  owners(c).flatMap((o) => {
    const out: Finding[] = [];
    const seen = new Map<string, number>();
    o.grants.forEach((g, k) => {
      const path = [...o.path, "grants", k];
      for (const p of grantProblems(g)) out.push(p.severity === "error" ? error([...path, ...p.field], p.message) : warning([...path, ...p.field], `${o.label}, ${o.document}: ${p.message}`));
      const key = contentHash(g);
      const first = seen.get(key);
      if (first === undefined) seen.set(key, k);
      else out.push(error(path, `this grant repeats grants[${first}]; remove one`));
    });
    return out;
  });

/**
 * Statements: shape, then every action against the IAM action catalogue, then the lint. The
 * catalogue loads only when some statement exists.
 */
const statements: Check = async (c) => {
  const out: Finding[] = [];
  for (const o of owners(c)) {
    for (const [k, s] of o.statements.entries()) {
      const path = [...o.path, "statements", k];
      const problems = statementProblems(s);
      for (const p of problems) out.push(error([...path, ...p.field], p.message));
      for (const [n, r] of s.resources.entries()) {
        if (problems.some((p) => p.field[0] === "resources" && p.field[1] === n)) continue;
        const m = await resourceArnProblem(r);
        if (m) out.push(error([...path, "resources", n], m));
      }
      const sid = toPolicyStatement(s, o.values(o.clusters[0] ?? "")).sid;
      out.push(...(await lintStatementActions(s, path, `${o.label}: ${o.document}, statement ${JSON.stringify(sid)}`)));
    }
  }
  return out;
};

/** One sid per statement in a policy, and at most 10,240 characters of inline policy per role. */
const policyShape: Check = (c) =>
  owners(c).flatMap((o) => {
    const out: Finding[] = [];
    // Bad or repeated grants are reported on their own; their statements would only echo them.
    if (o.grants.some((g) => grantProblems(g).some((p) => p.severity === "error"))) return out;
    if (new Set(o.grants.map((g) => contentHash(g))).size < o.grants.length) return out;
    const region = (cluster: string) => c.clusters.find((x) => x.name === cluster)?.region;
    for (const cluster of o.clusters) {
      const sts = permissionStatements(o, o.values(cluster));
      const clashes = sidClashes(o, o.values(cluster));
      if (clashes.length > 0) {
        const which = clashes.map((d) => `${JSON.stringify(d.sid)} (${d.first} and ${d.second})`).join(", ");
        out.push(error([...o.path, "statements"], `${o.label}: sid ${which} is used by more than one statement; give each statement its own sid, or remove the repeated statement`));
        break;
      }
      const size = policySize(sts, region(cluster));
      if (!o.sessionPolicy && size > INLINE_POLICY_LIMIT) {
        out.push(
          error(
            o.path,
            `${o.label}: inline policy ${JSON.stringify(INLINE_POLICY_NAME)} would be ${size} characters on cluster ${JSON.stringify(cluster)}; IAM allows at most ${INLINE_POLICY_LIMIT} characters of inline policy per role (white space not counted). Use fewer grants or statements, or move some into customer-managed policies (managedPolicyArns)`,
          ),
        );
        break;
      }
    }
    return out;
  });

/** Each managed policy judged by its document (lint.ts), once: a repeated ARN is refused as such. */
const managedPolicyLint: Check = (c) =>
  owners(c).flatMap((o) => o.managedPolicyArns.flatMap((arn, k) => (o.managedPolicyArns.indexOf(arn) === k ? lintManagedPolicy(arn, [...o.path, "managedPolicyArns", k], o.label) : [])));

/** Tenant-scoped trust needs session tags (EKS user guide, pod-id-role: https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html). */
const trustScope: Check = (c) =>
  c.tenants.flatMap((t, i): Finding[] => {
    const scoped = t.trust.scopeToServiceAccount;
    if (!t.disableSessionTags || t.sharedRole !== undefined) return [];
    const refused = scopedTrustWithoutSessionTags(scoped, t.disableSessionTags, ["trust", "scopeToServiceAccount"]);
    if (refused.length > 0) return refused.map((p) => error(["tenants", i, ...p.path], `tenant ${JSON.stringify(t.name)}: ${p.message}`));
    if (scoped === undefined) {
      return [
        warning(
          ["tenants", i, "disableSessionTags"],
          `tenant ${JSON.stringify(t.name)}: with disableSessionTags the request tags kubernetes-namespace, kubernetes-service-account and eks-cluster-arn do not exist, so the trust policy is not scoped to this service account; any Pod Identity association in the account that names the role can use it. Set trust.scopeToServiceAccount: false to acknowledge`,
        ),
      ];
    }
    return [];
  });

/** Shared roles: defined once, referred to by name, and never mixed with a role of one's own. */
const sharedRoles: Check = (c) => {
  const out: Finding[] = [];
  const names = c.sharedRoles.map((r) => r.name);
  const firstAt = new Map<string, number>();
  c.sharedRoles.forEach((r, j) => {
    const first = firstAt.get(r.name);
    if (first === undefined) firstAt.set(r.name, j);
    else out.push(error(["sharedRoles", j, "name"], `shared role ${JSON.stringify(r.name)} is already defined at sharedRoles[${first}]; shared-role names must be unique`));
    if (!c.tenants.some((t) => t.sharedRole === r.name)) out.push(warning(["sharedRoles", j, "name"], `shared role ${JSON.stringify(r.name)} has no member; no tenant sets sharedRole: ${r.name}, so it is not created`));
  });
  c.tenants.forEach((t, i) => {
    if (t.sharedRole === undefined) return;
    const at = (k: string) => ["tenants", i, k];
    if (!names.includes(t.sharedRole)) {
      out.push(error(at("sharedRole"), `tenant ${JSON.stringify(t.name)} names shared role ${JSON.stringify(t.sharedRole)}, which is not in sharedRoles[]${didYouMean(t.sharedRole, names)}${names.length ? `; defined shared roles: ${names.join(", ")}` : ""}`));
    }
    const own: string[] = [];
    const r = t.role;
    if (r.name !== undefined || r.permissionsBoundaryArn !== undefined || r.path !== "/" || r.maxSessionDuration !== 3600) own.push("role");
    if (t.managedPolicyArns.length > 0) own.push("managedPolicyArns");
    if (t.grants.length > 0) own.push("grants");
    if (t.statements.length > 0) own.push("statements");
    if (t.targetRoleArn !== undefined) own.push("targetRoleArn");
    const role = c.sharedRoles.find((x) => x.name === t.sharedRole);
    const tagsNeeded = role === undefined || sessionTagRead(role.grants, role.statements) !== undefined;
    for (const p of sharedRoleMemberProblems(t.sharedRole, own, t.disableSessionTags, tagsNeeded)) out.push(error(["tenants", i, ...p.path], `tenant ${JSON.stringify(t.name)} ${p.message}`));
    if (t.trust.scopeToServiceAccount === false) {
      out.push(error(["tenants", i, "trust", "scopeToServiceAccount"], `tenant ${JSON.stringify(t.name)} uses shared role ${JSON.stringify(t.sharedRole)}, whose trust policy is always scoped to each member's namespace, service account and cluster`));
    }
  });
  return out;
};

/**
 * A shared role's trust has one statement per service account name; IAM allows 2,048 characters of trust
 * policy by default and 4,096 after a quota raise (IAM quotas: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
const sharedTrustSize: Check = (c) =>
  c.sharedRoles.flatMap((r: SharedRoleConfig, j) =>
    c.clusters.flatMap((cluster) => {
      const members = sharedRoleMembersOn(c, r.name, cluster.name);
      if (members.length === 0) return [];
      const size = trustPolicySize(members, cluster);
      const where = `shared role ${JSON.stringify(r.name)}: its trust policy on cluster ${JSON.stringify(cluster.name)} would be about ${size} characters for ${members.length} member(s)`;
      if (size > TRUST_POLICY_LIMIT.max) return [error(["sharedRoles", j, "name"], `${where}; IAM allows at most ${TRUST_POLICY_LIMIT.max} even after a quota raise. Split the members over more shared roles`)];
      if (size > TRUST_POLICY_LIMIT.default) return [warning(["sharedRoles", j, "name"], `${where}; the default IAM quota is ${TRUST_POLICY_LIMIT.default}, so this needs a quota raise (up to ${TRUST_POLICY_LIMIT.max})`)];
      return [];
    }),
  );

/** Cross-account chaining to a role in the tenant's own account still works, but is rarely meant. */
const crossAccount: Check = (c) =>
  c.tenants.flatMap((t, i) => {
    if (!t.targetRoleArn || !ROLE_ARN.pattern.test(t.targetRoleArn)) return [];
    const target = parseArn(t.targetRoleArn)?.account;
    const same = c.clusters.filter((x) => landsOn(t, x.name) && x.accountId === target).map((x) => x.name);
    return same.length > 0
      ? [warning(["tenants", i, "targetRoleArn"], `tenant ${JSON.stringify(t.name)}: target role ${t.targetRoleArn} is in the same account as cluster ${same.map((n) => JSON.stringify(n)).join(", ")}; role chaining is only needed across accounts, so grant the tenant's own role instead`)]
      : [];
  });

export const POLICY_CHECKS: ReadonlyArray<Check> = [grants, statements, policyShape, managedPolicyLint, trustScope, sharedRoles, sharedTrustSize, crossAccount];
