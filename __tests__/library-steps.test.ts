/**
 * docs/library.md, step by step, in a new project outside the repository: the package file from
 * `npm pack`, the page's files exactly as it shows them, and its commands as it spells them.
 *
 * No network: `npm install` is done as npm lays it out, the packed tarball unpacked into the
 * project's node_modules and every other package (the peers and the dev tools the page installs)
 * linked from this repository's own node_modules, at the versions the page names (the first test
 * holds the page to those versions). Every command runs with TMPDIR inside the project's folder,
 * which the test removes, so nothing is left in the system's temporary folder.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./run";
import { tempDir } from "./temp-dir";

jest.setTimeout(300_000);

const PAGE = readFileSync(join(ROOT, "docs", "library.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  peerDependencies: Record<string, string>;
};
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;

/** The file the page gives under `<!-- file: <name> -->`. */
function pageFile(name: string): string {
  const marker = `<!-- file: ${name} -->\n`;
  const at = PAGE.indexOf(marker);
  if (at < 0) throw new Error(`docs/library.md gives no file "${name}"`);
  const m = /^(`{3,})\w*\n([\s\S]*?)\n\1\n/.exec(PAGE.slice(at + marker.length));
  if (!m) throw new Error(`docs/library.md: no code block under "${marker.trim()}"`);
  return `${m[2]}\n`;
}

/** The lines of the ```sh blocks in the page's section that starts with `## <step>`. */
function shellLines(step: string): string[] {
  const start = PAGE.indexOf(`\n## ${step}`);
  if (start < 0) throw new Error(`docs/library.md has no section "## ${step}"`);
  const end = PAGE.indexOf("\n## ", start + 1);
  const section = PAGE.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split("\n").filter((l) => l.trim() !== ""));
}

/** `name@version` of every package the page's `npm install` lines name (the tarball aside). */
function installed(): Array<[string, string]> {
  return shellLines("2.")
    .filter((l) => l.startsWith("npm install "))
    .flatMap((l) => l.split(/\s+/).slice(2))
    .filter((w) => !w.startsWith("-") && !w.endsWith(".tgz"))
    .map((w) => {
      const at = w.lastIndexOf("@");
      return [w.slice(0, at), w.slice(at + 1)];
    });
}

it("packs and installs the package file npm pack writes, and names the versions this package is built and tested with", () => {
  expect(shellLines("1.")).toEqual(["npm ci", "npm pack"]);
  expect(shellLines("2.")).toContain(`npm install ./${TARBALL}`);
  const named = installed();
  expect(named.map(([name]) => name)).toEqual(expect.arrayContaining(Object.keys(pkg.peerDependencies)));
  for (const [name, version] of named) {
    const have = (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
    expect({ name, version: have === version || have.startsWith(`${version}.`) ? version : have }).toEqual({ name, version });
  }
});

describe("the steps, in a project outside the repository", () => {
  const dir = tempDir("library-steps-");
  const project = join(dir, "pod-identity");
  // TF_CLI_CONFIG_FILE of the machine running the tests is not the new project's (the cdktf CLI runs
  // `terraform version`, which warns about a configured file that is missing).
  const env = { ...process.env, TMPDIR: join(dir, "tmp"), npm_config_offline: "true", npm_config_update_notifier: "false", NO_COLOR: "1", JEST_WORKER_ID: undefined, TF_CLI_CONFIG_FILE: undefined };

  function sh(command: string): { status: number | null; stdout: string; stderr: string } {
    const r = spawnSync(command, { cwd: project, shell: true, encoding: "utf8", env });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  /** What `npm install` leaves: the tarball unpacked, the other packages and their commands linked. */
  function install(tarball: string): void {
    const modules = join(project, "node_modules");
    mkdirSync(join(modules, ".bin"), { recursive: true });
    const unpacked = join(dir, "unpacked");
    mkdirSync(unpacked);
    const tar = spawnSync("tar", ["-xzf", tarball, "-C", unpacked], { encoding: "utf8" });
    expect(tar.stderr).toBe("");
    renameSync(join(unpacked, "package"), join(modules, pkg.name));
    for (const entry of readdirSync(join(ROOT, "node_modules"))) {
      if (entry.startsWith(".") || entry === pkg.name) continue;
      symlinkSync(join(ROOT, "node_modules", entry), join(modules, entry), "dir");
    }
    for (const bin of readdirSync(join(ROOT, "node_modules", ".bin"))) symlinkSync(join(ROOT, "node_modules", ".bin", bin), join(modules, ".bin", bin));
    for (const [bin, file] of Object.entries(pkg.bin)) {
      chmodSync(join(modules, pkg.name, file), 0o755);
      symlinkSync(join("..", pkg.name, file), join(modules, ".bin", bin));
    }
  }

  /** Step 5's project: the app of step 4, and its test with jest's setup. */
  function writeTestProject(): void {
    for (const file of ["main.ts", "tsconfig.json", "jest.config.js", "setup.js", "main.test.ts"]) writeFileSync(join(project, file), pageFile(file));
  }

  beforeAll(() => {
    mkdirSync(join(dir, "tmp"));
    mkdirSync(project);
    // `npm pack` runs `prepare` (a full build); here dist/ is brought up to date the way every
    // command does, and packing skips the scripts, so no other test sees dist/ rebuilt under it.
    const fresh = spawnSync(process.execPath, [join(ROOT, "scripts", "fresh-dist.js")], { cwd: ROOT, encoding: "utf8" });
    expect(fresh.status).toBe(0);
    const pack = spawnSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], { cwd: ROOT, encoding: "utf8", env });
    expect(pack.status).toBe(0);
    expect((JSON.parse(pack.stdout) as Array<{ filename: string }>)[0]!.filename).toBe(TARBALL);
    writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "pod-identity", version: "1.0.0", private: true }, null, 2)}\n`);
    copyFileSync(join(dir, TARBALL), join(project, TARBALL));
    install(join(project, TARBALL));
  });

  it("3. the installed commands validate and synthesize the page's tenants file through its cdktf.json", () => {
    writeFileSync(join(project, "cdktf.json"), pageFile("cdktf.json"));
    writeFileSync(join(project, "tenants.yaml"), pageFile("tenants.yaml"));
    const lines = shellLines("3.");
    expect(lines).toEqual(["npx eks-pod-identity-validate", "npx eks-pod-identity-synth"]);
    const validate = sh(lines[0]!);
    expect({ status: validate.status, stderr: validate.stderr }).toEqual({ status: 0, stderr: "" });
    const synth = sh(lines[1]!);
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: "" });
    expect(synth.stdout).toContain("Generated Terraform code for the stacks: prod-eu");
    const stack = JSON.parse(readFileSync(join(project, "cdktf.out", "stacks", "prod-eu", "cdk.tf.json"), "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    expect(Object.values(stack.resource.aws_eks_pod_identity_association!)).toEqual([
      expect.objectContaining({ cluster_name: "prod-eu", namespace: "orders", service_account: "orders-api" }),
    ]);
    expect(Object.values(stack.resource.aws_iam_role!)).toEqual([expect.objectContaining({ name: "orders.prod-eu" })]);
  });

  it("4. the cdktf CLI synthesizes your own app through the page's cdktf.json", () => {
    for (const file of ["main.ts", "tsconfig.json"]) writeFileSync(join(project, file), pageFile(file));
    writeFileSync(join(project, "cdktf.json"), pageFile("cdktf.json (your own app)"));
    const lines = shellLines("4.");
    expect(lines).toEqual(["CHECKPOINT_DISABLE=1 npx cdktf synth"]);
    const synth = sh(lines[0]!);
    expect({ status: synth.status, stderr: synth.stderr }).toEqual({ status: 0, stderr: "" });
    expect(synth.stdout).toContain("Generated Terraform code for the stacks: orders");
    const file = join(project, "cdktf.out", "stacks", "orders", "cdk.tf.json");
    expect(existsSync(file)).toBe(true);
    const stack = JSON.parse(readFileSync(file, "utf8")) as { resource: Record<string, Record<string, Record<string, unknown>>> };
    expect(Object.values(stack.resource.aws_eks_pod_identity_association!)).toEqual([
      expect.objectContaining({ cluster_name: "prod-eu", namespace: "orders", service_account: "orders-api" }),
    ]);
  });

  it("5. jest runs the page's test with the matchers Testing.setupJest() registers", () => {
    writeTestProject();
    const lines = shellLines("5.");
    expect(lines).toEqual(["npx tsc --noEmit", "npx jest"]);
    const jestRun = sh(lines[1]!);
    expect({ status: jestRun.status, stderr: jestRun.stderr }).toEqual({ status: 0, stderr: expect.stringContaining("Tests:       1 passed, 1 total") });
  });

  it("5. the matchers' types: tsc passes with the page's import, and without it reports what the page quotes", () => {
    writeTestProject();
    const test = pageFile("main.test.ts");
    const withTypes = sh(shellLines("5.")[0]!);
    expect({ status: withTypes.status, stdout: withTypes.stdout }).toEqual({ status: 0, stdout: "" });
    const importLine = 'import "cdktf/lib/testing/adapters/jest";\n';
    expect(test.startsWith(importLine)).toBe(true);
    writeFileSync(join(project, "main.test.ts"), test.slice(importLine.length));
    try {
      const without = sh(shellLines("5.")[0]!);
      expect(without.status).not.toBe(0);
      expect(without.stdout).toContain("Property 'toHaveResource' does not exist on type 'JestMatchers<");
      expect(PAGE).toContain("`Property 'toHaveResource' does not exist on type 'JestMatchers<...>'`");
    } finally {
      writeFileSync(join(project, "main.test.ts"), test);
    }
  });
});
