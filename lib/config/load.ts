/**
 * Reads a tenants file (YAML or JSON, by extension), validates it completely and returns either
 * the typed configuration or every problem in it, each placed at its line and column.
 * Nothing here throws for bad input, and nothing is written.
 */
import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { checkConfig } from "./checks";
import { locator } from "./locate";
import { hasErrors, sortProblems, type Finding, type Problem } from "./problems";
import { tenantsFileSchema, type Config } from "./schema";
import { errorMap, issuesToFindings } from "./zod-messages";

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
    throw new TenantsFileUnreadable(`${file}: unsupported file type ${JSON.stringify(extname(file))}; use .yaml, .yml or .json`);
  }
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a directory" : code === "EACCES" ? "permission denied" : String((e as Error).message);
    throw new TenantsFileUnreadable(`${file}: cannot read the tenants file: ${why}`);
  }
  return parseTenantsText(text, file, format);
}

/** Validates file text; `file` only labels the problems. */
export async function parseTenantsText(text: string, file: string, format: Format): Promise<LoadResult> {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  const place = (f: Finding, pos: { line: number; col: number }): Problem => ({ ...f, file, line: pos.line, col: pos.col });

  if (doc.errors.length > 0) {
    return {
      problems: sortProblems(
        doc.errors.map((e) => place({ path: [], message: `syntax error: ${firstLine(e.message)}`, severity: "error" }, lines.linePos(e.pos[0]))),
      ),
    };
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

  const parsed = tenantsFileSchema.safeParse(data, { error: errorMap, reportInput: true });
  if (!parsed.success) return { problems: locateAll(issuesToFindings(tenantsFileSchema, parsed.error.issues)) };

  const findings = await checkConfig(parsed.data);
  const problems = locateAll(findings);
  return hasErrors(findings) ? { problems } : { config: parsed.data, problems };
}

function firstLine(s: string): string {
  return s.split("\n")[0]!.trim();
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
