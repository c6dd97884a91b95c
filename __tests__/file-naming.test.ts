/**
 * One way to name the tenants file (lib/commands/args.ts), on every command: the first positional
 * argument, `--file`, and the TENANTS_FILE environment variable. Each command is run as its bin
 * runs it; a file whose only cluster is `named-here` in eu-west-3 shows which file was read.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runAccess } from "../lib/commands/access-command";
import { runDrift } from "../lib/commands/drift-command";
import { runAdopt } from "../lib/commands/adopt-command";
import { runIrsaScan } from "../lib/commands/irsa-scan-command";
import { tenantsFileFromEnv } from "../lib/runtime/tenants-file-env";
import { runValidate } from "../lib/commands/validate-command";
import { parseStackArgs, stackCommandEnv } from "../lib/commands/stack-commands";
import { runStacks } from "../lib/commands/stacks-command";
import { buildStacks } from "../stacks/build-stacks";
import { ROOT, runNode } from "./run";

jest.setTimeout(120_000);

const dir = mkdtempSync(join(tmpdir(), "file-naming-"));
const file = join(dir, "named.yaml");
writeFileSync(file, "clusters: [{ name: named-here, region: eu-west-3 }]\ntenants:\n  - { name: web, namespace: web, serviceAccount: web-sa }\n");

/** The three ways, as argument lists (the cluster, where a command needs one, comes too) and environments. */
function ways(cluster?: string): Array<{ way: string; args: string[]; env: NodeJS.ProcessEnv }> {
  const c = cluster === undefined ? [] : [cluster];
  return [
    { way: "positional", args: [file, ...c], env: {} },
    { way: "--file", args: [...c, "--file", file], env: {} },
    { way: "TENANTS_FILE", args: [...c], env: { TENANTS_FILE: file } },
  ];
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (t: string) => void out.push(t), stderr: (l: string) => void err.push(l) };
}

/** Runs `body` with TENANTS_FILE as given, as the bins see it. */
async function withEnv<T>(env: NodeJS.ProcessEnv, body: () => Promise<T>): Promise<T> {
  const saved = process.env.TENANTS_FILE;
  if (env.TENANTS_FILE === undefined) delete process.env.TENANTS_FILE;
  else process.env.TENANTS_FILE = env.TENANTS_FILE;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.TENANTS_FILE;
    else process.env.TENANTS_FILE = saved;
  }
}

describe.each(ways().map((w) => [w.way, w] as const))("named by %s", (_way, w) => {
  it("validate", async () => {
    const o = io();
    expect(await withEnv(w.env, () => runValidate(w.args, tenantsFileFromEnv(), o))).toBe(0);
    expect(o.out).toEqual([`${file}: valid: 1 cluster(s), 1 tenant(s)\n`]);
  });

  it("stacks", async () => {
    const o = io();
    expect(await withEnv(w.env, () => runStacks([...w.args, "--format", "json"], tenantsFileFromEnv(), o, buildStacks))).toBe(0);
    expect((JSON.parse(o.out.join("")) as { stacks: Array<{ name: string }> }).stacks.map((s) => s.name)).toEqual(["named-here"]);
  });

  it("access", async () => {
    const o = io();
    expect(await withEnv(w.env, () => runAccess(w.args, o, buildStacks))).toBe(0);
    expect(o.out.join("")).toContain('"named-here"');
  });

  it("deploy and diff hand the file to the synthesis", () => {
    for (const verb of ["deploy", "diff"] as const) {
      const command = parseStackArgs(verb, [...w.args, "named-here"]);
      expect(command.stacks).toEqual(["named-here"]);
      expect(stackCommandEnv(command, { ...w.env }).TENANTS_FILE).toBe(file);
    }
  });
});

describe.each(ways("named-here").map((w) => [w.way, w] as const))("the live commands, named by %s", (_way, w) => {
  // A client that refuses to be made shows that the file was read and its cluster found.
  const refuse = (region: string): never => {
    throw Object.assign(new Error(`client for ${region}`), { name: "Refused" });
  };

  it("drift", async () => {
    const o = io();
    expect(await withEnv(w.env, () => runDrift(w.args, { ...o, client: refuse, addresses: () => new Map() }))).toBe(2);
    expect(o.err).toEqual(["error: Refused reading the Pod Identity associations of cluster named-here in eu-west-3: client for eu-west-3"]);
  });

  it("adopt and irsa-scan", async () => {
    for (const run of [runAdopt, runIrsaScan]) {
      const o = io();
      const code = await withEnv(w.env, () => run(w.args, { ...o, eks: refuse, iam: refuse, kube: () => refuse("kube"), writeFile: () => undefined }).catch((e: Error) => e.message));
      expect({ code, err: o.err }).toEqual(run === runAdopt ? { code: "client for eu-west-3", err: [] } : { code: 2, err: ["error: Refused describing cluster named-here in eu-west-3: client for eu-west-3"] });
    }
  });
});

it("synth reads the file named by a positional argument or --file", () => {
  // An output folder inside the project, whose state must still land in the project root; a
  // folder of the test's own, removed after, so that the run leaves nothing in the checkout.
  const outs = mkdtempSync(join(ROOT, "file-naming-test-"));
  try {
    for (const args of [[file], ["--file", file]]) {
      const out = mkdtempSync(join(outs, "out-"));
      const r = runNode(["dist/bin/synth.js", ...args, "--output", out], { TENANTS_FILE: undefined });
      expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: "" });
      expect(Object.keys((JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as { stacks: object }).stacks)).toEqual(["named-here"]);
      // The local state stays in the project root although the output is elsewhere.
      const stack = JSON.parse(readFileSync(join(out, "stacks", "named-here", "cdk.tf.json"), "utf8")) as { terraform: { backend: { local: { path: string } } } };
      expect(resolve(out, "stacks", "named-here", stack.terraform.backend.local.path)).toBe(join(ROOT, "terraform.named-here.tfstate"));
    }
  } finally {
    rmSync(outs, { recursive: true, force: true });
  }
});
