/** Findings about a tenants file, and the one line each becomes on stderr. */
import { capLine, quote } from "./quote";

export type FieldPath = ReadonlyArray<string | number>;

export type Severity = "error" | "warning";

/** Something wrong with one field, before it is placed in the file. */
export interface Finding {
  readonly path: FieldPath;
  readonly message: string;
  readonly severity: Severity;
  /** Point at the key itself rather than its value (unknown keys, duplicates of a key). */
  readonly atKey?: boolean;
}

/** A finding placed at a line and column (both 1-based) of a file. */
export interface Problem extends Finding {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export function error(path: FieldPath, message: string, atKey?: boolean): Finding {
  return { path, message, severity: "error", atKey };
}

export function warning(path: FieldPath, message: string): Finding {
  return { path, message, severity: "warning" };
}

/** `tenants[0].role.name`; the root is `(file)`. */
export function formatPath(path: FieldPath): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (seg.length <= 100 && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${quote(seg)}]`;
  }
  return out || "(file)";
}

/**
 * `<file>:<line>:<col>: <field path>: <message>` for errors (the contract in DESIGN.md), with a
 * `warning: ` prefix for warnings so that tools can grep either.
 */
export function formatProblem(p: Problem): string {
  const line = `${p.file}:${p.line}:${p.col}: ${formatPath(p.path)}: ${p.message}`;
  // Messages quote user values short already (quote.ts); this is the net under every message.
  return capLine(p.severity === "warning" ? `warning: ${line}` : line);
}

export function hasErrors(problems: ReadonlyArray<Finding>): boolean {
  return problems.some((p) => p.severity === "error");
}

/** In file order, errors and warnings interleaved as they stand. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col || a.message.localeCompare(b.message));
}
