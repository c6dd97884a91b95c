/**
 * Runs the app command once as a whole child process and measures its wall time and peak RSS.
 *
 * Peak RSS, most accurate first:
 * 1. GNU `/usr/bin/time -f %M`: the kernel's ru_maxrss from wait4(), the resident high-water
 *    mark over the child's whole life, up to its last instruction, with nothing added to the
 *    measured process. This is what the benchmark uses when it can.
 * 2. Otherwise a `--require` probe (rss-probe.ts, through NODE_OPTIONS) writes
 *    `process.resourceUsage().maxRSS` from the child's exit hook: the same kernel counter, read
 *    from inside, so it misses only what happens after the hook, at the cost of loading one file.
 * Polling /proc/<pid>/status VmHWM from outside is not used: the peak comes at the very end,
 * while synth writes the JSON, and the last poll before exit can miss it.
 *
 * Wall time is taken in this process with a monotonic clock around spawn and exit; `time`'s own
 * %e has only 10 ms resolution, too coarse for a 0.25 s run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

export const GNU_TIME = "/usr/bin/time";

export type RssMethod = "gnu-time" | "node-probe";

export interface RunResult {
  readonly wallMs: number;
  /** User + system CPU time of the child; less sensitive than wall time to other load. */
  readonly cpuMs: number;
  readonly peakRssKiB: number;
}

export interface RunOptions {
  /** The shell command from cdktf.json's `app`. */
  readonly command: string;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** A scratch file for the RSS figure. */
  readonly rssFile: string;
  readonly method: RssMethod;
  /** The compiled rss-probe.js, for the node-probe method. */
  readonly probe: string;
}

export function rssMethod(): RssMethod {
  if (!existsSync(GNU_TIME)) return "node-probe";
  // BusyBox and BSD `time` lack -f/-o; GNU time prints its version.
  const v = spawnSync(GNU_TIME, ["--version"], { encoding: "utf8" });
  return v.status === 0 && /GNU/.test(`${v.stdout}${v.stderr}`) ? "gnu-time" : "node-probe";
}

/** Runs `command` through `sh -c`, as the cdktf CLI does; throws with its stderr when it fails. */
export function runOnce(o: RunOptions): RunResult {
  rmSync(o.rssFile, { force: true });
  const [file, args, env] =
    o.method === "gnu-time"
      ? [GNU_TIME, ["-o", o.rssFile, "-f", "%M %U %S", "sh", "-c", o.command], o.env]
      : ["sh", ["-c", o.command], { ...o.env, BENCH_RSS_FILE: o.rssFile, NODE_OPTIONS: `${o.env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(o.probe)}`.trim() }];
  const start = process.hrtime.bigint();
  const r = spawnSync(file, args, { cwd: o.cwd, env, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`${o.command} exited with ${r.status ?? r.signal}:\n${r.stderr}`);
  return { wallMs, ...parseFigures(readFileSync(o.rssFile, "utf8")) };
}

/**
 * The last line of the figures file: `<peak RSS KiB> <user s> <system s>`, as both GNU time's
 * format above and rss-probe.ts write it. GNU time prints other lines first when the command fails.
 */
export function parseFigures(text: string): { peakRssKiB: number; cpuMs: number } {
  const [rss, user, sys] = (text.trim().split("\n").pop() ?? "").trim().split(/\s+/).map(Number);
  if (!rss || !Number.isFinite(rss) || rss <= 0 || !Number.isFinite(user) || !Number.isFinite(sys)) {
    throw new Error(`expected "<peak RSS KiB> <user s> <system s>", got ${JSON.stringify(text.trim())}`);
  }
  return { peakRssKiB: rss, cpuMs: Math.round((user! + sys!) * 1000) };
}

export function outDirFor(tmp: string, tenants: number, run: number): string {
  return join(tmp, `out-${tenants}-${run}`);
}
