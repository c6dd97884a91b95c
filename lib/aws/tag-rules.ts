/**
 * Tag rules shared by the tenants file's checks (lib/checks/tag-checks.ts) and the constructs'
 * prop checks: keys are case-insensitive, so `Team` and `team` are one key, and IAM refuses both
 * on one resource (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html#id_tags_rules_creating);
 * at most 50 tags on each IAM role and EKS resource
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html,
 * https://docs.aws.amazon.com/eks/latest/userguide/eks-using-tags.html#tag-restrictions).
 */
import { MAX_TAGS } from "./rules";
/** AWS tags: key to value. */
type Tags = Readonly<Record<string, string>>;

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
