/**
 * `npm run synth` without the cdktf CLI around it: runs cdktf.json's app command the way
 * cdktf-cli 0.21's synth does, so the output is the same files, at a fraction of the cost (the
 * CLI adds about two seconds of its own start-up to every run).
 *
 * What the CLI does, read from its synth step (cdktf-cli 0.21, bundle/bin/cmds/handlers.js):
 * - runs `app` through a shell in the project folder, with TF_VAR_* variables removed;
 * - sets CDKTF_OUTDIR, CDKTF_CONTEXT_JSON (any context given, plus `cdktfRelativeModules`: the
 *   local modules of cdktf.json), SYNTH_HCL_OUTPUT=false, and NODE_OPTIONS to
 *   --max-old-space-size=4096 when NODE_OPTIONS is unset;
 * - then deletes the folders under <outdir>/stacks that the manifest no longer lists.
 * It also sets CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, which only changes what happens on
 * error annotations (this app makes none); it is left out so that the app can tell that no CLI
 * wraps it and print its diagnostics on stderr (lib/commands/cli.ts).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";

export const DEFAULT_OUTDIR = "cdktf.out";

interface CdktfJson {
  readonly app: string;
  readonly output: string;
  readonly relativeModules: string[];
}

/** The parts of cdktf.json that synthesis needs. */
export function readCdktfJson(cwd: string): CdktfJson {
  const file = join(cwd, "cdktf.json");
  let raw: { app?: unknown; output?: unknown; terraformModules?: unknown };
  try {
    raw = JSON.parse(readFileSync(file, "utf8")) as typeof raw;
  } catch (e) {
    throw new Error(`${file}: cannot read the cdktf project file: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof raw.app !== "string" || raw.app.trim() === "") throw new Error(`${file}: "app" must be the command that runs the CDKTF app`);
  const modules = Array.isArray(raw.terraformModules) ? (raw.terraformModules as Array<string | { source?: string }>) : [];
  const relativeModules = modules.filter((m) => {
    const source = typeof m === "string" ? m : (m.source ?? "");
    return source.startsWith("./") || source.startsWith("../");
  }) as string[];
  return { app: raw.app, output: typeof raw.output === "string" ? raw.output : DEFAULT_OUTDIR, relativeModules };
}

/** The app's environment, as the CLI builds it. */
export function synthEnv(base: NodeJS.ProcessEnv, outdir: string, relativeModules: ReadonlyArray<unknown>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(base).filter(([k]) => !k.startsWith("TF_VAR_")));
  if (!env.NODE_OPTIONS) env.NODE_OPTIONS = "--max-old-space-size=4096";
  const context = base.CDKTF_CONTEXT_JSON ? (JSON.parse(base.CDKTF_CONTEXT_JSON) as object) : {};
  delete env.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  // The app never calls HashiCorp's checkpoint service, but a cdktf or terraform it starts would.
  env.CHECKPOINT_DISABLE ??= "1";
  return { ...env, CDKTF_OUTDIR: outdir, CDKTF_CONTEXT_JSON: JSON.stringify({ ...context, cdktfRelativeModules: relativeModules }), SYNTH_HCL_OUTPUT: "false" };
}

/** The stack names in <outdir>/manifest.json. */
export function manifestStacks(outdir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8")) as { stacks?: Record<string, unknown> };
  return Object.keys(manifest.stacks ?? {});
}

export interface SynthResult {
  /** The app's exit code. */
  readonly status: number;
  /** The synthesized stacks, when it succeeded. */
  readonly stacks: string[];
}

/**
 * Runs the app once, its output passed straight through. `outdir` defaults to cdktf.json's
 * `output`, then cdktf.out.
 */
export function synthesize(cwd: string, options: { outdir?: string; env?: NodeJS.ProcessEnv } = {}): SynthResult {
  const project = readCdktfJson(cwd);
  const outdir = options.outdir ?? project.output;
  const stacksDir = resolve(cwd, outdir, "stacks");
  const before = existsSync(stacksDir) ? readdirSync(stacksDir).filter((d) => statSync(join(stacksDir, d)).isDirectory()) : [];
  const r = spawnSync(project.app, { cwd, shell: true, stdio: "inherit", env: synthEnv(options.env ?? process.env, outdir, project.relativeModules) });
  if (r.error) throw r.error;
  const status = r.status ?? 1;
  if (status !== 0) return { status, stacks: [] };
  const stacks = manifestStacks(resolve(cwd, outdir));
  for (const gone of before.filter((d) => !stacks.includes(basename(d)))) rmSync(join(stacksDir, gone), { recursive: true, force: true });
  return { status, stacks };
}
