/**
 * lib/runtime/heap-growth.ts: for a big tenants file, the app's process caps V8's heap growth
 * factor and marks on its own thread. The flags must exist in this Node's V8
 * (v8.setFlagsFromString ignores unknown flags silently), a flag given on node's command line
 * wins, small tenants files leave the collector alone, and the app's process really runs with
 * them.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bigInput, GC_FLAGS, heapFlags, limitHeapGrowth, SMALL_INPUT_BYTES } from "../lib/runtime/heap-growth";
import { ROOT } from "./run";
import { tempDir } from "./temp-dir";

const BOTH = ["--heap-growing-percent=50", "--no-concurrent-marking"];

it("are V8 flags this Node knows", () => {
  const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;
  expect(options).toMatch(/^\s*--heap-growing-percent \(specifies heap growing factor as \(1 \+ heap_growing_percent\/100\)\)$/m);
  expect(options).toMatch(/^\s*--concurrent-marking \(use concurrent marking\)$/m);
  expect(GC_FLAGS.map((f) => f.flag)).toEqual(BOTH);
});

it("sets them for a big input, unless node's command line already gives one", () => {
  expect(heapFlags(["--require", "x.js"])).toEqual(BOTH);
  expect(heapFlags(["--heap-growing-percent=20"])).toEqual(["--no-concurrent-marking"]);
  expect(heapFlags(["--no_concurrent_marking"])).toEqual(["--heap-growing-percent=50"]);
  expect(limitHeapGrowth(["--heap_growing_percent=20", "--concurrent-marking"], () => true)).toBe("set by node");
  expect(limitHeapGrowth(["--require", "x.js"], () => false)).toBe("small input");
});

it("counts a tenants file from 512 KiB as big (TENANTS_FILE, else tenants.yaml, from the working folder), and one it cannot size", () => {
  expect(SMALL_INPUT_BYTES).toBe(524288);
  const dir = tempDir("heap-growth-");
  writeFileSync(join(dir, "tenants.yaml"), Buffer.alloc(524288 - 1, 0x20));
  writeFileSync(join(dir, "big.yaml"), Buffer.alloc(524288, 0x20));
  expect(bigInput({}, dir)).toBe(false);
  expect(bigInput({ TENANTS_FILE: "" }, dir)).toBe(false);
  expect(bigInput({ TENANTS_FILE: "big.yaml" }, dir)).toBe(true);
  expect(bigInput({ TENANTS_FILE: join(dir, "big.yaml") }, "/")).toBe(true);
  expect(bigInput({ TENANTS_FILE: "missing.yaml" }, dir)).toBe(true);
});

it("is what the app's preload does, for a big tenants file only", () => {
  const dir = tempDir("heap-growth-app-");
  writeFileSync(join(dir, "big.yaml"), Buffer.alloc(SMALL_INPUT_BYTES, 0x20));
  writeFileSync(join(dir, "small.yaml"), "clusters: []\n");
  const outcome = (tenantsFile: string) =>
    spawnSync(process.execPath, ["--require", "./dist/lib/runtime/preload.js", "-e", `process.stdout.write(String(require("./dist/lib/runtime/patches.js").attachRuntimePatches().get("heap-growth")))`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, TENANTS_FILE: join(dir, tenantsFile) },
    }).stdout;
  expect(outcome("small.yaml")).toBe("small input");
  expect(outcome("big.yaml")).toBe("true");
});

it("takes effect in the app's preload for a big file: helper threads mark next to nothing", () => {
  // Enough garbage for V8 to run several full collections. --trace-concurrent-marking prints
  // "Major task N concurrently marked <K>KB" for each marking task on a helper thread. With the
  // flag set at run time V8 may still start a task, which then finds no work (0-1 KB seen).
  const dir = tempDir("heap-growth-marking-");
  writeFileSync(join(dir, "big.yaml"), Buffer.alloc(SMALL_INPUT_BYTES, 0x20));
  const allocate = "const keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 2e5) keep.splice(0, 1e5); }";
  const markedOnHelpers = (preload: string[]) => {
    const out = spawnSync(process.execPath, ["--trace-concurrent-marking", ...preload, "-e", allocate], {
      cwd: ROOT,
      encoding: "utf8",
      maxBuffer: 16 << 20,
      env: { ...process.env, TENANTS_FILE: join(dir, "big.yaml") },
    }).stdout;
    return [...out.matchAll(/concurrently marked (\d+)KB/g)].reduce((kb, m) => kb + Number(m[1]), 0);
  };
  expect(markedOnHelpers([])).toBeGreaterThan(1024);
  expect(markedOnHelpers(["--require", "./dist/lib/runtime/preload.js"])).toBeLessThanOrEqual(64);
});
