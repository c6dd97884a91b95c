import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { openClusterCommand, parseClusterArgs } from "../lib/commands/cluster-command";
import { tempDir } from "./temp-dir";

const TEXT = { usage: "usage: x -- <cluster>", help: "usage: x -- <cluster>\n\nhelp text\n" };

async function open(args: string[], yaml?: string, warnings?: boolean) {
  const out: string[] = [];
  const err: string[] = [];
  let defaultFile = "/nonexistent.yaml";
  if (yaml !== undefined) {
    defaultFile = join(tempDir("cluster-command-"), "tenants.yaml");
    writeFileSync(defaultFile, yaml);
  }
  const r = await openClusterCommand(args, { stdout: (t) => out.push(t), stderr: (l) => err.push(l), defaultFile }, { ...TEXT, warnings });
  return { r, out, err, defaultFile };
}

const YAML = `clusters: [{ name: demo, region: us-east-1 }]
tenants: [{ name: web, namespace: web, serviceAccount: web, managedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess] }]
`;

describe("parseClusterArgs", () => {
  it("takes one cluster and --file in any order", () => {
    expect(parseClusterArgs(["--file", "f.yaml", "demo"])).toEqual({ cluster: "demo", file: "f.yaml", timeoutSeconds: 60, help: false, values: { file: "f.yaml" } });
    expect(parseClusterArgs(["--file=f.yaml", "demo"])).toEqual({ cluster: "demo", file: "f.yaml", timeoutSeconds: 60, help: false, values: { file: "f.yaml" } });
    expect(parseClusterArgs(["demo"])).toEqual({ cluster: "demo", file: undefined, timeoutSeconds: 60, help: false, values: {} });
  });

  it("says what is wrong with the arguments", () => {
    expect(parseClusterArgs([])).toBe("which cluster?");
    expect(parseClusterArgs(["a", "b"])).toBe("one cluster at a time, got a b");
    expect(parseClusterArgs(["demo", "--file"])).toBe("--file needs a tenants file");
    expect(parseClusterArgs(["demo", "-x"])).toBe("unknown option -x");
  });
});

describe("openClusterCommand", () => {
  it("prints the help on stdout and returns 0 before reading any file", async () => {
    expect(await open(["--help"])).toMatchObject({ r: 0, out: [TEXT.help], err: [] });
  });

  it("returns 2 with the usage after a usage error", async () => {
    expect(await open([])).toMatchObject({ r: 2, out: [], err: ["which cluster?; usage: x -- <cluster>"] });
  });

  it("returns 2 for a cluster the file does not have, naming those it has", async () => {
    const { r, err, defaultFile } = await open(["prod"], YAML, false);
    expect(r).toBe(2);
    expect(err).toEqual([`${defaultFile}: cluster "prod" is not in clusters[]; clusters: demo`]);
  });

  it("returns the file, the configuration and the cluster's plan, printing warnings only when asked", async () => {
    const quiet = await open(["demo"], YAML, false);
    expect(quiet.err).toEqual([]);
    expect(typeof quiet.r === "object" && quiet.r.plan.cluster.name).toBe("demo");
    expect(typeof quiet.r === "object" && quiet.r.plan.tenants.map((t) => t.tenant.name)).toEqual(["web"]);
    const loud = await open(["demo"], YAML);
    expect(loud.err).toHaveLength(1);
    expect(loud.err[0]).toMatch(/^warning: .*tenants\.yaml:2:\d+: tenants\[0\]\.managedPolicyArns\[0\]: /);
  });
});
