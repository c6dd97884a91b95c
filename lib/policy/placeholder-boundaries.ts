/**
 * Where a member's value ends in a shared role's resource strings.
 *
 * A shared role serves every member from one policy: `${namespace}` becomes the caller's
 * `kubernetes-namespace` session tag, and the rest of the string must keep one member's value
 * from reading as another's. IAM's `*` and `?` match any character, '/' and ':' included
 * (IAM user guide, reference_policies_elements_resource: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html),
 * so a value is delimited only by a character that no value of that placeholder can contain:
 * `${namespace}/*` gives namespace "team" exactly `team/...`, while `${namespace}*` or
 * `${namespace}-x*` also covers namespace "team-b". A wildcard before the placeholder is as bad:
 * in `x*-${namespace}/*` the `*` can stand for "team-" and so reach namespace "team-b" from "b".
 */

/** The placeholders whose values tell a shared role's members apart. */
export type MemberPlaceholder = "namespace" | "serviceAccount" | "cluster";

/** What a value of each placeholder may contain, and where that rule comes from. */
export const PLACEHOLDER_ALPHABETS: Readonly<Record<MemberPlaceholder, { readonly chars: RegExp; readonly described: string }>> = {
  // Kubernetes: a namespace name is a DNS-1123 label
  // (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-label-names).
  namespace: { chars: /[a-z0-9-]/, described: "a namespace is a DNS-1123 label: a-z, 0-9 and '-'" },
  // Kubernetes: a service account name is a DNS-1123 subdomain
  // (https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#dns-subdomain-names).
  serviceAccount: { chars: /[a-z0-9.-]/, described: "a service account name is a DNS-1123 subdomain: a-z, 0-9, '-' and '.'" },
  // EKS CreateCluster: name pattern ^[0-9A-Za-z][A-Za-z0-9\-_]*$
  // (https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html).
  cluster: { chars: /[A-Za-z0-9_-]/, described: "an EKS cluster name has A-Z, a-z, 0-9, '-' and '_'" },
};

/** The session tags EKS sets that carry a member's values (EKS user guide, pod-id-abac). */
const TAG_PLACEHOLDERS: ReadonlyMap<string, MemberPlaceholder> = new Map([
  ["kubernetes-namespace", "namespace"],
  ["kubernetes-service-account", "serviceAccount"],
  ["eks-cluster-name", "cluster"],
]);

/** One piece of a resource string: a character, a member's value, or text not known until the request. */
export type Token =
  | { readonly kind: "char"; readonly ch: string; /** Written `${*}`, `${?}` or `${$}`: never a wildcard. */ readonly escaped?: true }
  | { readonly kind: "member"; readonly name: MemberPlaceholder; readonly text: string }
  | { readonly kind: "unknown"; readonly text: string };

const REFERENCE = /\$\{([^}]*)\}/g;

/**
 * The member placeholder a `${...}` names: the file's own (`${namespace}`) or its session-tag
 * form (`${aws:PrincipalTag/kubernetes-namespace}`). Condition key names, tag keys among them,
 * are not case-sensitive in IAM (IAM user guide, reference_policies_elements_condition), so
 * the tag form is matched in any case.
 */
export function memberPlaceholder(reference: string): MemberPlaceholder | undefined {
  if (reference === "namespace" || reference === "serviceAccount" || reference === "cluster") return reference;
  const m = /^aws:principaltag\/(.+)$/i.exec(reference);
  return m ? TAG_PLACEHOLDERS.get(m[1]!.toLowerCase()) : undefined;
}

/**
 * `s` as tokens. `${*}`, `${?}` and `${$}` are IAM's literal characters; every other policy
 * variable (`${aws:username}`, a pod name tag...) is text this project cannot know, which may
 * hold any character, so it counts as a wildcard here.
 */
export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of s.matchAll(REFERENCE)) {
    for (const ch of s.slice(last, m.index)) out.push({ kind: "char", ch });
    const name = m[1]!;
    const member = memberPlaceholder(name);
    if (member) out.push({ kind: "member", name: member, text: m[0] });
    else if (name === "*" || name === "?" || name === "$") out.push({ kind: "char", ch: name, escaped: true });
    else out.push({ kind: "unknown", text: m[0] });
    last = m.index! + m[0].length;
  }
  for (const ch of s.slice(last)) out.push({ kind: "char", ch });
  return out;
}

