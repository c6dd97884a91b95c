/**
 * Where a stack's local state file goes: `terraform.<stack>.tfstate` in the project root, for
 * any output folder inside the project (`--output build/out` too), as the README promises. The
 * path is relative to the stack's folder (`<output>/stacks/<stack>`), where terraform runs, so
 * that the JSON names no machine's absolute path (CDKTF's own default is absolute).
 *
 * An output folder outside the project (a temporary folder, another drive) has no relative path
 * into the project that would not name this machine's folders, so its state stays beside the
 * output folder (`<output>/..`), as before.
 *
 * The output folder is CDKTF_OUTDIR, which `npm run synth` and the cdktf CLI set for the app
 * (cdktf-cli 0.21, bundle/bin/cmds/handlers.js); the project root is the folder the app runs in.
 * Without CDKTF_OUTDIR the output is taken to be cdktf.out.
 */
import { isAbsolute, relative, resolve, sep } from "node:path";

export function localStatePath(stackName: string, env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string {
  const file = `terraform.${stackName}.tfstate`;
  const outdir = resolve(cwd, env.CDKTF_OUTDIR || "cdktf.out");
  const inside = relative(cwd, outdir);
  if (inside === "" || inside.startsWith("..") || isAbsolute(inside)) return `../../../${file}`;
  const up = relative(resolve(outdir, "stacks", stackName), cwd).split(sep).join("/");
  return `${up}/${file}`;
}
