/**
 * Reads a tenants file without trusting what the path is. The file is opened without blocking
 * (a FIFO would otherwise wait for a writer forever) and checked through its open descriptor,
 * so what is checked is what is read: a regular file, no larger than the cap, and UTF-8 text.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from "node:fs";

/** Far above any real tenants file (5,000 tenants take about 1 MiB), far below what hurts. */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

export type ReadResult = { readonly text: string } | { readonly why: string };

const OPEN_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EISDIR: "is a directory, not a file",
  EACCES: "permission denied",
  EPERM: "permission denied",
  ELOOP: "is a symbolic link that loops (too many levels of symbolic links)",
  ENXIO: "is a socket or a device without a reader, not a regular file",
  ENOTDIR: "a part of the path is not a directory",
  ENAMETOOLONG: "the path is too long",
};

/**
 * Why a path that is no regular file cannot be one, said before its name is judged: `/dev/zero`
 * is a device first, and a file without a .yaml extension only second.
 */
export function notARegularFile(file: string): string | undefined {
  try {
    const stat = statSync(file);
    return stat.isFile() ? undefined : notRegular(stat);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    return code === "ENOENT" ? undefined : OPEN_ERRORS[code];
  }
}

function notRegular(stat: ReturnType<typeof fstatSync>): string {
  const kind = kindOf(stat);
  return `is ${kind}${kind.startsWith("not") ? "" : ", not a regular file"}; a tenants file is a regular YAML or JSON file`;
}

function kindOf(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a named pipe (FIFO)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The file's text (a UTF-8 byte-order mark removed), or why it cannot be a tenants file. */
export function readTenantsFileText(file: string): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    return { why: OPEN_ERRORS[code] ?? `${code || "error"}: ${(e as Error).message.split("\n")[0]}` };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { why: notRegular(stat) };
    if (stat.size > MAX_FILE_BYTES) return { why: `is ${mib(stat.size)}; a tenants file may be at most ${mib(MAX_FILE_BYTES)}` };
    // Read at most one byte past the cap, in case the file grew since fstat.
    const buf = Buffer.alloc(Math.min(stat.size, MAX_FILE_BYTES) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
      if (n === buf.length) break;
    }
    if (n > MAX_FILE_BYTES) return { why: `is larger than ${mib(MAX_FILE_BYTES)}; a tenants file may be at most ${mib(MAX_FILE_BYTES)}` };
    return decode(buf.subarray(0, n));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    return { why: OPEN_ERRORS[code] ?? `${code || "error"}: ${(e as Error).message.split("\n")[0]}` };
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text, or why the bytes are not: binary data, UTF-16, invalid UTF-8. */
export function decode(bytes: Uint8Array): ReadResult {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { why: "is UTF-16 text; save it as UTF-8" };
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return { why: `holds binary data (a NUL byte at offset ${nul}); a tenants file is UTF-8 text` };
  try {
    // The decoder drops a leading byte-order mark, as YAML parsers do, so JSON gets the same treatment.
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { why: "is not valid UTF-8 text; a tenants file is UTF-8" };
  }
}
