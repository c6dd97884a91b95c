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

import { mergedTagCount, tagCountProblem, tagKeyClashes } from "../aws/tag-rules";

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