/** Whether `t` matches text not fixed by the string: IAM's wildcards, or an unknown variable. */
export function isWildcard(t: Token | undefined, raw: boolean): boolean {
  return t !== undefined && (t.kind === "unknown" || (raw && t.kind === "char" && !t.escaped && (t.ch === "*" || t.ch === "?")));
}

const ALLOWED = "follow each placeholder with a character its values cannot contain, such as '/' or ':', before any wildcard, as in ${namespace}/*";

/**
 * Why `s` does not delimit every member value, or undefined. `wildcardChars` tells whether
 * '*' and '?' in `s` are IAM wildcards (resources, StringLike values) or plain text
 * (StringEquals values). `note` says what the product appends, for the message.
 *
 * After a placeholder, a character its values cannot hold must come before any wildcard. A
 * wildcard before a placeholder is allowed only as the mirror image: nothing but fixed text after
 * the placeholder, and a character its values cannot hold right before it
 * (`arn:aws:dynamodb:*:111122223333:table/${namespace}`: the string's end is fixed, so the '/'
 * sits at one distance from it for each member). With wildcards on both sides (a bucket ending
 * in a wildcard, then `/${namespace}/` and a wildcard), the first can take another member's
 * folder: object `b/x/a/z` of bucket `q` is under both `a/` and `b/`.
 */
export function memberBoundaryProblem(s: string, options: { readonly wildcardChars?: boolean; readonly note?: string } = {}): string | undefined {
  const raw = options.wildcardChars ?? true;
  const tokens = tokenize(s);
  const note = options.note ? ` (${options.note})` : "";
  const quoted = `${JSON.stringify(s)}${note}`;
  const lastWildcard = tokens.reduce((last, t, i) => (isWildcard(t, raw) ? i : last), -1);
  let wildcardBefore: Token | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== "member") {
      if (!wildcardBefore && isWildcard(t, raw)) wildcardBefore = t;
      continue;
    }
    const placeholder = t.text;
    const alphabet = PLACEHOLDER_ALPHABETS[t.name];
    if (wildcardBefore) {
      const w = wildcardBefore.kind === "char" ? `'${wildcardBefore.ch}'` : wildcardBefore.text;
      if (lastWildcard > i) {
        return `${quoted} has ${w} before ${placeholder} and a wildcard after it: the first can stand for another member's value and what follows it, so one member would reach another's resources; put ${placeholder} before any wildcard or policy variable`;
      }
      const prev = tokens[i - 1]!;
      if (prev.kind !== "char" || isWildcard(prev, raw) || alphabet.chars.test(prev.ch)) {
        const what = prev.kind === "char" ? (isWildcard(prev, raw) ? `the wildcard '${prev.ch}'` : `'${prev.ch}'`) : prev.text;
        return `${quoted} has ${w} before ${placeholder} and ${what} right before it, so the wildcard can take part of another member's value (${alphabet.described}); put a character its values cannot contain, such as '/' or ':', right before it, or the placeholder before any wildcard`;
      }
    }
    const next = tokens[i + 1];
    if (next === undefined) continue;
    if (next.kind === "char" && !isWildcard(next, raw) && !alphabet.chars.test(next.ch)) continue;
    const what = next.kind === "char" ? (isWildcard(next, raw) ? `the wildcard '${next.ch}'` : `'${next.ch}'`) : next.text;
    return `${quoted} puts ${what} right after ${placeholder}, so one member's value can run into another's (${alphabet.described}); ${ALLOWED}`;
  }
  return undefined;
}

/** Whether `s` holds a member placeholder in any form. */
export function hasMemberPlaceholder(s: string): boolean {
  return tokenize(s).some((t) => t.kind === "member");
}

/** `s` for one member: its placeholders, in either form, replaced by the member's values. */
export function substituteMember(s: string, values: Readonly<Record<MemberPlaceholder, string>>): string {
  return s.replace(REFERENCE, (whole, name: string) => {
    const member = memberPlaceholder(name);
    return member ? values[member] : whole;
  });
}
