/**
 * Whether two IAM patterns can match one string. In ARNs (and StringLike values) `*` stands for
 * any run of characters and `?` for exactly one (IAM user guide,
 * reference_policies_elements_resource: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html).
 */

/** A pattern as IAM reads it: characters, `?` (one character) and `*` (any run). */
export type PatternPart = string | typeof ONE | typeof ANY;
export const ONE = Symbol("?");
export const ANY = Symbol("*");

/** The text before the first wildcard: two patterns can meet only if one's is a prefix of the other's. */
export function fixedPrefix(p: ReadonlyArray<PatternPart>): string {
  let out = "";
  for (const part of p) {
    if (typeof part !== "string") break;
    out += part;
  }
  return out;
}

/**
 * True when some string matches both `a` and `b`. Dynamic programming over positions, from the
 * end: `meet[i][j]` is whether a[i..] and b[j..] can match one string. A `*` either ends where it
 * is or takes the next character the other pattern produces; when both sides are `*`, one of
 * them ends first. O(|a|·|b|).
 */
export function patternsOverlap(a: ReadonlyArray<PatternPart>, b: ReadonlyArray<PatternPart>): boolean {
  const n = a.length;
  const m = b.length;
  const w = m + 1;
  const meet = new Uint8Array((n + 1) * w);
  for (let i = n; i >= 0; i--) {
    for (let j = m; j >= 0; j--) {
      const x = a[i];
      const y = b[j];
      let v: boolean;
      if (i === n && j === m) v = true;
      else if (x === ANY) v = meet[(i + 1) * w + j] === 1 || (j < m && meet[i * w + j + 1] === 1);
      else if (y === ANY) v = meet[i * w + j + 1] === 1 || (i < n && meet[(i + 1) * w + j] === 1);
      else if (i < n && j < m) v = (x === ONE || y === ONE || x === y) && meet[(i + 1) * w + j + 1] === 1;
      else v = false;
      meet[i * w + j] = v ? 1 : 0;
    }
  }
  return meet[0] === 1;
}
