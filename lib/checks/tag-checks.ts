/**
 * Tags as IAM and EKS take them, after the provider's default_tags are merged in:
 * - keys are case-insensitive: `Team` and `team` are one key, and IAM refuses both on one
 *   resource, within one map or between default_tags and the resource's own tags
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating);
 * - at most 50 tags on each IAM role and each EKS resource (add-ons, associations)
 *   (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
 *   https://docs.aws.amazon.com/eks/latest/userguide/eks-using-tags.html#tag-restrictions).
 * The characters of keys and values, and the reserved aws: prefix, are rules.ts's TAG_KEY and
 * TAG_VALUE. Registered in lib/checks/check-registry.ts.
 */
import type { Check } from "./check";
import { error, type FieldPath, type Finding } from "../diagnostics/problems";
import { MAX_TAGS } from "../aws/rules";
import type { Tags } from "../schema/schema";

/**
 * Keys of `tags` that repeat an earlier key of the same map, or a key of `defaults` in another
 * letter case, each with what it clashes with. Shared with the constructs' prop checks.
 */
export function tagKeyClashes(tags: Tags, defaults: Tags = {}): Array<{ key: string; message: string }> {
  const out: Array<{ key: string; message: string }> = [];
  const own = new Map<string, string>();
  const inDefaults = new Map(Object.keys(defaults).map((k) => [k.toLowerCase(), k]));
  for (const key of Object.keys(tags)) {
    const lower = key.toLowerCase();
    const first = own.get(lower);
    const dflt = inDefaults.get(lower);
    if (first !== undefined) {
      out.push({ key, message: `tag key ${JSON.stringify(key)} differs from tag key ${JSON.stringify(first)} only in letter case; AWS treats tag keys case-insensitively, so they are one key. Keep one` });
    } else if (dflt !== undefined && dflt !== key) {
      out.push({ key, message: `tag key ${JSON.stringify(key)} differs from ${JSON.stringify(dflt)} of defaults.tags only in letter case; AWS treats tag keys case-insensitively and refuses both on one resource. Spell it ${JSON.stringify(dflt)} to override the default` });
    }
    own.set(lower, key);
  }
  return out;
}

/** How many tags a resource carries once default_tags are merged (same keys count once). */
export function mergedTagCount(tags: Tags, defaults: Tags): number {
  return Object.keys({ ...defaults, ...tags }).length;
}

/** The message for a resource with more than MAX_TAGS tags, or undefined. */
export function tagCountProblem(owner: string, n: number, withDefaults: boolean): string | undefined {
  if (n <= MAX_TAGS) return undefined;
  return `${owner} would carry ${n} tags${withDefaults ? " with defaults.tags" : ""}; AWS allows at most ${MAX_TAGS} per resource`;
}

const tagKeys: Check = (c) => {
  const out: Finding[] = [];
  const report = (path: FieldPath, tags: Tags, defaults?: Tags) => {
    for (const { key, message } of tagKeyClashes(tags, defaults)) out.push(error([...path, key], message, true));
  };
  report(["defaults", "tags"], c.defaults.tags);
  c.tenants.forEach((t, i) => report(["tenants", i, "tags"], t.tags, c.defaults.tags));
  c.sharedRoles.forEach((r, j) => report(["sharedRoles", j, "tags"], r.tags, c.defaults.tags));
  return out;
};

/**
 * Every taggable resource: tenants' roles and associations (the tenant's tags and the
 * defaults), shared roles (theirs and the defaults), and add-ons, add-on roles and the agent
 * add-on, which carry the defaults alone.
 */
const tagCounts: Check = (c) => {
  const defaults = c.defaults.tags;
  const n = Object.keys(defaults).length;
  // Too many defaults alone is one error, not one on every resource of the file.
  if (n > MAX_TAGS) return [error(["defaults", "tags"], `defaults.tags has ${n} tags, and every AWS resource of every stack carries them; AWS allows at most ${MAX_TAGS} tags per IAM role and per EKS resource`)];
  const out: Finding[] = [];
  c.tenants.forEach((t, i) => {
    const m = tagCountProblem(`tenant ${JSON.stringify(t.name)}`, mergedTagCount(t.tags, defaults), n > 0);
    if (m) out.push(error(["tenants", i, "tags"], m));
  });
  c.sharedRoles.forEach((r, j) => {
    const m = tagCountProblem(`shared role ${JSON.stringify(r.name)}`, mergedTagCount(r.tags, defaults), n > 0);
    if (m) out.push(error(["sharedRoles", j, "tags"], m));
  });
  return out;
};

export const TAG_CHECKS: ReadonlyArray<Check> = [tagKeys, tagCounts];
