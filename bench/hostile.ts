/**
 * `npm run bench:hostile`: runs the built `validate` command on hostile files, the way a user
 * would, and reports for each the wall time, the exit code, whether every line names the file,
 * and the longest line. Targets: exit 1, the file named, no line over 1,000 characters, under
 * 30 s. Exit code 1 when one fails; `npm test` never runs this (its tests check the output, not
 * the time: __tests__/hostile-files.test.ts).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { tenantsYaml } from "./tenants-file";
import { parseScriptArgs } from "../lib/commands/args";

const ROOT = resolve(__dirname, "..", "..");
const LIMIT_MS = 30_000;

interface Case {
  readonly name: string;
  /** Makes the file and returns its path. */
  readonly make: (dir: string) => string;
}

const CASES: Case[] = [
  { name: "FIFO", make: (d) => (execFileSync("mkfifo", [join(d, "pipe.yaml")]), join(d, "pipe.yaml")) },
  { name: "/dev/zero behind a .yaml link", make: (d) => (symlinkSync("/dev/zero", join(d, "zero.yaml")), join(d, "zero.yaml")) },
  { name: "directory", make: (d) => (mkdirSync(join(d, "dir.yaml")), join(d, "dir.yaml")) },
  { name: "symbolic link loop", make: (d) => (symlinkSync("loop.yaml", join(d, "loop.yaml")), join(d, "loop.yaml")) },
  {
    name: "100 MB of NUL bytes",
    make: (d) => {
      const f = join(d, "huge.yaml");
      writeFileSync(f, "");
      truncateSync(f, 100 * 1024 * 1024);
      return f;
    },
  },
  {
    name: "binary garbage (1 MB, fixed seed)",
    make: (d) => {
      const bytes = Buffer.alloc(1024 * 1024);
      let x = 0x2545f491;
      for (let i = 0; i < bytes.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        bytes[i] = x & 0xff;
      }
      writeFileSync(join(d, "garbage.yaml"), bytes);
      return join(d, "garbage.yaml");
    },
  },
  { name: "50,000 tenants", make: (d) => (writeFileSync(join(d, "many.yaml"), tenantsYaml(50_000)), join(d, "many.yaml")) },
  {
    name: "16 MiB of tenants (the size cap)",
    make: (d) => {
      const lines = ["clusters: [{ name: c, region: us-east-1 }]", "tenants:"];
      let size = 60;
      for (let i = 0; size < 16 * 1024 * 1024 - 100; i++) {
        const line = `  - { name: t${i}, namespace: ns${i}, serviceAccount: sa }`;
        lines.push(line);
        size += line.length + 1;
      }
      writeFileSync(join(d, "max.yaml"), lines.join("\n") + "\n");
      return join(d, "max.yaml");
    },
  },
  { name: "a 6 MB value", make: (d) => (writeFileSync(join(d, "long.yaml"), `clusters: [{ name: c, region: "${"x".repeat(6_000_000)}" }]\n`), join(d, "long.yaml")) },
  { name: "a million nested brackets", make: (d) => (writeFileSync(join(d, "deep.yaml"), `${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}\n`), join(d, "deep.yaml")) },
];

const HOSTILE_USAGE = "usage: npm run bench:hostile";
const HOSTILE_HELP = `${HOSTILE_USAGE}

Runs npm run validate on hostile tenants files (huge, deep, long) made in a temporary folder, and
checks that each fails fast with located, short lines. Writes nothing in the project.
  -h, --help  this text
Exit codes: 0 every case met its targets; 1 a case missed one; 2 usage.
`;

function main(): number {
  const args = parseScriptArgs({ usage: HOSTILE_USAGE, help: HOSTILE_HELP }, process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) });
  if (typeof args === "number") return args;
  const dir = mkdtempSync(join(tmpdir(), "eks-pi-hostile-"));
  let failed = 0;
  try {
    process.stdout.write("| file | exit | time | lines | longest line | named |\n|---|---|---|---|---|---|\n");
    for (const c of CASES) {
      const file = c.make(dir);
      const start = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [join(ROOT, "dist", "bin", "validate.js"), file], { cwd: ROOT, encoding: "utf8", timeout: 120_000, maxBuffer: 1 << 30 });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const lines = r.stderr.trimEnd().split("\n");
      const longest = Math.max(...lines.map((l) => l.length));
      const named = lines.every((l) => l.startsWith(file));
      const ok = r.status === 1 && named && longest <= 1000 && ms < LIMIT_MS && r.stdout === "";
      if (!ok) failed++;
      process.stdout.write(`| ${c.name} | ${r.status ?? r.signal} | ${(ms / 1000).toFixed(2)} s | ${lines.length} | ${longest} | ${named ? "yes" : "no"} |${ok ? "" : " FAILED"}\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(failed ? `${failed} case(s) missed a target (exit 1, file named, lines ≤ 1,000 characters, < 30 s)\n` : "every case met its targets\n");
  return failed ? 1 : 0;
}

process.exitCode = main();
