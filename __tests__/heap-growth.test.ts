/**
 * lib/runtime/heap-growth.ts: the app's process caps V8's heap growth factor. The flag must
 * exist in this Node's V8 (v8.setFlagsFromString ignores unknown flags silently), and a flag
 * given on node's command line wins.
 */
import { spawnSync } from "node:child_process";
import { HEAP_GROWTH_FLAG, limitHeapGrowth } from "../lib/runtime/heap-growth";

it("is a V8 flag this Node knows", () => {
  const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;
  expect(options).toMatch(/^\s*--heap-growing-percent \(specifies heap growing factor as \(1 \+ heap_growing_percent\/100\)\)$/m);
  expect(HEAP_GROWTH_FLAG).toBe("--heap-growing-percent=50");
});

it("sets it, unless node's command line already gives one", () => {
  expect(limitHeapGrowth(["--require", "x.js"])).toBe(true);
  expect(limitHeapGrowth(["--heap-growing-percent=20"])).toBe(false);
  expect(limitHeapGrowth(["--heap_growing_percent=20"])).toBe(false);
});
