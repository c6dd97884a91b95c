/**
 * lib/runtime/heap-growth.ts: the app's process caps V8's heap growth factor. The flag must
 * exist in this Node's V8 (v8.setFlagsFromString ignores unknown flags silently), a flag
 * given on node's command line wins, and small tenants files leave the growth alone.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { bigInput, HEAP_GROWTH_FLAG, limitHeapGrowth, SMALL_INPUT_BYTES } from "../lib/runtime/heap-growth";
import { compileCacheFile } from "../lib/runtime/compile-cache";
import { ROOT } from "./run";
import { tempDir } from "./temp-dir";

it("is a V8 flag this Node knows", () => {
  const options = spawnSync(process.execPath, ["--v8-options"], { encoding: "utf8" }).stdout;
  expect(options).toMatch(/^\s*--heap-growing-percent \(specifies heap growing factor as \(1 \+ heap_growing_percent\/100\)\)$/m);
  expect(HEAP_GROWTH_FLAG).toBe("--heap-growing-percent=50");
});

it("sets it for a big input, unless node's command line already gives one", () => {
  const big = () => true;
  expect(limitHeapGrowth(["--require", "x.js"], big)).toBe(true);
  expect(limitHeapGrowth(["--heap-growing-percent=20"], big)).toBe(false);
  expect(limitHeapGrowth(["--heap_growing_percent=20"], big)).toBe(false);
  expect(limitHeapGrowth(["--require", "x.js"], () => false)).toBe(false);
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

it("is what the app's preload does: with a big tenants file, the compile cache's file is the one for the flag", () => {
  const dir = tempDir("heap-growth-app-");
  writeFileSync(join(dir, "big.yaml"), Buffer.alloc(SMALL_INPUT_BYTES, 0x20));
  writeFileSync(join(dir, "small.yaml"), "clusters: []\n");
  const cacheFile = (tenantsFile: string) =>
    spawnSync(process.execPath, ["--require", "./dist/lib/runtime/preload.js", "-e", `process.stdout.write(require("./dist/lib/runtime/compile-cache.js").compileCacheState().file)`], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, TENANTS_FILE: join(dir, tenantsFile), TENANTS_COMPILE_CACHE: join(dir, "cache") },
    }).stdout;
  expect(cacheFile("small.yaml")).toBe(compileCacheFile(join(dir, "cache")));
  expect(cacheFile("big.yaml")).toBe(compileCacheFile(join(dir, "cache"), [HEAP_GROWTH_FLAG]));
});
