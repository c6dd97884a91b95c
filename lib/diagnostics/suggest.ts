/** "Did you mean" for misspelled keys, values and names. */
import { distance } from "fastest-levenshtein";

/**
 * The closest candidate, compared without case, if it is near enough to be a plausible typo:
 * at most a third of the word's length away (and at least 2 edits are always tolerated).
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  // No name is this long; comparing a megabyte of text with every candidate would only be slow.
  if (word.length > 200) return undefined;
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Math.max(2, Math.ceil(word.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(w, c.toLowerCase());
    if (d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best;
}

/** `; did you mean "x"?`, or nothing when no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const c = closest(word, candidates);
  return c === undefined ? "" : `; did you mean ${JSON.stringify(c)}?`;
}
