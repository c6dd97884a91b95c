/**
 * Reads a tenants file (YAML or JSON, by extension), validates it completely and returns either
 * the typed configuration or every problem in it, each placed at its line and column.
 * Nothing here throws for bad input, and nothing is written.
 */
import { extname } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { checkConfig } from "../checks/check-registry";
import { locator } from "./locate";
import { MAX_NESTING, nestingTooDeep } from "./nesting";
import { changedNumbers, pathKey } from "./number-text";
import { partialFindings } from "./partial";
import { prototypeKeys } from "./proto-key";
import { hasErrors, sortProblems, type Finding, type Problem } from "../diagnostics/problems";
import { quote } from "../diagnostics/quote";
import { notARegularFile, readTenantsFileText } from "./read-file";
import { tenantsFileSchema, type Config } from "../schema/schema";
import { errorMap, issuesToFindings } from "../schema/zod-messages";

export interface LoadResult {
  /** The validated configuration; present only when there is no error (warnings allowed). */
  readonly config?: Config;
  /** Errors and warnings in file order. */
  readonly problems: Problem[];
}

export type Format = "yaml" | "json";

/** Thrown only for a file that cannot be read at all; its message is one line naming the file. */
export class TenantsFileUnreadable extends Error {}

export function formatOf(file: string): Format | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === ".yaml" || ext === ".yml") return "yaml";
  if (ext === ".json") return "json";
  return undefined;
}

export async function loadTenantsFile(file: string): Promise<LoadResult> {
  const format = formatOf(file);
  if (!format) {
    const why = notARegularFile(file);
    if (why) throw new TenantsFileUnreadable(`${file}: cannot read the tenants file: ${why}`);
    throw new TenantsFileUnreadable(`${file}: unsupported file type ${JSON.stringify(extname(file))}; use .yaml, .yml or .json`);
  }
  const read = readTenantsFileText(file);
  if ("why" in read) throw new TenantsFileUnreadable(`${file}: cannot read the tenants file: ${read.why}`);
  return parseTenantsText(read.text, file, format);
}

/** Validates file text; `file` only labels the problems. */
export async function parseTenantsText(text: string, file: string, format: Format): Promise<LoadResult> {
  const place = (f: Finding, pos: { line: number; col: number }): Problem => ({ ...f, file, line: pos.line, col: pos.col });
  // A byte-order mark: YAML parsers skip it, JSON.parse does not; both formats get YAML's treatment.
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  const deep = nestingTooDeep(text);
  if (deep) {
    const tooDeep = `the file nests more than ${MAX_NESTING} levels deep here; a tenants file needs about 10, so this is not a tenants file`;
    return { problems: [place({ path: [], message: tooDeep, severity: "error" }, positionOf(text, deep.offset))] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });

  // Warnings of the parser are values that silently change: an unknown tag (!!python/object,
  // !custom) is dropped and the value read as plain text. They are errors here.
  const unreadable = [
    ...doc.errors.map((e) => ({ e, message: `syntax error: ${firstLine(e.message)}` })),
    ...doc.warnings.map((e) => ({ e, message: e.code === "TAG_RESOLVE_FAILED" ? unknownTag(e.message) : `syntax error: ${firstLine(e.message)}` })),
  ];
  if (unreadable.length > 0) {
    return { problems: sortProblems(unreadable.map(({ e, message }) => place({ path: [], message, severity: "error" }, lines.linePos(e.pos[0])))) };
  }
  if (format === "json") {
    const jsonProblem = strictJsonProblem(text, lines);
    if (jsonProblem) return { problems: [place({ path: [], message: jsonProblem.message, severity: "error" }, jsonProblem.pos)] };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { problems: [place({ path: [], message: `cannot read the document: ${firstLine((e as Error).message)}`, severity: "error" }, { line: 1, col: 1 })] };
  }
  if (data === undefined || data === null) {
    return { problems: [place({ path: [], message: "the file is empty; expected a mapping with clusters and tenants", severity: "error" }, { line: 1, col: 1 })] };
  }

  const at = locator(doc, lines);
  const locateAll = (fs: Finding[]) => sortProblems(fs.map((f) => place(f, at(f.path, f.atKey))));

  const numbers = changedNumbers(doc, tenantsFileSchema);
  const protoKeys = prototypeKeys(doc);
  const before = [...protoKeys.findings, ...numbers.findings];
  const parsed = tenantsFileSchema.safeParse(data, { error: errorMap, reportInput: true });
  if (!parsed.success) {
    // A value already reported as "quote it", or a key as `__proto__`, needs no second message from the schema.
    const said = (f: Finding) => numbers.paths.has(pathKey(f.path)) || protoKeys.paths.has(pathKey(f.path));
    const schemaFindings = issuesToFindings(tenantsFileSchema, parsed.error.issues).filter((f) => !said(f));
    return { problems: locateAll(unique([...before, ...schemaFindings, ...(await partialFindings(data))])) };
  }

  const findings = [...before, ...(await checkConfig(parsed.data))];
  const problems = locateAll(findings);
  return hasErrors(findings) ? { problems } : { config: parsed.data, problems };
}

/** Findings with the same place and words are one. */
function unique(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${pathKey(f.path)} ${f.message}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

function unknownTag(message: string): string {
  const tag = /^Unresolved tag: (\S+)/.exec(message)?.[1] ?? "";
  const shown = tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
  return `unknown YAML tag ${quote(shown).slice(1, -1)}: a tenants file holds plain values only; remove the tag, or quote the whole value to keep it as text`;
}

/** Line and column of `offset`, without parsing. */
function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

function firstLine(s: string): string {
  const line = s.split("\n")[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}

/** YAML accepts more than JSON does (comments, single quotes); a .json file must be JSON. */
function strictJsonProblem(text: string, lines: LineCounter): { message: string; pos: { line: number; col: number } } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (e) {
    const message = firstLine((e as Error).message);
    const at = /position (\d+)/.exec(message);
    const pos = at ? lines.linePos(Number(at[1])) : { line: 1, col: 1 };
    return { message: `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`, pos };
  }
}
