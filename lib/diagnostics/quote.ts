/**
 * How a message shows a value from the tenants file: as JSON, and never more than about
 * {@link QUOTE_LIMIT} characters of it, so that a 6 MB string makes a readable line, not a 6 MB one.
 */

/** Characters of a user value a message quotes at most (the quotes and the "…" come on top). */
export const QUOTE_LIMIT = 100;

/** `"abc"`; a longer string is cut at QUOTE_LIMIT characters and ends in `…"`. */
export function quote(value: unknown): string {
  if (typeof value !== "string") {
    const json = JSON.stringify(value);
    if (json === undefined) return String(value);
    return json.length > QUOTE_LIMIT + 2 ? `${json.slice(0, QUOTE_LIMIT)}…` : json;
  }
  if (value.length <= QUOTE_LIMIT) return JSON.stringify(value);
  // Cut on a code point boundary: half a surrogate pair would print as a replacement character.
  const head = Array.from(value.slice(0, QUOTE_LIMIT + 1)).join("").slice(0, QUOTE_LIMIT);
  const safe = /[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head;
  return `${JSON.stringify(safe).slice(0, -1)}…"`;
}

/** No output line is longer than this; formatProblem cuts longer ones as a last resort. */
export const MAX_LINE = 1000;

export function capLine(line: string): string {
  if (line.length <= MAX_LINE) return line;
  const head = line.slice(0, MAX_LINE - 1);
  return `${/[\uD800-\uDBFF]$/.test(head) ? head.slice(0, -1) : head}…`;
}
