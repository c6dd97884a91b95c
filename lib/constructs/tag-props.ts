/** The tenants file's tag rules, for constructs used straight from TypeScript. */
import { tagCountProblem, tagKeyClashes } from "../aws/tag-rules";
import * as rules from "../aws/rules";
import type { Tags } from "../policy/permission-types";
import type { PropChecker } from "./validate-props";

/**
 * Each key and value, keys that differ only in letter case, and the 50-tag limit of the
 * construct's own tags (the provider's default_tags are not known here; the tenants file
 * counts them too).
 */
export function checkTags(check: PropChecker, field: string, tags: Tags | undefined): void {
  if (tags === undefined) return;
  for (const [k, v] of Object.entries(tags)) {
    check.rule(`${field}[${JSON.stringify(k)}]`, rules.TAG_KEY, k).rule(`${field}[${JSON.stringify(k)}]`, rules.TAG_VALUE, v);
  }
  for (const { key, message } of tagKeyClashes(tags)) check.that(`${field}[${JSON.stringify(key)}]`, false, message);
  const n = tagCountProblem("each tagged resource", Object.keys(tags).length, false);
  check.that(field, n === undefined, n ?? "");
}
