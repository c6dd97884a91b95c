/**
 * Preloaded into the measured app (`--require`) when GNU time is missing: writes the process's
 * peak RSS (KiB) and CPU time (s) to BENCH_RSS_FILE as it exits. See measure.ts for why.
 */
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_RSS_FILE;
if (target) {
  // maxRSS is ru_maxrss in KiB; CPU times are in microseconds. Same line as GNU time's "%M %U %S".
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(target, `${u.maxRSS} ${u.userCPUTime / 1e6} ${u.systemCPUTime / 1e6}\n`);
  });
}
