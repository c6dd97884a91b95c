/**
 * The one argument parser of every command (node:util parseArgs), so that they all name the
 * tenants file the same way: the first positional argument, or `--file`, else TENANTS_FILE,
 * else tenants.yaml. Commands whose positional arguments name something else too (a cluster for
 * drift, adopt and irsa-scan; stacks for deploy and diff) tell the file apart by its extension:
 * a positional argument ending in .yaml, .yml or .json is the tenants file, since neither a
 * cluster name nor a stack name can end that way (EKS cluster names allow no dot:
 * https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html#API_CreateCluster_RequestSyntax).
 *
 * Unknown options are usage errors (exit 2) with a did-you-mean; `-h`/`--help` wins over
 * everything else, so that asking for help never does anything.
 */
import { parseArgs } from "node:util";
import { didYouMean } from "../diagnostics/suggest";
import { tenantsFileFromEnv } from "../runtime/tenants-file-env";

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  /** What a string option needs, for its error: `--file needs a tenants file`. @default "a value" */
  readonly needs?: string;
  /** Passed on as given to another program (deploy and diff hand them to cdktf). */
  readonly passThrough?: boolean;
  /** The only values a string option takes: `--format must be text or json`. @default any */
  readonly oneOf?: ReadonlyArray<string>;
  /** A string option that is a whole number of at least 1, described as in `--max-calls must be <wholeNumber>`. @default not a number */
  readonly wholeNumber?: string;
}

/** What the positional arguments name besides the tenants file. */
export type Positionals = "file" | "files" | "cluster" | "stacks";

export interface CommandSpec {
  /** The first line of the usage, printed after a usage error. */
  readonly usage: string;
  readonly options?: Readonly<Record<string, OptionSpec>>;
  readonly positionals: Positionals;
}

export interface ParsedArgs {
  readonly help: boolean;
  /** The tenants file, after the defaults. */
  readonly file: string;
  /** The tenants file the arguments name, if they do. */
  readonly named?: string;
  /** validate's files: every positional and --file; otherwise [file]. */
  readonly files: string[];
  /** The cluster (drift, adopt, irsa-scan). */
  readonly cluster?: string;
  /** Stack names (deploy, diff). */
  readonly stacks: string[];
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** The pass-through options, in the order given. */
  readonly passThrough: string[];
}

export class UsageError extends Error {}

const FILE_EXTENSION = /\.(ya?ml|json)$/i;

/** Whether a positional argument names the tenants file, for commands whose positionals also name clusters or stacks. */
export function looksLikeTenantsFile(arg: string): boolean {
  return FILE_EXTENSION.test(arg);
}

const COMMON: Record<string, OptionSpec> = { file: { type: "string", needs: "a tenants file" }, help: { type: "boolean", short: "h" } };

/** Parses `args`; throws UsageError with one line on bad usage. */
export function parseCommandArgs(spec: CommandSpec, args: ReadonlyArray<string>, env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  const options = { ...COMMON, ...spec.options };
  const { tokens } = parseArgs({
    args: [...args],
    options: Object.fromEntries(Object.entries(options).map(([k, o]) => [k, { type: o.type, ...(o.short ? { short: o.short } : {}) }])),
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const help = tokens.some((t) => t.kind === "option" && t.name === "help");
  const values: Record<string, string | boolean | undefined> = {};
  const passThrough: string[] = [];
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === "positional") positionals.push(t.value);
    if (t.kind !== "option" || help) continue;
    const o = options[t.name];
    if (!o) throw new UsageError(`unknown option ${t.rawName}${didYouMean(t.rawName, Object.keys(options).map((k) => `--${k}`))}`);
    if (o.type === "string" && t.value === undefined) throw new UsageError(`${t.rawName} needs ${o.needs ?? "a value"}`);
    if (o.type === "boolean" && t.value !== undefined) throw new UsageError(`${t.rawName} takes no value`);
    if (o.oneOf && !o.oneOf.includes(t.value!)) throw new UsageError(`${t.rawName} must be ${o.oneOf.join(" or ")}, not ${JSON.stringify(t.value)}`);
    if (o.wholeNumber && !/^[1-9][0-9]*$/.test(t.value!)) throw new UsageError(`${t.rawName} must be ${o.wholeNumber}, not ${JSON.stringify(t.value)}`);
    if (o.passThrough) passThrough.push(t.rawName, ...(t.value === undefined ? [] : [t.value]));
    else values[t.name] = t.value ?? true;
  }
  if (help) return { help, file: tenantsFileFromEnv(env), files: [], stacks: [], values, passThrough };
  return { help, ...splitPositionals(spec.positionals, positionals, values.file as string | undefined, env), values, passThrough };
}

