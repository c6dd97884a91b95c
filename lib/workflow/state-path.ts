/**
 * Where a stack's local state file goes: `terraform.<stack>.tfstate` in the project root,
 * whatever `--output` names, as the README promises. The path is relative to the stack's folder
 * (`<output>/stacks/<stack>`), where terraform runs, so that the JSON names no machine's
 * absolute path (CDKTF's own default is absolute).
 *
 * The output folder is CDKTF_OUTDIR, which `npm run synth` and the cdktf CLI set for the app
 * (cdktf-cli 0.21, bundle/bin/cmds/handlers.js); the project root is the folder the app runs in.
 * Without CDKTF_OUTDIR (an app built in a test) the output is taken to be cdktf.out.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";

export function localStatePath(stackName: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const file = `terraform.${stackName}.tfstate`;
  const outdir = env.CDKTF_OUTDIR;
  if (!outdir) return `../../../${file}`;
  const up = relative(resolve(cwd, outdir, "stacks", stackName), cwd);
  // A project root that no relative path reaches (another drive on Windows) stays absolute.
  const base = isAbsolute(up) ? up : up.split(sep).join("/");
  return `${base}/${file}`;
}
