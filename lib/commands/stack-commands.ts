/**
 * `npm run deploy` and `npm run diff`: every stack by default, `-- <stack> ...` for some.
 *
 * Both synthesize once (synth.ts: the app's warnings print once, plainly, and a bad file stops
 * here), then hand the stacks to the cdktf CLI with `--skip-synth`, so that the CLI does not run
 * the app a second time (https://developer.hashicorp.com/terraform/cdktf/cli-reference/commands).
 * - deploy: one `cdktf deploy` with the stacks, or `'*'` for all: the CLI matches stack names
 *   against patterns and runs up to --parallelism stacks at once.
 * - diff: `cdktf diff` plans one stack per call, so this runs one call per stack, up to
 *   --parallelism at a time (default 1, so that plans do not interleave).
 */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { synthesize } from "./synth";
import { parseCommandArgs, UsageError, type OptionSpec } from "./args";

export type Verb = "deploy" | "diff";

/**
 * The options: this command's own, and those of cdktf 0.21's deploy and diff, which go to the
 * CLI as given (read from cdktf-cli 0.21.0, bundle/bin/cdktf.js, the deploy and diff builders).
 */
const STACK_OPTIONS: Record<string, OptionSpec> = {
  parallelism: { type: "string", wholeNumber: "a whole number of at least 1" },
  output: { type: "string", short: "o" },
  "skip-synth": { type: "boolean" },
  app: { type: "string", short: "a", passThrough: true },
  "auto-approve": { type: "boolean", passThrough: true },
  "outputs-file": { type: "string", passThrough: true },
  "outputs-file-include-sensitive-outputs": { type: "boolean", passThrough: true },
  "ignore-missing-stack-dependencies": { type: "boolean", passThrough: true },
  "refresh-only": { type: "boolean", passThrough: true },
  "terraform-parallelism": { type: "string", passThrough: true },
  "no-color": { type: "boolean", passThrough: true },
  "migrate-state": { type: "boolean", passThrough: true },
  var: { type: "string", passThrough: true },
  "var-file": { type: "string", passThrough: true },
};

export interface StackCommand {
  readonly verb: Verb;
  /** Stack names or patterns; empty means every stack. */
  readonly stacks: string[];
  /** Stacks at once; undefined: the CLI's default for deploy (no limit), 1 for diff. */
  readonly parallelism?: number;
  /** Other cdktf options, passed through as given. */
  readonly passThrough: string[];
  /** --output, for the synthesis too. */
  readonly outdir?: string;
  /** The tenants file the arguments name; else TENANTS_FILE, else tenants.yaml. */
  readonly file?: string;
  readonly help: boolean;
}

export function usage(verb: Verb): string {
  const what = verb === "deploy" ? "Deploys" : "Plans (terraform plan)";
  return [
    `usage: npm run ${verb} -- [tenants file] [stack ...] [--file <tenants file>] [--parallelism <n>] [cdktf ${verb} options]`,
    "",
    `${what} every stack in cdktf.out, one per cluster, after synthesizing the tenants file`,
    "(default: TENANTS_FILE, else tenants.yaml). Name stacks to act on those only; an argument",
    "ending in .yaml, .yml or .json is the tenants file, any other a stack.",
    `  --parallelism <n>  ${verb === "deploy" ? "stacks deployed at once (default: all that can)" : "stacks planned at once (default 1)"}`,
    `  -h, --help         this text`,
    `cdktf ${verb}'s options (${verb === "deploy" ? "--auto-approve, --outputs-file, " : ""}--var, --var-file, --refresh-only, --terraform-parallelism, --no-color, --migrate-state) go to it as given.`,
    "Exit codes: 0 done; 1 the file is invalid or a stack failed; 2 usage.",
    "",
  ].join("\n");
}

