/**
 * The cdktf floor: a minimal cdktf app, kept beside the project by its maintainers (not shipped
 * to users), that writes the same cdk.tf.json for the bench's tenants with no validation. Run
 * back to back with the project, run by run, it turns CPU time on a shared machine into a ratio
 * that other load barely moves. When the folder is missing the bench runs without it.
 *
 * BENCH_FLOOR names the folder (holding floor-cdktf.js); BENCH_FLOOR=none turns it off. Default:
 * ../shared/bench/cdktf-floor beside the project root.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

export interface Floor {
  /** A shell command, run like the app command. */
  readonly command: string;
  /** Added to the environment of each run: the floor resolves cdktf from the project. */
  readonly env: Record<string, string>;
}

export function findFloor(root: string, env: NodeJS.ProcessEnv = process.env): Floor | undefined {
  const setting = env.BENCH_FLOOR;
  if (setting === "none") return undefined;
  const dir = resolve(root, setting ?? join("..", "shared", "bench", "cdktf-floor"));
  const script = join(dir, "floor-cdktf.js");
  if (!existsSync(script)) {
    if (setting !== undefined) throw new Error(`BENCH_FLOOR=${setting}: ${script} does not exist`);
    return undefined;
  }
  // FLOOR_TUNED=1: the floor applies the project's older runtime tricks too (its README).
  return { command: `node ${JSON.stringify(script)}`, env: { FLOOR_TUNED: "1", NODE_PATH: join(root, "node_modules") } };
}
