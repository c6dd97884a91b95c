/**
 * `npm run validate -- [--format text|json] [file ...]`: checks tenants files without
 * synthesizing. Exit 0 when every file is valid (warnings allowed), 1 when any has an error or
 * cannot be read, 2 on bad usage.
 */
import { loadTenantsFile, TenantsFileUnreadable } from "../file/load";
import { formatPath, formatProblem, hasErrors, type Problem } from "../diagnostics/problems";
import { loadImports } from "../file/imports-file";
import { parseOrReport } from "./args";

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (line: string) => void;
}

/** One problem as `--format json` prints it; line and column are null when the file cannot be read. */
export interface JsonProblem {
  readonly file: string;
  readonly line: number | null;
  readonly column: number | null;
  readonly path: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

export const VALIDATE_USAGE = [
  "usage: npm run validate -- [--format text|json] [tenants file ...] [--file <tenants file>]",
  "",
  "Checks tenants files (default: TENANTS_FILE, else tenants.yaml) and writes nothing.",
  "  --format text  one line per problem on stderr, `<file>:<line>:<col>: <path>: <message>`",
  "                 (warnings start with `warning: `), and one summary line per valid file (default)",
  "  --format json  one JSON array on stdout of {file, line, column, path, severity, message}",
  "  -h, --help     this text",
  "Exit codes: 0 every file is valid (warnings allowed); 1 a file has an error or cannot be read; 2 usage.",
  "",
].join("\n");

export function toJsonProblem(p: Problem): JsonProblem {
  return { file: p.file, line: p.line, column: p.col, path: formatPath(p.path), severity: p.severity, message: p.message };
}

export async function runValidate(args: ReadonlyArray<string>, defaultFile: string, io: Io): Promise<number> {
  const options = { format: { type: "string", oneOf: ["text", "json"] } } as const;
  const parsed = parseOrReport({ usage: VALIDATE_USAGE.split("\n")[0]!, help: VALIDATE_USAGE, positionals: "files", options }, args, { TENANTS_FILE: defaultFile }, io);
  if (typeof parsed === "number") return parsed;
  const format = (parsed.values.format ?? "text") as "text" | "json";
  const files = parsed.files;

  const all: JsonProblem[] = [];
  let failed = false;
  for (const file of files) {
    try {
      const loaded = await loadTenantsFile(file);
      const { config } = loaded;
      // The imports files that npm run adopt writes beside the tenants file are checked with it.
      const imports = config && !hasErrors(loaded.problems) ? loadImports(file, config) : undefined;
      const problems = [...loaded.problems, ...(imports?.problems ?? [])];
      const bad = !config || hasErrors(problems) || (imports !== undefined && imports.imports === undefined);
      failed ||= bad;
      if (format === "json") all.push(...problems.map(toJsonProblem));
      else {
        for (const p of problems) io.stderr(formatProblem(p));
        if (!bad) io.stdout(`${file}: valid: ${config.clusters.length} cluster(s), ${config.tenants.length} tenant(s)\n`);
      }
    } catch (e) {
      if (!(e instanceof TenantsFileUnreadable)) throw e;
      failed = true;
      if (format === "json") all.push({ file, line: null, column: null, path: formatPath([]), severity: "error", message: e.message.startsWith(`${file}: `) ? e.message.slice(file.length + 2) : e.message });
      else io.stderr(e.message);
    }
  }
  if (format === "json") io.stdout(`${JSON.stringify(all, null, 2)}\n`);
  return failed ? 1 : 0;
}
