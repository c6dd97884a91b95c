/**
 * Checks of stack groups (tenants[].stack) and of where state lives (state.s3, state.cloud).
 */
import { quote } from "../diagnostics/quote";
import { error, type Finding } from "../diagnostics/problems";
import { WORKSPACE_NAME_MAX } from "../aws/rules";
import type { Config } from "../schema/schema";
import { groupStackName } from "../plan/stack-plan";
import { closest } from "../diagnostics/suggest";
import { landsOn } from "../plan/plan";
import { stateKey, stateKeyProblem } from "../terraform/s3-state-key";

type Check = (config: Config) => Finding[];



/** Each name once, at its first entry: duplicates are reported by checks.ts. */
function firstOfEach<T extends { name: string }>(items: ReadonlyArray<T>): Array<{ item: T; index: number }> {
  const seen = new Set<string>();
  return items.flatMap((item, index) => (seen.has(item.name) ? [] : (seen.add(item.name), [{ item, index }])));
}

/** A stack of the file, with the field that names it: the cluster's name, or the first tenant's stack. */
interface StackClaim {
  readonly name: string;
  readonly cluster: string;
  readonly group?: string;
  readonly path: ReadonlyArray<string | number>;
}

function stackClaims(c: Config): StackClaim[] {
  const tenants = firstOfEach(c.tenants);
  return firstOfEach(c.clusters).flatMap(({ item: cluster, index: i }) => {
    const groups = new Map<string, number>();
    for (const { item: t, index: j } of tenants) {
      if (t.stack !== undefined && t.sharedRole === undefined && landsOn(t, cluster.name) && !groups.has(t.stack)) groups.set(t.stack, j);
    }
    return [
      { name: cluster.name, cluster: cluster.name, path: ["clusters", i, "name"] },
      ...[...groups].map(([group, j]) => ({ name: groupStackName(cluster.name, group), cluster: cluster.name, group, path: ["tenants", j, "stack"] })),
    ];
  });
}

/** A member of a shared role stays in the base stack, beside the role (lib/plan/stack-plan.ts). */
const sharedRoleMembersStayInBase: Check = (c) =>
  c.tenants.flatMap((t, i) =>
    t.stack !== undefined && t.sharedRole !== undefined
      ? [
          error(
            ["tenants", i, "stack"],
            `tenant ${JSON.stringify(t.name)} uses shared role ${JSON.stringify(t.sharedRole)}, whose role and members stay in the cluster's base stack; leave out stack, or give the tenant a role of its own`,
          ),
        ]
      : [],
  );

/**
 * Groups are not declared, so a typo makes a new stack silently. A group used by one tenant only,
 * whose name is a near miss of a group that others use, is taken for a typo.
 */
const groupTypos: Check = (c) => {
  const uses = new Map<string, number>();
  for (const t of c.tenants) if (t.stack !== undefined) uses.set(t.stack, (uses.get(t.stack) ?? 0) + 1);
  const common = [...uses].filter(([, n]) => n > 1).map(([g]) => g);
  return c.tenants.flatMap((t, i) => {
    if (t.stack === undefined || uses.get(t.stack) !== 1) return [];
    const near = closest(t.stack, common.filter((g) => g !== t.stack));
    return near === undefined
      ? []
      : [
          error(
            ["tenants", i, "stack"],
            `stack group ${JSON.stringify(t.stack)} is used by this tenant only; did you mean ${JSON.stringify(near)}, which ${uses.get(near)} tenants use? A group of its own is fine when its name is not this close to another group's`,
          ),
        ];
  });
};

/**
 * Stack names are folder names under cdktf.out/stacks, state file names and workspace names, so
 * two stacks must differ, also ignoring case (case-insensitive file systems, and cluster names are
 * refused when they differ only in case).
 */
const uniqueStackNames: Check = (c) => {
  const seen = new Map<string, StackClaim>();
  const out: Finding[] = [];
  const claims = stackClaims(c);
  // Base stacks first, so that a group is blamed for taking a cluster's name, never the reverse.
  for (const claim of [...claims.filter((s) => s.group === undefined), ...claims.filter((s) => s.group !== undefined)]) {
    const key = claim.name.toLowerCase();
    const prior = seen.get(key);
    if (!prior) {
      seen.set(key, claim);
      continue;
    }
    if (claim.group === undefined) continue; // two clusters' names: checks.ts reports those
    const other = prior.group === undefined ? `the base stack of cluster ${JSON.stringify(prior.cluster)}` : `the stack of group ${JSON.stringify(prior.group)} on cluster ${JSON.stringify(prior.cluster)}`;
    out.push(
      error(
        claim.path,
        `group ${JSON.stringify(claim.group)} on cluster ${JSON.stringify(claim.cluster)} makes stack ${JSON.stringify(claim.name)}, the same name as ${other} (stack names are compared ignoring case); choose another group name`,
      ),
    );
  }
  return out;
};

/** Names derived from the stack name that have limits of their own. */
const stackNameLengths: Check = (c) => {
  const cloud = c.state?.cloud;
  const s3 = c.state?.s3;
  const out: Finding[] = [];
  for (const claim of stackClaims(c)) {
    const what = claim.group === undefined ? `cluster ${JSON.stringify(claim.cluster)}'s stack` : `stack ${JSON.stringify(claim.name)}`;
    if (cloud) {
      const workspace = `${cloud.workspacePrefix}${claim.name}`;
      if (workspace.length > WORKSPACE_NAME_MAX) {
        out.push(
          error(
            claim.path,
            `${what} gets the HCP Terraform workspace ${JSON.stringify(workspace)}, ${workspace.length} characters; workspace names should be at most ${WORKSPACE_NAME_MAX} (https://developer.hashicorp.com/terraform/cloud-docs/workspaces/create). Shorten ${claim.group === undefined ? "state.cloud.workspacePrefix" : "the group name or state.cloud.workspacePrefix"}`,
          ),
        );
      }
    } else if (s3) {
      // The schema keeps the prefix to Terraform's rules; the stack's name can still make the key too long.
      const key = stateKey(s3.keyPrefix, claim.name);
      const problem = stateKeyProblem(key);
      if (problem) out.push(error(claim.path, `${what} gets the S3 state key ${quote(key)}: ${problem}. Shorten state.s3.keyPrefix`));
    }
    // Local state, terraform.<stack>.tfstate, is at most 182 bytes (a 100-character cluster, '-',
    // a 63-character group), under the usual 255-byte file name limit.
  }
  return out;
};

const oneStateBackend: Check = (c) =>
  c.state?.s3 && c.state.cloud
    ? [error(["state", "cloud"], "state.s3 and state.cloud are both set; a stack has one state: keep s3 (an S3 backend) or cloud (HCP Terraform or Terraform Enterprise workspaces)", true)]
    : [];

export const STACK_CHECKS: ReadonlyArray<Check> = [oneStateBackend, sharedRoleMembersStayInBase, groupTypos, uniqueStackNames, stackNameLengths];
