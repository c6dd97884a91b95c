/**
 * Whether a shared role's policy singles out each member: with every member's values put in,
 * no two members may reach a common resource through the strings that carry their placeholders.
 * `${serviceAccount}` alone, when every member's service account is `app`, gives them all the
 * same resources; `team-${namespace}` beside `${namespace}` gives member "team-a" what the
 * first gives member "a". Strings without a placeholder are shared on purpose and not compared.
 */
import type { Grant, StatementConfig } from "./permission-types";
import { SESSION_TAG_VARIABLES } from "./abac";
import { grantStatements } from "./grants";
import { ANY, fixedPrefix, ONE, patternsOverlap, type PatternPart } from "./glob-overlap";
import { hasMemberPlaceholder, memberBoundaryProblem, substituteMember, tokenize, type MemberPlaceholder } from "./placeholder-boundaries";
import type { PolicyStatement } from "./statement";
import { toPolicyStatement } from "./statements";

/** One member's values. */
export type MemberValues = Readonly<Record<MemberPlaceholder, string>>;

/** A string of the role's policy that carries a member placeholder, and where it comes from. */
export interface ScopedString {
  /** `["grants", k]` or `["statements", k]`, under the shared role. */
  readonly source: ReadonlyArray<string | number>;
  /** `resource`, or the condition key it is compared with. */
  readonly against: string;
  readonly value: string;
  /** Whether `*` and `?` are wildcards here (resources, *Like and Arn* operators). */
  readonly wildcards: boolean;
}

/**
 * The strings that single members out, from the statements the role's policy will hold. Only
 * Allow statements and positive operators grant access; a Deny or a Not operator only narrows it.
 * Strings whose placeholders are not delimited are left out: that is reported on its own
 * (memberBoundaryProblem), and comparing them would only repeat it.
 */
export function scopedStrings(grants: ReadonlyArray<Grant>, statements: ReadonlyArray<StatementConfig>): ScopedString[] {
  const out: ScopedString[] = [];
  const add = (source: ReadonlyArray<string | number>, st: PolicyStatement) => {
    if (st.effect !== "Allow") return;
    for (const value of st.resources) push(source, "resource", value, true);
    for (const c of st.conditions ?? []) {
      if (/Not/.test(c.test)) continue;
      const wildcards = /Like|Arn/.test(c.test);
      for (const value of c.values) push(source, c.variable, value, wildcards);
    }
  };
  const push = (source: ReadonlyArray<string | number>, against: string, value: string, wildcards: boolean) => {
    if (hasMemberPlaceholder(value) && memberBoundaryProblem(value, { wildcardChars: wildcards }) === undefined) out.push({ source, against, value, wildcards });
  };
  grants.forEach((g, k) => grantStatements(g, SESSION_TAG_VARIABLES).forEach((st) => add(["grants", k], st)));
  statements.forEach((s, k) => add(["statements", k], toPolicyStatement(s, SESSION_TAG_VARIABLES)));
  // Resources first (the sort is stable): a clash then names the ARN both members reach.
  return out.sort((a, b) => Number(a.against !== "resource") - Number(b.against !== "resource"));
}

/** A filled-in string as a pattern; an unknown policy variable may be anything, like `*`. */
function pattern(s: string, wildcards: boolean): PatternPart[] {
  return tokenize(s).map((t) => {
    if (t.kind !== "char") return ANY;
    if (!wildcards || t.escaped) return t.ch;
    return t.ch === "*" ? ANY : t.ch === "?" ? ONE : t.ch;
  });
}

/** Two members that reach a common resource, and the strings that give it to each. */
export interface MemberClash<M> {
  readonly first: M;
  readonly second: M;
  readonly firstString: ScopedString;
  readonly secondString: ScopedString;
  /** The two strings with each member's values put in. */
  readonly firstValue: string;
  readonly secondValue: string;
}

/**
 * For each member that reaches a common resource with an earlier one (in members' order), one
 * such clash: one is enough to refuse it. Members that share a filled-in string clash at once;
 * the distinct strings are sorted by their
 * text before the first wildcard, so only those whose prefixes nest are compared: the ones that
 * follow an entry while they start with its prefix.
 */
export function memberClashes<M extends MemberValues>(strings: ReadonlyArray<ScopedString>, members: ReadonlyArray<M>): MemberClash<M>[] {
  interface Entry {
    readonly member: number;
    readonly string: ScopedString;
    readonly value: string;
    readonly parts: PatternPart[];
    readonly key: string;
    /** The text after the last wildcard: two patterns can meet only if one's ends the other's. */
    readonly tail: string;
  }
  const found = new Map<number, MemberClash<M>>();
  const clash = (a: Entry, b: Entry) => {
    if (!found.has(b.member)) found.set(b.member, { first: members[a.member]!, second: members[b.member]!, firstString: a.string, secondString: b.string, firstValue: a.value, secondValue: b.value });
  };
  // The same filled-in string twice is a clash without comparing; only the first of each goes on.
  const firstOfValue = new Map<string, Entry>();
  const entries: Entry[] = [];
  members.forEach((m, member) => {
    for (const string of strings) {
      const value = substituteMember(string.value, m);
      const same = firstOfValue.get(`${string.wildcards}\u0000${string.against}\u0000${value}`);
      if (same !== undefined) {
        if (same.member !== member) clash(same, { ...same, member, string });
        continue;
      }
      const parts = pattern(value, string.wildcards);
      const entry = { member, string, value, parts, key: `${string.against}\u0000${fixedPrefix(parts)}`, tail: fixedPrefix([...parts].reverse()) };
      firstOfValue.set(`${string.wildcards}\u0000${string.against}\u0000${value}`, entry);
      entries.push(entry);
    }
  });
  entries.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  for (let i = 0; i < entries.length; i++) {
    const x = entries[i]!;
    for (let j = i + 1; j < entries.length && entries[j]!.key.startsWith(x.key); j++) {
      const y = entries[j]!;
      if (x.member === y.member) continue;
      const [a, b] = x.member < y.member ? [x, y] : [y, x];
      // A wildcard before a placeholder leaves the prefix short; the tail still tells most apart cheaply.
      const tailsNest = a.tail.length <= b.tail.length ? b.tail.startsWith(a.tail) : a.tail.startsWith(b.tail);
      if (!found.has(b.member) && tailsNest && patternsOverlap(a.parts, b.parts)) clash(a, b);
    }
  }
  return [...found.entries()].sort(([p], [q]) => p - q).map(([, c]) => c);
}