/** Reads the arguments after `--`; throws a one-line message (a UsageError) on bad usage. */
export function parseStackArgs(verb: Verb, args: ReadonlyArray<string>): StackCommand {
  const parsed = parseCommandArgs({ usage: usage(verb).split("\n")[0]!, positionals: "stacks", options: STACK_OPTIONS }, args);
  const { parallelism, output } = parsed.values;
  if (parsed.values["skip-synth"] !== undefined) throw new UsageError("--skip-synth: this command always synthesizes first and passes --skip-synth itself");
  return {
    verb,
    stacks: parsed.stacks,
    parallelism: parallelism === undefined ? undefined : Number(parallelism),
    passThrough: parsed.passThrough,
    outdir: output as string | undefined,
    file: parsed.named,
    help: parsed.help,
  };
}

/** The cdktf CLI invocations (argument lists) for a command, given the synthesized stacks. */
export function cdktfInvocations(c: StackCommand, synthesized: ReadonlyArray<string>): string[][] {
  const output = c.outdir === undefined ? [] : ["--output", c.outdir];
  if (c.verb === "deploy") {
    const parallelism = c.parallelism === undefined ? [] : ["--parallelism", String(c.parallelism)];
    return [["deploy", ...(c.stacks.length > 0 ? c.stacks : ["*"]), "--skip-synth", ...output, ...parallelism, ...c.passThrough]];
  }
  const unknown = c.stacks.filter((s) => !synthesized.includes(s));
  if (unknown.length > 0) throw new Error(`no stack named ${unknown.map((s) => JSON.stringify(s)).join(", ")}; the stacks are: ${synthesized.join(", ")}`);
  return (c.stacks.length > 0 ? c.stacks : [...synthesized]).map((s) => ["diff", s, "--skip-synth", ...output, ...c.passThrough]);
}

/**
 * Runs the invocations, at most `parallelism` at once, with `node <cli>`; resolves to the
 * worst exit code.
 */
export async function runInvocations(cli: string, invocations: ReadonlyArray<string[]>, parallelism: number, cwd: string, env: NodeJS.ProcessEnv): Promise<number> {
  let worst = 0;
  let next = 0;
  const one = (args: string[]) =>
    new Promise<number>((done) => {
      const child = spawn(process.execPath, [cli, ...args], { cwd, env, stdio: "inherit" });
      child.on("error", () => done(1));
      child.on("close", (code) => done(code ?? 1));
    });
  const worker = async () => {
    while (next < invocations.length) {
      const code = await one(invocations[next++]!);
      worst = Math.max(worst, code);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallelism, invocations.length) }, worker));
  return worst;
}

/**
 * The cdktf CLI's entry file, from the project's own cdktf-cli (a dev dependency).
 * TENANTS_CDKTF_CLI names another file (tests use a stand-in that records its arguments).
 */
export function cdktfCliPath(cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.TENANTS_CDKTF_CLI) return env.TENANTS_CDKTF_CLI;
  const pkg = require.resolve("cdktf-cli/package.json", { paths: [cwd] });
  const bin = (require(pkg) as { bin: { cdktf: string } }).bin.cdktf;
  return join(dirname(pkg), bin);
}

export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (line: string) => void;
}

/** The app's environment: it reads the tenants file from TENANTS_FILE (main.ts). */
export function stackCommandEnv(command: Pick<StackCommand, "file">, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return command.file === undefined ? env : { ...env, TENANTS_FILE: command.file };
}

/** The whole command: arguments, synthesis, then the CLI. Returns the exit code. */
export async function runStackCommand(verb: Verb, args: ReadonlyArray<string>, cwd: string, io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let command: StackCommand;
  try {
    command = parseStackArgs(verb, args);
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}`);
    io.stderr(usage(verb).split("\n")[0]!);
    return 2;
  }
  if (command.help) {
    io.stdout(usage(verb));
    return 0;
  }
  const synthEnv = stackCommandEnv(command, env);
  const synth = synthesize(cwd, { outdir: command.outdir, env: synthEnv });
  if (synth.status !== 0) return 1;
  let invocations: string[][];
  try {
    invocations = cdktfInvocations(command, synth.stacks);
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}`);
    return 2;
  }
  const parallelism = verb === "diff" ? (command.parallelism ?? 1) : 1;
  return runInvocations(cdktfCliPath(cwd, env), invocations, parallelism, cwd, { ...env, CHECKPOINT_DISABLE: env.CHECKPOINT_DISABLE ?? "1" });
}
