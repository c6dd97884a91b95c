/**
 * A policy document written as the literal JSON that `data.aws_iam_policy_document` would
 * produce, byte for byte, so that IAM receives the same document either way. The rules are those
 * of hashicorp/terraform-provider-aws v5.100.0, internal/service/iam/policy_document_data_source.go
 * (dataSourcePolicyDocumentRead) and internal/service/iam/policy_model.go:
 * - `json.MarshalIndent(doc, "", "  ")`: two-space indent; Go's encoder escapes `<`, `>`, `&`,
 *   U+2028 and U+2029 as `\u003c`…, which JSON.stringify does not;
 * - key order of the Go structs: Version, Statement; Sid (left out when empty), Effect, Action,
 *   NotAction, Resource, NotResource, Principal, NotPrincipal, Condition;
 * - actions, resources and principal identifiers are sets: without repeats, sorted and then
 *   reversed (policyDecodeConfigStrings), a one-element list written as its string;
 * - principals and conditions are JSON maps, so their keys are sorted; a condition's values keep
 *   their order, one value written as its string; `{"*": ["*"]}` is written `"*"`;
 * - `&{` in resources, principals and condition values becomes `${`.
 * Sorting is by the value Terraform passes to the provider, after interpolation. Where a
 * reference (a CDKTF token) makes that order unknown at synthesis, or the document uses a shape
 * whose order the provider leaves to its set hashing, `inlinePolicyJson` returns undefined and
 * the caller keeps the data source: a document is inline only when it is provably the same.
 * References put into the document are ARNs, account IDs, partitions and regions, which JSON
 * never escapes, so interpolating them into the JSON text gives the provider's bytes.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";

const TOKEN = /\$\{TfToken\[[^\]]*\]\}/g;

type Part = { readonly char: number } | { readonly token: string };

/** The value Terraform would pass for template text `s`: escapes undone, tokens kept opaque. */
function valueParts(s: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  const literal = (text: string) => {
    for (const ch of text.replace(/\$\$\{/g, "${").replace(/%%\{/g, "%{")) parts.push({ char: ch.codePointAt(0)! });
  };
  for (const m of s.matchAll(TOKEN)) {
    literal(s.slice(last, m.index));
    parts.push({ token: m[0] });
    last = m.index! + m[0].length;
  }
  literal(s.slice(last));
  return parts;
}

/** Go's string order of the interpolated values (bytewise UTF-8, i.e. by code point), or undefined when a reference makes it unknown. */
export function compareValues(a: string, b: string): number | undefined {
  if (a === b) return 0;
  const x = valueParts(a);
  const y = valueParts(b);
  for (let i = 0; ; i++) {
    const p = x[i];
    const q = y[i];
    if (p === undefined || q === undefined) {
      if (p === undefined && q === undefined) return 0;
      // A reference may resolve to "", so the shorter text is not known to come first.
      const rest = p === undefined ? y.slice(i) : x.slice(i);
      if (rest.some((r) => "token" in r)) return undefined;
      return p === undefined ? -1 : 1;
    }
    if ("token" in p || "token" in q) {
      if ("token" in p && "token" in q && p.token === q.token) continue;
      return undefined;
    }
    if (p.char !== q.char) return p.char < q.char ? -1 : 1;
  }
}

class Unknown extends Error {}

/** Sorted descending by value, without repeats (the provider's sets), or Unknown. */
function reverseSorted(xs: ReadonlyArray<string>): string[] {
  const unique = [...new Set(xs)];
  return unique.sort((a, b) => {
    const c = compareValues(a, b);
    if (c === undefined || (c === 0 && a !== b)) throw new Unknown();
    return -c;
  });
}

const one = (xs: string[]): string | string[] => (xs.length === 1 ? xs[0]! : xs);

/** Map keys in Go's order (encoding/json sorts map keys). */
function sortedKeys(keys: ReadonlyArray<string>): string[] {
  return [...keys].sort((a, b) => {
    const c = compareValues(a, b);
    if (c === undefined) throw new Unknown();
    return c;
  });
}

function principalsJson(ps: ReadonlyArray<{ type: string; identifiers: string[] }>): unknown {
  if (new Set(ps.map((p) => p.type)).size !== ps.length) throw new Unknown();
  const [only] = ps;
  if (ps.length === 1 && only!.type === "*" && only!.identifiers.length > 0 && only!.identifiers.every((i) => i === "*")) return "*";
  const byType = new Map(ps.map((p) => [p.type, one(reverseSorted(p.identifiers))]));
  return Object.fromEntries(sortedKeys([...byType.keys()]).map((k) => [k, byType.get(k)]));
}

function conditionJson(cs: ReadonlyArray<{ test: string; variable: string; values: string[] }>): unknown {
  const unique = [...new Map(cs.map((c) => [JSON.stringify([c.test, c.variable, c.values]), c])).values()];
  const byTest = new Map<string, Map<string, string | string[]>>();
  for (const c of unique) {
    const vars = byTest.get(c.test) ?? new Map<string, string | string[]>();
    // Two blocks of one test and key are joined in the provider's set order, which is a hash.
    if (vars.has(c.variable)) throw new Unknown();
    vars.set(c.variable, one([...c.values]));
    byTest.set(c.test, vars);
  }
  return Object.fromEntries(sortedKeys([...byTest.keys()]).map((t) => [t, Object.fromEntries(sortedKeys([...byTest.get(t)!.keys()]).map((v) => [v, byTest.get(t)!.get(v)]))]));
}

function statementJson(s: DataAwsIamPolicyDocumentStatement): Record<string, unknown> {
  const list = (v: unknown): string[] | undefined => {
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) throw new Unknown();
    return v.length > 0 ? (v as string[]) : undefined;
  };
  const blocks = <T>(v: unknown): T[] | undefined => {
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) throw new Unknown();
    return v.length > 0 ? (v as T[]) : undefined;
  };
  const out: Record<string, unknown> = {};
  if (typeof s.sid === "string" && s.sid !== "") out.Sid = s.sid;
  else if (s.sid !== undefined && s.sid !== "") throw new Unknown();
  out.Effect = s.effect ?? "Allow";
  const fields: Array<[string, unknown]> = [
    ["Action", s.actions],
    ["NotAction", s.notActions],
    ["Resource", s.resources],
    ["NotResource", s.notResources],
  ];
  for (const [key, v] of fields) {
    const xs = list(v);
    if (xs) out[key] = one(reverseSorted(xs));
  }
  const principals = blocks<{ type: string; identifiers: string[] }>(s.principals);
  if (principals) out.Principal = principalsJson(principals);
  const notPrincipals = blocks<{ type: string; identifiers: string[] }>(s.notPrincipals);
  if (notPrincipals) out.NotPrincipal = principalsJson(notPrincipals);
  const conditions = blocks<{ test: string; variable: string; values: string[] }>(s.condition);
  if (conditions) out.Condition = conditionJson(conditions);
  return out;
}

/** The characters Go's encoding/json escapes and JSON.stringify does not (encoding/json, HTMLEscape and U+2028/U+2029). */
const GO_ESCAPES: Readonly<Record<string, string>> = { "<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029" };

/**
 * The data source's `json` for `statements` as Terraform template text (escapes and references
 * kept), or undefined when it cannot be shown to be byte-identical.
 */
export function inlinePolicyJson(statements: ReadonlyArray<DataAwsIamPolicyDocumentStatement>): string | undefined {
  // The provider turns `&{` into `${` and, for principals, sorts again afterwards: left to it.
  if (JSON.stringify(statements).includes("&{")) return undefined;
  try {
    const doc: Record<string, unknown> = { Version: "2012-10-17" };
    if (statements.length > 0) doc.Statement = statements.map(statementJson);
    return JSON.stringify(doc, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c]!);
  } catch (e) {
    if (e instanceof Unknown) return undefined;
    throw e;
  }
}
