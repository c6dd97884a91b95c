/**
 * Runs a compiled command asynchronously, so that stand-in servers in the test's own process
 * can answer it (a synchronous spawn would block them). `npm test` builds dist/ first.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

export interface AsyncRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runNodeAsync(args: string[], env: Record<string, string | undefined>): Promise<AsyncRun> {
  if (!existsSync(join(ROOT, args[0]!))) throw new Error(`${args[0]} is missing: run \`npm run build\` (npm test does it first)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
