/**
 * The import graph of lib, stacks, bin and main.ts, as madge reads it (type-only imports count):
 * no circle between files, none between folders, and every import points down the layers of
 * LAYERS, so that the construct library knows nothing of the tenants file.
 */
import { dirname, join } from "node:path";
import madge from "madge";

const ROOT = join(__dirname, "..");

let graph: Record<string, string[]>;
let skipped: string[];
let circles: string[][];

beforeAll(async () => {
  const result = await madge(["lib", "stacks", "bin", "main.ts"], {
    baseDir: ROOT,
    fileExtensions: ["ts"],
    tsConfig: join(ROOT, "tsconfig.json"),
    // Type-only imports are edges too: a circle of types is still a circle to read.
    detectiveOptions: { ts: { skipTypeImports: false }, tsx: { skipTypeImports: false } },
  });
  graph = result.obj();
  skipped = result.warnings().skipped;
  circles = result.circular();
}, 60_000);

/** Folder A imports folder B when a file of A imports a file of B. */
function folderGraph(files: Record<string, string[]>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [file, deps] of Object.entries(files)) {
    const from = dirname(file);
    for (const dep of deps) {
      const to = dirname(dep);
      if (to === from) continue;
      if (!out.has(from)) out.set(from, new Set());
      out.get(from)!.add(to);
    }
  }
  return out;
}

/** Each circle once, as the folders along it with the first repeated at the end. */
function folderCircles(edges: Map<string, Set<string>>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const walk = (node: string, stack: string[]) => {
    const at = stack.indexOf(node);
    if (at >= 0) {
      found.push([...stack.slice(at), node]);
      return;
    }
    if (done.has(node)) return;
    for (const next of [...(edges.get(node) ?? [])].sort()) walk(next, [...stack, node]);
    done.add(node);
  };
  for (const node of [...edges.keys()].sort()) walk(node, []);
  return found;
}

test("madge reads the whole project and resolves every import of it", () => {
  // Would the paths or tsconfig stop resolving, the graph would shrink and every check pass.
  expect(Object.keys(graph).length).toBeGreaterThan(120);
  expect(graph["lib/index.ts"]).toContain("stacks/build-stacks.ts");
  expect(graph["main.ts"]).toContain("lib/commands/cli.ts");
  expect(skipped).toEqual([]);
});

test("no file imports itself back through other files", () => {
  expect(circles).toEqual([]);
});

test("no folder imports itself back through other folders", () => {
  expect(folderCircles(folderGraph(graph))).toEqual([]);
});

test("the folder check finds a circle when there is one", () => {
  const files = { "a/x.ts": ["b/y.ts"], "b/y.ts": ["c/z.ts"], "c/z.ts": ["a/w.ts"], "a/w.ts": [] };
  expect(folderCircles(folderGraph(files))).toEqual([["a", "b", "c", "a"]]);
  expect(folderCircles(folderGraph({ "a/x.ts": ["b/y.ts"], "b/y.ts": [] }))).toEqual([]);
});

/**
 * The folders from the bottom up. A folder may import its own layer's folders and the layers
 * below; the flow file → schema → checks → plan → stacks → constructs → JSON reads upwards from
 * the constructs, which know only AWS and Kubernetes rules, IAM policies and Terraform literals.
 */
const LAYERS: ReadonlyArray<ReadonlyArray<string>> = [
  ["lib/diagnostics", "lib/terraform", "lib/runtime"],
  ["lib/bindings"],
  ["lib/aws"],
  ["lib/kubernetes"],
  ["lib/policy"],
  ["lib/policy/controllers"],
  ["lib/constructs"],
  ["lib/schema"],
  ["lib/plan"],
  ["lib/checks"],
  ["lib/file"],
  ["stacks"],
  ["lib/live"],
  ["lib/access"],
  ["lib/commands"],
  ["lib", "bin", "."],
];

/** The layer of a file: that of the deepest folder of LAYERS that holds it (lib/bindings/helm is lib/bindings). */
function layerOf(file: string): number | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const i = LAYERS.findIndex((folders) => folders.includes(dir));
    if (i >= 0) return i;
    if (dir === "." || dir === "/") return undefined;
  }
}

/** `from -> to` for every import of a file into a folder of a higher layer, or into no layer. */
function upwardImports(files: Record<string, string[]>): string[] {
  const out: string[] = [];
  for (const [file, deps] of Object.entries(files)) {
    const from = layerOf(file);
    for (const dep of deps) {
      const to = layerOf(dep);
      if (from === undefined || to === undefined || to > from) out.push(`${file} -> ${dep}`);
    }
  }
  return out.sort();
}

test("every file has its place in the layers", () => {
  expect(Object.keys(graph).filter((f) => layerOf(f) === undefined)).toEqual([]);
});

test("every import points down the layers: the constructs never reach the tenants file", () => {
  expect(upwardImports(graph)).toEqual([]);
});

test("the layer check finds an import that points up", () => {
  expect(upwardImports({ "lib/constructs/a.ts": ["lib/schema/schema.ts", "lib/aws/arn.ts"], "lib/schema/schema.ts": [], "lib/aws/arn.ts": [] })).toEqual([
    "lib/constructs/a.ts -> lib/schema/schema.ts",
  ]);
  expect(upwardImports({ "lib/bindings/helm/r.ts": ["lib/runtime/engine.ts"], "lib/runtime/engine.ts": [] })).toEqual([]);
  expect(layerOf("lib/new/a.ts")).toBe(layerOf("lib/index.ts"));
});

test("no folder holds more than 25 modules, so that each can be read as one concern", () => {
  const modules = new Map<string, number>();
  for (const file of Object.keys(graph)) modules.set(dirname(file), (modules.get(dirname(file)) ?? 0) + 1);
  expect([...modules].filter(([, n]) => n > 25).map(([folder, n]) => `${folder}: ${n}`)).toEqual([]);
  expect(modules.get("lib/constructs")).toBeGreaterThan(10);
});

test("nothing in lib/ but lib/index.ts imports stacks/", () => {
  const offenders = Object.entries(graph)
    .filter(([file]) => file.startsWith("lib/") && file !== "lib/index.ts")
    .flatMap(([file, deps]) => deps.filter((d) => d.startsWith("stacks/")).map((d) => `${file} -> ${d}`));
  expect(offenders).toEqual([]);
});
