/**
 * Drift of an association's session policy (its `policy`): the document the file wants against
 * the one DescribePodIdentityAssociation returns. Compared as IAM reads it, not as text: statement
 * order, the order of actions, resources and condition values, a one-element list against its
 * string, and sids carry no meaning for what the pods may do (IAM JSON policy reference,
 * grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html).
 */
import type { ArnEnvironment } from "../aws/arn-environment";
import { policyJson } from "../policy/policy-size";
import type { PolicyStatement } from "../policy/statement";

type Json = Record<string, unknown>;

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)]).sort();

/** One statement as a canonical string, sid left out. */
function canonicalStatement(s: Json): string {
  const conditions = (s.Condition ?? {}) as Record<string, Record<string, unknown>>;
  const condition = Object.keys(conditions)
    .sort()
    .map((op) => [op, Object.keys(conditions[op] ?? {}).sort().map((k) => [k, list(conditions[op]![k])])]);
  return JSON.stringify([s.Effect ?? "Allow", list(s.Action), list(s.NotAction), list(s.Resource), list(s.NotResource), condition]);
}

/** The document's statements, canonical and sorted; undefined when it is not a JSON policy. */
function canonical(doc: string): string[] | undefined {
  let parsed: Json;
  try {
    parsed = JSON.parse(doc) as Json;
  } catch {
    try {
      // IAM hands policy documents back URL-encoded; accept that form too.
      parsed = JSON.parse(decodeURIComponent(doc)) as Json;
    } catch {
      return undefined;
    }
  }
  const statements = Array.isArray(parsed.Statement) ? (parsed.Statement as Json[]) : parsed.Statement ? [parsed.Statement as Json] : [];
  return statements.map(canonicalStatement).sort();
}

/**
 * Why the live session policy is not the wanted one, or undefined when it is. `wanted` is
 * undefined when the file sets none; `env` fills the partition, account and region of its ARNs.
 */
export function sessionPolicyMismatch(wanted: ReadonlyArray<PolicyStatement> | undefined, live: string | undefined, env: ArnEnvironment): string | undefined {
  if (wanted === undefined) return live === undefined || live === "" ? undefined : "it has a session policy, want none (the pods get less than the role allows)";
  if (live === undefined || live === "") return "it has no session policy, want one (the pods get every permission of the role)";
  const a = canonical(live);
  if (a === undefined) return "its session policy is not a JSON policy document";
  const b = canonical(policyJson(wanted, env))!;
  return JSON.stringify(a) === JSON.stringify(b) ? undefined : "its session policy differs from the file's";
}
