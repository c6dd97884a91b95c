/** Reading a tenants file without trusting the path: only regular UTF-8 files up to 16 MiB. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decode, MAX_FILE_BYTES, notARegularFile, readTenantsFileText } from "../lib/file/read-file";

const dir = mkdtempSync(join(tmpdir(), "read-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => join(dir, name);
const NOT_REGULAR = "not a regular file; a tenants file is a regular YAML or JSON file";

it("reads a regular file as text", () => {
  writeFileSync(at("ok.yaml"), "clusters: []\n");
  expect(readTenantsFileText(at("ok.yaml"))).toEqual({ text: "clusters: []\n" });
});

it("drops a UTF-8 byte-order mark, whatever the extension", () => {
  writeFileSync(at("bom.json"), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]));
  expect(readTenantsFileText(at("bom.json"))).toEqual({ text: '{"a":1}' });
});

it("refuses a FIFO at once instead of waiting for a writer", () => {
  execFileSync("mkfifo", [at("pipe.yaml")]);
  expect(readTenantsFileText(at("pipe.yaml"))).toEqual({ why: `is a named pipe (FIFO), ${NOT_REGULAR}` });
});

it("refuses a character device such as /dev/zero, also behind a .yaml link", () => {
  symlinkSync("/dev/zero", at("zero.yaml"));
  expect(readTenantsFileText(at("zero.yaml"))).toEqual({ why: `is a character device, ${NOT_REGULAR}` });
  expect(notARegularFile("/dev/zero")).toBe(`is a character device, ${NOT_REGULAR}`);
});

it("refuses a directory", () => {
  mkdirSync(at("d.yaml"));
  expect(readTenantsFileText(at("d.yaml"))).toEqual({ why: `is a directory, ${NOT_REGULAR}` });
});

it("refuses a symbolic link loop", () => {
  symlinkSync("loop-b.yaml", at("loop-a.yaml"));
  symlinkSync("loop-a.yaml", at("loop-b.yaml"));
  expect(readTenantsFileText(at("loop-a.yaml"))).toEqual({ why: "is a symbolic link that loops (too many levels of symbolic links)" });
});

describe("a socket", () => {
  let server: Server;
  beforeAll((done) => {
    server = createServer().listen(at("sock.yaml"), done);
  });
  afterAll((done) => {
    server.close(() => done());
  });
  it("is refused", () => {
    expect(readTenantsFileText(at("sock.yaml"))).toEqual({ why: "is a socket or a device without a reader, not a regular file" });
    expect(notARegularFile(at("sock.yaml"))).toBe(`is a socket, ${NOT_REGULAR}`);
  });
});

it("refuses a file over 16 MiB by its size, before reading it", () => {
  expect(MAX_FILE_BYTES).toBe(16 * 1024 * 1024);
  writeFileSync(at("big.yaml"), "");
  truncateSync(at("big.yaml"), 100 * 1024 * 1024); // sparse: nothing is written
  expect(readTenantsFileText(at("big.yaml"))).toEqual({ why: "is 100.0 MiB; a tenants file may be at most 16.0 MiB" });
  writeFileSync(at("edge.yaml"), "");
  truncateSync(at("edge.yaml"), 16 * 1024 * 1024 + 1);
  expect(readTenantsFileText(at("edge.yaml"))).toEqual({ why: "is 16.0 MiB; a tenants file may be at most 16.0 MiB" });
});

it("names a missing file", () => {
  expect(readTenantsFileText(at("missing.yaml"))).toEqual({ why: "no such file" });
  expect(notARegularFile(at("missing.yaml"))).toBeUndefined();
});

describe("decode", () => {
  it("refuses binary data at its first NUL byte", () => {
    expect(decode(Buffer.from([0x61, 0x3a, 0x20, 0x00, 0x01]))).toEqual({ why: "holds binary data (a NUL byte at offset 3); a tenants file is UTF-8 text" });
  });
  it("refuses UTF-16 with either byte order", () => {
    expect(decode(Buffer.from("\ufeffa: b", "utf16le"))).toEqual({ why: "is UTF-16 text; save it as UTF-8" });
    expect(decode(Buffer.from([0xfe, 0xff, 0x00, 0x61]))).toEqual({ why: "is UTF-16 text; save it as UTF-8" });
  });
  it("refuses invalid UTF-8", () => {
    expect(decode(Buffer.from([0x61, 0xc3, 0x28]))).toEqual({ why: "is not valid UTF-8 text; a tenants file is UTF-8" });
  });
  it("keeps other UTF-8 text as it is", () => {
    expect(decode(Buffer.from("tags: { équipe: plateforme }", "utf8"))).toEqual({ text: "tags: { équipe: plateforme }" });
  });
});
