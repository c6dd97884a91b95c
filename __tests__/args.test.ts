/** lib/commands/args.ts: the one argument parser of every command. */
import { looksLikeTenantsFile, parseCommandArgs, parseOrReport, parseScriptArgs, UsageError } from "../lib/commands/args";

const FILE_SPEC = { usage: "usage: x", positionals: "file" as const, options: { format: { type: "string" as const } } };
const CLUSTER_SPEC = { usage: "usage: x", positionals: "cluster" as const, options: { timeout: { type: "string" as const } } };
const STACKS_SPEC = { usage: "usage: x", positionals: "stacks" as const, options: { var: { type: "string" as const, passThrough: true }, "auto-approve": { type: "boolean" as const, passThrough: true } } };

describe("the tenants file", () => {
  it("is the first positional argument, --file or --file=, else TENANTS_FILE, else tenants.yaml", () => {
    expect(parseCommandArgs(FILE_SPEC, ["a.yaml"], {})).toMatchObject({ file: "a.yaml", named: "a.yaml" });
    expect(parseCommandArgs(FILE_SPEC, ["--file", "a.yaml"], {})).toMatchObject({ file: "a.yaml", named: "a.yaml" });
    expect(parseCommandArgs(FILE_SPEC, ["--file=a.yaml"], {})).toMatchObject({ file: "a.yaml", named: "a.yaml" });
    expect(parseCommandArgs(FILE_SPEC, [], { TENANTS_FILE: "env.yaml" })).toMatchObject({ file: "env.yaml", named: undefined });
    expect(parseCommandArgs(FILE_SPEC, [], {})).toMatchObject({ file: "tenants.yaml", named: undefined });
  });

  it("is one file: a positional argument and --file together are a usage error", () => {
    expect(() => parseCommandArgs(FILE_SPEC, ["a.yaml", "--file", "b.yaml"], {})).toThrow(new UsageError("one tenants file at a time, got b.yaml a.yaml"));
  });

  it("is told from a cluster by its extension, in any position", () => {
    for (const args of [["t.yaml", "prod"], ["prod", "t.yaml"], ["prod", "--file", "t.yaml"]]) {
      expect(parseCommandArgs(CLUSTER_SPEC, args, {})).toMatchObject({ file: "t.yaml", cluster: "prod" });
    }
    expect(parseCommandArgs(CLUSTER_SPEC, ["prod"], { TENANTS_FILE: "env.json" })).toMatchObject({ file: "env.json", cluster: "prod" });
    expect(() => parseCommandArgs(CLUSTER_SPEC, ["t.yaml"], {})).toThrow("which cluster?");
    expect(() => parseCommandArgs(CLUSTER_SPEC, ["a", "b"], {})).toThrow("one cluster at a time, got a b");
    expect([".yaml", ".YML", ".json"].map((e) => looksLikeTenantsFile(`f${e}`))).toEqual([true, true, true]);
    expect(looksLikeTenantsFile("prod-eu-1")).toBe(false);
  });

  it("is told from stack names by its extension; cdktf's options pass through in order", () => {
    const r = parseCommandArgs(STACKS_SPEC, ["prod", "t.yml", "--var", "a=b", "--auto-approve", "--var=c=d", "staging"], {});
    expect(r).toMatchObject({ file: "t.yml", stacks: ["prod", "staging"], passThrough: ["--var", "a=b", "--auto-approve", "--var", "c=d"] });
  });

  it("validate takes many files, --file among them", () => {
    const spec = { usage: "u", positionals: "files" as const };
    expect(parseCommandArgs(spec, ["a.yaml", "--file", "b.yaml", "c.yaml"], {}).files).toEqual(["b.yaml", "a.yaml", "c.yaml"]);
    expect(parseCommandArgs(spec, [], { TENANTS_FILE: "e.yaml" }).files).toEqual(["e.yaml"]);
  });
});

