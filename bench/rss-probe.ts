/**
 * Preloaded into the measured app (`--require`) when GNU time is missing: writes the process's
 * peak RSS in KiB to BENCH_RSS_FILE as it exits. See measure.ts for why.
 */
import { writeFileSync } from "node:fs";

const target = process.env.BENCH_RSS_FILE;
if (target) {
  // process.resourceUsage().maxRSS is ru_maxrss, in KiB on Linux.
  process.on("exit", () => writeFileSync(target, `${process.resourceUsage().maxRSS}\n`));
}
