/**
 * Runs the compiled commands as users do: `npm test` builds dist/ first, so these tests cover
 * exactly the JavaScript that `cdktf.json` and the npm scripts run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = join(__dirname, "..");

export interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The `app` command of cdktf.json, split into program and arguments. */
export function appCommand(): string[] {
  const app = (JSON.parse(readFileSync(join(ROOT, "cdktf.json"), "utf8")) as { app: string }).app;
  return app.split(/\s+/);
}

export function runNode(args: string[], env: Record<string, string | undefined> = {}): Run {
  const script = args[0]!;
  if (!existsSync(join(ROOT, script))) throw new Error(`${script} is missing: run \`npm run build\` (npm test does it first)`);
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The app exactly as cdktf.json runs it. Its command preloads scripts/fresh-dist.js, which
 * rebuilds a stale dist/ first, so `UPDATE_GOLDEN=1 npx jest` never writes goldens from old code.
 */
export function runApp(env: Record<string, string | undefined>): Run {
  const [program, ...args] = appCommand();
  if (program !== "node") throw new Error(`cdktf.json's app is expected to run node, not ${program}`);
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, CHECKPOINT_DISABLE: "1", ...env }, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