describe("usage errors", () => {
  it("names an unknown option with the one it resembles", () => {
    expect(() => parseCommandArgs(FILE_SPEC, ["--fromat", "json"], {})).toThrow(new UsageError('unknown option --fromat; did you mean "--format"?'));
    expect(() => parseCommandArgs(CLUSTER_SPEC, ["prod", "--fiel", "t.yaml"], {})).toThrow(new UsageError('unknown option --fiel; did you mean "--file"?'));
    expect(() => parseCommandArgs(FILE_SPEC, ["-x"], {})).toThrow(new UsageError("unknown option -x"));
  });

  it("says what an option lacks or has too much of", () => {
    expect(() => parseCommandArgs(FILE_SPEC, ["--file"], {})).toThrow(new UsageError("--file needs a tenants file"));
    expect(() => parseCommandArgs(FILE_SPEC, ["--format"], {})).toThrow(new UsageError("--format needs a value"));
    expect(() => parseCommandArgs(STACKS_SPEC, ["--auto-approve=yes"], {})).toThrow(new UsageError("--auto-approve takes no value"));
  });

  it("gives way to --help or -h anywhere, so that asking for help never fails or acts", () => {
    expect(parseCommandArgs(CLUSTER_SPEC, ["--bogus", "a", "b", "-h"], {}).help).toBe(true);
    expect(parseCommandArgs(FILE_SPEC, ["--help", "a.yaml", "b.yaml"], {}).help).toBe(true);
  });
});

describe("parseScriptArgs", () => {
  const spec = { usage: "usage: npm run s", help: "usage: npm run s\n\nhelp text\n", options: { write: { type: "boolean" as const } } };
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (l: string) => err.push(l) } };
  };

  it("prints the help and returns 0 on --help; returns the options otherwise", () => {
    const a = io();
    expect(parseScriptArgs(spec, ["--help"], a.io)).toBe(0);
    expect(a.out).toEqual([spec.help]);
    expect(parseScriptArgs(spec, ["--write"], io().io)).toEqual({ write: true });
  });

  it("refuses unknown options and any argument, with exit 2", () => {
    const a = io();
    expect(parseScriptArgs(spec, ["--wirte"], a.io)).toBe(2);
    expect(a.err).toEqual(['error: unknown option --wirte; did you mean "--write"?', "usage: npm run s"]);
    const b = io();
    expect(parseScriptArgs(spec, ["extra"], b.io)).toBe(2);
    expect(b.err).toEqual(["error: unexpected arguments: extra", "usage: npm run s"]);
  });
});

describe("option values", () => {
  const spec = { usage: "usage: x", positionals: "file" as const, options: { format: { type: "string" as const, oneOf: ["text", "json"] }, max: { type: "string" as const, wholeNumber: "a whole number of at least 1" } } };

  it("take only the listed values and whole numbers of at least 1, where the option says so", () => {
    expect(parseCommandArgs(spec, ["--format", "json", "--max=3"], {}).values).toEqual({ format: "json", max: "3" });
    expect(() => parseCommandArgs(spec, ["--format", "yaml"], {})).toThrow(new UsageError('--format must be text or json, not "yaml"'));
    expect(() => parseCommandArgs(spec, ["--max", "0"], {})).toThrow(new UsageError('--max must be a whole number of at least 1, not "0"'));
    expect(() => parseCommandArgs(spec, ["--max=1.5"], {})).toThrow(new UsageError('--max must be a whole number of at least 1, not "1.5"'));
  });
});

describe("parseOrReport", () => {
  const spec = { usage: "usage: x", help: "usage: x\n\nall of it\n", positionals: "file" as const, options: { format: { type: "string" as const, oneOf: ["text", "json"] } } };
  const run = (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const r = parseOrReport(spec, args, {}, { stdout: (t) => out.push(t), stderr: (l) => err.push(l) });
    return { r, out, err };
  };

  it("gives the parsed arguments, the help with 0, or a usage error and the usage line with 2", () => {
    expect(run(["a.yaml"])).toMatchObject({ r: { file: "a.yaml" }, out: [], err: [] });
    expect(run(["--format", "x", "--help"])).toEqual({ r: 0, out: ["usage: x\n\nall of it\n"], err: [] });
    expect(run(["--format", "x"])).toEqual({ r: 2, out: [], err: ['error: --format must be text or json, not "x"', "usage: x"] });
  });
});