function splitPositionals(kind: Positionals, positionals: string[], flag: string | undefined, env: NodeJS.ProcessEnv): Pick<ParsedArgs, "file" | "named" | "files" | "cluster" | "stacks"> {
  if (kind === "files") {
    const files = [...(flag === undefined ? [] : [flag]), ...positionals];
    return { file: files[0] ?? tenantsFileFromEnv(env), named: files[0], files: files.length > 0 ? files : [tenantsFileFromEnv(env)], stacks: [] };
  }
  const named = kind === "file" ? positionals : positionals.filter(looksLikeTenantsFile);
  const others = kind === "file" ? [] : positionals.filter((p) => !looksLikeTenantsFile(p));
  if (named.length + (flag === undefined ? 0 : 1) > 1) throw new UsageError(`one tenants file at a time, got ${[...(flag === undefined ? [] : [flag]), ...named].join(" ")}`);
  const given = flag ?? named[0];
  const file = given ?? tenantsFileFromEnv(env);
  if (kind === "cluster") {
    if (others.length !== 1) throw new UsageError(others.length === 0 ? "which cluster?" : `one cluster at a time, got ${others.join(" ")}`);
    return { file, named: given, files: [file], cluster: others[0], stacks: [] };
  }
  return { file, named: given, files: [file], stacks: others };
}

/**
 * A command's arguments, or the exit code after printing its help (0, on stdout) or a usage
 * error and the usage line (2, on stderr): what every command does first.
 */
export function parseOrReport(
  spec: CommandSpec & { readonly help: string },
  args: ReadonlyArray<string>,
  env: NodeJS.ProcessEnv,
  io: { readonly stdout: (text: string) => void; readonly stderr: (line: string) => void },
): ParsedArgs | number {
  let parsed;
  try {
    parsed = parseCommandArgs(spec, args, env);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`error: ${e.message}`);
    io.stderr(spec.usage);
    return 2;
  }
  if (parsed.help) {
    io.stdout(spec.help);
    return 0;
  }
  return parsed;
}

/** A whole number of seconds above zero, for --timeout and the like. */
export function positiveNumber(name: string, value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || !/^[0-9]+(\.[0-9]+)?$/.test(value) || !(n > 0)) throw new UsageError(`--${name} must be a number of seconds above 0, not ${JSON.stringify(value)}`);
  return n;
}

/**
 * The arguments of a script without a tenants file (bench, schema, regions): its options or,
 * after printing the help or a usage error, the exit code (0 after --help, 2 on bad usage).
 */
export function parseScriptArgs(
  spec: { readonly usage: string; readonly help: string; readonly options?: Readonly<Record<string, OptionSpec>> },
  args: ReadonlyArray<string>,
  io: { readonly stdout: (text: string) => void; readonly stderr: (line: string) => void },
): Readonly<Record<string, string | boolean | undefined>> | number {
  try {
    const parsed = parseCommandArgs({ usage: spec.usage, positionals: "stacks", options: spec.options }, args);
    if (parsed.help) {
      io.stdout(spec.help);
      return 0;
    }
    if (parsed.values.file !== undefined || parsed.stacks.length > 0 || parsed.named !== undefined) {
      throw new UsageError(`unexpected arguments: ${args.filter((a) => !a.startsWith("-")).join(" ") || "--file"}`);
    }
    return parsed.values;
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr(`error: ${e.message}`);
    io.stderr(spec.usage);
    return 2;
  }
}
