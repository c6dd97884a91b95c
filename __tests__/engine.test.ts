/**
 * lib/runtime/engine.ts: the engine is the one installed beside the package (CDKTF first), and
 * under CDK Terrain every request for `cdktf` or `@cdktf/provider-aws` loads its `cdktn`
 * counterpart, in the whole process, while other requests are left alone.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { engineRequest, installedEngine } from "../lib/runtime/engine";
import { ROOT } from "./run";
import { tempDir } from "./temp-dir";

/** A folder with node_modules/<name>/ holding a package.json and an index.js naming the package. */
function fakePackages(dir: string, packages: Record<string, string>): void {
  for (const [name, version] of Object.entries(packages)) {
    const pkg = join(dir, "node_modules", name);
    mkdirSync(pkg, { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name, version, main: "index.js" }));
    writeFileSync(join(pkg, "index.js"), `module.exports = { from: ${JSON.stringify(name)} };`);
  }
}

describe("engineRequest", () => {
  it("renames cdktf and @cdktf/provider-aws, with their deep paths, to cdktn's packages under cdktn", () => {
    expect(engineRequest("cdktf", "cdktn")).toBe("cdktn");
    expect(engineRequest("cdktf/lib/synthesize/synthesizer", "cdktn")).toBe("cdktn/lib/synthesize/synthesizer");
    expect(engineRequest("@cdktf/provider-aws/lib/iam-role", "cdktn")).toBe("@cdktn/provider-aws/lib/iam-role");
    expect(engineRequest("@cdktf/provider-aws", "cdktn")).toBe("@cdktn/provider-aws");
  });

  it("leaves packages that only start with the same letters, other @cdktf packages and everything under cdktf alone", () => {
    expect(engineRequest("cdktf-cli", "cdktn")).toBe("cdktf-cli");
    expect(engineRequest("@cdktf/provider-aws-extra/lib/x", "cdktn")).toBe("@cdktf/provider-aws-extra/lib/x");
    expect(engineRequest("@cdktf/provider-kubernetes/lib/job-v1", "cdktn")).toBe("@cdktf/provider-kubernetes/lib/job-v1");
    expect(engineRequest("./cdktf", "cdktn")).toBe("./cdktf");
    expect(engineRequest("cdktf/lib/x", "cdktf")).toBe("cdktf/lib/x");
  });
});

describe("installedEngine", () => {
  it("finds the engine a project has installed, CDKTF when it has both, and none when it has neither", () => {
    const terrain = tempDir("engine-cdktn-");
    fakePackages(terrain, { cdktn: "0.24.0" });
    expect(installedEngine(terrain)).toEqual({ name: "cdktn", dir: join(terrain, "node_modules", "cdktn"), main: join(terrain, "node_modules", "cdktn", "index.js"), version: "0.24.0" });
    const both = tempDir("engine-both-");
    fakePackages(both, { cdktn: "0.24.0", cdktf: "0.21.0" });
    expect(installedEngine(both)?.name).toBe("cdktf");
    // This repository's own install, found from the module's folder.
    const cdktf = realpathSync(join(ROOT, "node_modules", "cdktf"));
    expect(installedEngine()).toEqual({ name: "cdktf", dir: cdktf, main: join(cdktf, "lib", "index.js"), version: "0.21.0" });
    expect(installedEngine(tempDir("engine-none-"))).toBeUndefined();
  });
});

describe("useInstalledEngine, as the package loads it in a CDK Terrain project", () => {
  it("makes cdktf and @cdktf/provider-aws requests of any module load cdktn's, and says so under TENANTS_DEBUG=1", () => {
    const project = tempDir("engine-project-");
    fakePackages(project, { cdktn: "0.24.0", "@cdktn/provider-aws": "25.7.0", "some-library": "1.0.0" });
    mkdirSync(join(project, "node_modules", "@cdktn", "provider-aws", "lib", "iam-role"), { recursive: true });
    writeFileSync(join(project, "node_modules", "@cdktn", "provider-aws", "lib", "iam-role", "index.js"), 'module.exports = { from: "@cdktn/provider-aws/lib/iam-role" };');
    // Another package of the project that requires cdktf itself is redirected too.
    writeFileSync(join(project, "node_modules", "some-library", "index.js"), 'module.exports = { from: require("cdktf").from };');
    // The package as installed: the compiled engine module and what it imports, by the sources' own paths.
    const runtime = join(project, "node_modules", "eks-pod-identity-tenants", "runtime");
    mkdirSync(runtime, { recursive: true });
    const ts = require("typescript") as typeof import("typescript");
    for (const file of ["engine", "debug"]) {
      const source = readFileSync(join(ROOT, "lib", "runtime", `${file}.ts`), "utf8");
      writeFileSync(join(runtime, `${file}.js`), ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText);
    }
    copyFileSync(join(runtime, "engine.js"), join(runtime, "engine-copy.js"));
    const script = [
      'require("eks-pod-identity-tenants/runtime/engine");',
      'require("eks-pod-identity-tenants/runtime/engine-copy");',
      'console.log(JSON.stringify([require("cdktf").from, require("@cdktf/provider-aws/lib/iam-role").from, require("some-library").from, require.resolve("cdktn") === require.resolve("cdktf")]));',
      'try { require("@cdktf/provider-kubernetes/lib/job-v1"); } catch (e) { console.log(e.code, /@cdktf\\/provider-kubernetes/.test(e.message)); }',
    ].join("\n");
    const r = spawnSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8", env: { ...process.env, TENANTS_DEBUG: "1" } });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual([JSON.stringify(["cdktn", "@cdktn/provider-aws/lib/iam-role", "cdktn", true]), "MODULE_NOT_FOUND true"]);
    // Loaded twice, redirected and reported once.
    expect(r.stderr).toBe(`engine: cdktn 0.24.0 (${join(project, "node_modules", "cdktn")}); requests for cdktf load cdktn, @cdktf/provider-aws load @cdktn/provider-aws\n`);
  });
});
