/**
 * What the commands share: load a tenants file, print its problems one per line on stderr, and
 * exit 1 on errors. Bad input never shows a stack trace.
 */
// First: under CDK Terrain, `cdktf` must load `cdktn` (lib/runtime/engine.ts).
import "../runtime/engine";
import { loadTenantsFile, TenantsFileUnreadable } from "../file/load";
import { formatProblem, hasErrors } from "../diagnostics/problems";
import type { Config } from "../schema/schema";
import { debugEnabled } from "../runtime/debug";

/**
 * The validated configuration, or undefined after printing why there is none. With
 * `warnings: false` only errors are printed: commands that run again and again against the
 * same file (drift) leave its warnings to validate and synth.
 */
export async function loadOrReport(file: string, stderr: (line: string) => void, options: { warnings?: boolean } = {}): Promise<Config | undefined> {
  try {
    const { config, problems } = await loadTenantsFile(file);
    for (const p of problems) if (options.warnings !== false || p.severity === "error") stderr(formatProblem(p));
    if (!config || hasErrors(problems)) return undefined;
    return config;
  } catch (e) {
    if (e instanceof TenantsFileUnreadable) {
      stderr(e.message);
      return undefined;
    }
    throw e;
  }
}

/** Runs `body`, turning an unexpected exception into one line and exit code 2. */
export async function runCli(body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (e) {
    process.stderr.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    if (debugEnabled() && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    process.exitCode = 2;
  }
}

/**
 * Whether the cdktf CLI runs this process: cdktf-cli 0.21 sets this variable for the app
 * command it runs (and nothing else does). The CLI logs every chunk of the app's stderr behind
 * an "[ERROR]" prefix and prints its stdout as it is.
 */
export function underCdktfCli(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS === "true";
}

/**
 * Where the app prints the file's problems: stderr, or stdout under the cdktf CLI so that a
 * warning reads as a warning and not as an "[ERROR]" log line.
 */
export function diagnosticsWriter(env: NodeJS.ProcessEnv = process.env): (line: string) => void {
  const stream = underCdktfCli(env) ? process.stdout : process.stderr;
  return (line) => stream.write(`${line}\n`);
}
