/**
 * lib/runtime/heap-growth.ts: the app's process caps V8's heap growth factor and marks on its
 * own thread. The flags must exist in this Node's V8 (v8.setFlagsFromString ignores unknown
 * flags silently), a flag given on node's command line wins, and the app's process really runs
 * with them.
 */
import { spawnSync } from "node:child_process";
import { GC_FLAGS, limitHeapGrowth } from "../lib/runtime/heap-growth";
import { ROOT } from "./run";

it("are V8 flags this Node knows", () => {
  const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;
  expect(options).toMatch(/^\s*--heap-growing-percent \(specifies heap growing factor as \(1 \+ heap_growing_percent\/100\)\)$/m);
  expect(options).toMatch(/^\s*--concurrent-marking \(use concurrent marking\)$/m);
  expect(GC_FLAGS.map((f) => f.flag)).toEqual(["--heap-growing-percent=50", "--no-concurrent-marking"]);
});

it("sets them, unless node's command line already gives one", () => {
  expect(limitHeapGrowth(["--require", "x.js"])).toEqual(["--heap-growing-percent=50", "--no-concurrent-marking"]);
  expect(limitHeapGrowth(["--heap-growing-percent=20"])).toEqual(["--no-concurrent-marking"]);
  expect(limitHeapGrowth(["--heap_growing_percent=20", "--concurrent-marking"])).toEqual([]);
  expect(limitHeapGrowth(["--no_concurrent_marking"])).toEqual(["--heap-growing-percent=50"]);
});

it("takes effect in a process with the app's preload: helper threads mark next to nothing", () => {
  // Enough garbage for V8 to run several full collections. --trace-concurrent-marking prints
  // "Major task N concurrently marked <K>KB" for each marking task on a helper thread. With the
  // flag set at run time V8 may still start a task, which then finds no work (0-1 KB seen).
  const allocate = "const keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 2e5) keep.splice(0, 1e5); }";
  const markedOnHelpers = (preload: string[]) => {
    const out = spawnSync(process.execPath, ["--trace-concurrent-marking", ...preload, "-e", allocate], { cwd: ROOT, encoding: "utf8", maxBuffer: 16 << 20 }).stdout;
    return [...out.matchAll(/concurrently marked (\d+)KB/g)].reduce((kb, m) => kb + Number(m[1]), 0);
  };
  expect(markedOnHelpers([])).toBeGreaterThan(1024);
  expect(markedOnHelpers(["--require", "./dist/lib/runtime/preload.js"])).toBeLessThanOrEqual(64);
});
