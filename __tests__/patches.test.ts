/**
 * lib/runtime/patches.ts: every command attaches the runtime patches the same way, first thing,
 * by call and not by import order; engine patches wait until the engine has loaded; each
 * patch's outcome is kept, and TENANTS_DEBUG=1 prints the ones that did not apply on one line.
 * The spawned processes run the compiled commands, as users run them.
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { notAppliedLine, whenLoaded } from "../lib/runtime/patches";
import { ROOT } from "./run";
import { tempDir } from "./temp-dir";

const LINE = /^runtime patches not applied: .+$/;

function node(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, CHECKPOINT_DISABLE: "1", TENANTS_DEBUG: "", TENANTS_PATCHES_OFF: "", ...env } });
  return { status: r.status, stdout: r.stdout, lines: r.stderr.split("\n").filter((l) => l.startsWith("runtime patches")) };
}

describe("notAppliedLine", () => {
  it("names each patch that did not apply with its reason, in order, and is empty when all did", () => {
    const results = new Map<string, true | string>([
      ["a", true],
      ["b", "engine source differs"],
      ["c", "debugging"],
    ]);
    expect(notAppliedLine(results)).toBe("runtime patches not applied: b (engine source differs), c (debugging)");
    expect(notAppliedLine(new Map([["a", true]]))).toBeUndefined();
  });
});

describe("whenLoaded", () => {
  it("runs at once when the engine's main module has already loaded", () => {
    const calls: string[] = [];
    whenLoaded("/e/index.js", () => calls.push("now"), { "/e/index.js": { loaded: true } as NodeJS.Module });
    expect(calls).toEqual(["now"]);
  });
});

describe("in a process", () => {
  // Outcomes before and after the engine loads, and whether Node's require was put back.
  const script = `const Module = require("node:module");
const original = Module.prototype.require;
const { attachRuntimePatches } = require("./dist/lib/runtime/patches.js");
const results = attachRuntimePatches();
const before = Object.fromEntries(results);
const hooked = Module.prototype.require !== original;
require("cdktf");
process.stdout.write(JSON.stringify({ before, after: Object.fromEntries(results), hooked, restored: Module.prototype.require === original, again: attachRuntimePatches() === results }));`;
  const run = (env: Record<string, string> = {}) => JSON.parse(node(["-e", script], env).stdout) as Record<string, unknown>;

  it("applies the engine patches only once the engine has loaded, then puts Node's require back", () => {
    const r = run() as { before: Record<string, unknown>; after: Record<string, unknown>; hooked: boolean; restored: boolean; again: boolean };
    expect(r.before).toMatchObject({ "defer-unused-modules": true, "stable-stringify": true, "token-stack-traces": "engine unused", "skip-extra-resolve-passes": "engine unused", "skip-resolve-of-plain-values": "engine unused" });
    expect(r.after).toMatchObject({ "token-stack-traces": true, "skip-extra-resolve-passes": true, "skip-resolve-of-plain-values": true });
    expect([r.hooked, r.restored, r.again]).toEqual([true, true, true]);
  });

  it("turns off the patches TENANTS_PATCHES_OFF names, or all of them", () => {
    const some = run({ TENANTS_PATCHES_OFF: "stable-stringify, skip-extra-resolve-passes" }) as { after: Record<string, unknown> };
    expect(some.after).toMatchObject({ "stable-stringify": "turned off", "skip-extra-resolve-passes": "turned off", "skip-resolve-of-plain-values": true });
    const none = run({ TENANTS_PATCHES_OFF: "all" }) as { after: Record<string, unknown> };
    expect(new Set(Object.values(none.after))).toEqual(new Set(["turned off"]));
  });
});

describe("every command attaches them, the same way", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
  const bins = Object.entries(pkg.bin);

  it("covers every file of bin/", () => {
    expect(bins.map(([, file]) => file.replace(/^dist\//, "").replace(/\.js$/, ".ts")).sort()).toEqual(readdirSync(join(ROOT, "bin")).map((f) => `bin/${f}`).sort());
  });

  it.each(bins)("%s: calls attachRuntimePatches() before it requires anything of the project, and imports nothing else of it", (_name, file) => {
    const source = readFileSync(join(ROOT, file.replace(/^dist\//, "").replace(/\.js$/, ".ts")), "utf8");
    const valueImports = [...source.matchAll(/^import (?!type )[^"]*"(\.[^"]+)";$/gm)].map((m) => m[1]);
    expect(valueImports).toEqual(["../lib/runtime/patches"]);
    const attach = source.indexOf("\nattachRuntimePatches();\n");
    expect(attach).toBeGreaterThan(0);
    expect(source.indexOf('require("..')).toBeGreaterThan(attach);
  });

  it.each(bins)("%s: with TENANTS_DEBUG=1 prints one line naming the patches that did not apply; silent without", (_name, file) => {
    const debug = node([file, "--help"], { TENANTS_DEBUG: "1" });
    expect(debug.status).toBe(0);
    expect(debug.lines).toHaveLength(1);
    expect(debug.lines[0]).toMatch(LINE);
    // Under TENANTS_DEBUG token creation stacks are kept on purpose.
    expect(debug.lines[0]).toMatch(/token-stack-traces \((debugging|engine unused)\)/);
    expect(node([file, "--help"]).lines).toEqual([]);
  });

  it("the commands that synthesize apply the engine patches; the app as cdktf.json runs it too", () => {
    const out = tempDir("patches-app-");
    const runs = [
      node(["dist/bin/stacks.js", "tenants.yaml"], { TENANTS_DEBUG: "1" }),
      node(["dist/bin/access.js", "tenants.yaml", "--format", "json"], { TENANTS_DEBUG: "1" }),
      node(["--require", "./dist/lib/runtime/preload.js", "dist/main.js"], { TENANTS_DEBUG: "1", TENANTS_FILE: "tenants.yaml", CDKTF_OUTDIR: out }),
    ];
    for (const r of runs) {
      expect(r.status).toBe(0);
      expect(r.lines).toHaveLength(1);
      expect(r.lines[0]).toMatch(/token-stack-traces \(debugging\)/);
      expect(r.lines[0]).not.toMatch(/skip-extra-resolve-passes|skip-resolve-of-plain-values|stable-stringify|defer-unused-modules/);
    }
  });
});
