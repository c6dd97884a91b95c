/**
 * The access review's picture rendered as a reviewer sees it: the Mermaid of tenants.yaml and of
 * every example, rendered by mermaid-cli in Debian's headless Chromium (lib/access/render-svg.ts),
 * and the SVG checked for every node and edge the Mermaid declares, resources among them.
 *
 * Without Chromium the rendering cannot be proved: under REQUIRE_CHROMIUM=1 (CI sets it) that
 * fails; elsewhere the test proves that the renderer says what is missing.
 */
import { readdirSync } from "node:fs";
import { extname, join } from "node:path";
import { reportMermaid, GROUP_ABOVE, NAMESPACES_PER_CLUSTER } from "../lib/access/mermaid";
import { tenantsYaml } from "../bench/tenants-file";
import { accessReport } from "../lib/access/model";
import { chromiumPath, renderSvgs } from "../lib/access/render-svg";
import { loadTenantsFile } from "../lib/file/load";
import { buildStacks } from "../stacks/build-stacks";
import { configOf } from "./helpers";
import { ROOT } from "./run";

const inputs = ["tenants.yaml", ...readdirSync(join(ROOT, "examples")).filter((f) => [".yaml", ".yml", ".json"].includes(extname(f))).map((f) => `examples/${f}`)];

/** The node IDs and edges (from, to) a Mermaid flowchart declares. */
function declared(mermaid: string): { nodes: string[]; edges: Array<[string, string]> } {
  const nodes = [...mermaid.matchAll(/^\s+(n[0-9a-f]{12})[[({]/gm)].map((m) => m[1]!);
  const edges = [...mermaid.matchAll(/^\s+(n[0-9a-f]{12}) -[-.]+>(?:\|[^|]*\|)? (n[0-9a-f]{12})$/gm)].map((m): [string, string] => [m[1]!, m[2]!]);
  return { nodes, edges };
}

/** A large file: 120 tenants over 6 namespaces, each reaching its own queue. */
const LARGE = `
clusters: [{ name: big, region: us-east-1, accountId: "111122223333" }]
tenants:
${Array.from({ length: 120 }, (_, k) => `  - { name: t${k}, namespace: ns${k % 6}, serviceAccount: sa${k}, grants: [{ sqs: { queue: q${k}, access: send } }] }`).join("\n")}
`;

const browser = chromiumPath();

if (browser === undefined) {
  it("needs Chromium: fails under REQUIRE_CHROMIUM=1, else the renderer says what is missing", async () => {
    expect(process.env.REQUIRE_CHROMIUM === "1" ? "Chromium (apt-get install chromium, or CHROMIUM_PATH)" : undefined).toBeUndefined();
    await expect(renderSvgs(["flowchart LR\n  a --> b\n"])).rejects.toThrow("no Chromium found: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH");
  });
} else {
  describe("in headless Chromium", () => {
    const diagrams: Array<{ name: string; mermaid: string }> = [];
    let svgs: string[] = [];

    beforeAll(async () => {
      for (const input of inputs) {
        const { config } = await loadTenantsFile(join(ROOT, input));
        diagrams.push({ name: input, mermaid: await reportMermaid(await accessReport(config!, buildStacks)) });
      }
      diagrams.push({ name: "large", mermaid: await reportMermaid(await accessReport(await configOf(LARGE), buildStacks)) });
      // The benchmark's file: every tenant in its own namespace.
      diagrams.push({ name: "bench-1000", mermaid: await reportMermaid(await accessReport(await configOf(tenantsYaml(1000)), buildStacks)) });
      // One browser start for all of them.
      svgs = await renderSvgs(diagrams.map((d) => d.mermaid));
    }, 300_000);

    it.each(inputs.concat("large", "bench-1000"))("%s: every node and edge of the Mermaid is in the SVG", (name) => {
      const k = diagrams.findIndex((d) => d.name === name);
      const { nodes, edges } = declared(diagrams[k]!.mermaid);
      const svg = svgs[k]!;
      expect(svg.startsWith("<svg")).toBe(true);
      expect(nodes.length).toBeGreaterThan(0);
      // A subgraph is drawn as a cluster, every other node as a node.
      const drawn = new Set([...svg.matchAll(/id="my-svg-flowchart-(n[0-9a-f]{12})-\d+"/g), ...svg.matchAll(/<g class="cluster[^"]*" id="(n[0-9a-f]{12})"/g)].map((m) => m[1]!));
      expect(nodes.filter((n) => !drawn.has(n))).toEqual([]);
      const links = new Set([...svg.matchAll(/data-id="L_(n[0-9a-f]{12})_(n[0-9a-f]{12})_\d+"/g)].map((m) => `${m[1]}>${m[2]}`));
      expect(edges.filter(([a, b]) => !links.has(`${a}>${b}`))).toEqual([]);
    });

    it("draws the resources the least-privilege example reaches, with access levels on the edges", () => {
      const svg = svgs[diagrams.findIndex((d) => d.name === "examples/least-privilege.yaml")]!;
      for (const text of ["S3 bucket acme-reports", "DynamoDB table orders", "SQS queue jobs", "SNS topic alerts", "IAM role/invoices-reader", "assumes", "read"]) expect(svg).toContain(text);
    });

    it(`draws a file of more than ${GROUP_ABOVE} tenants in a cluster by namespace`, () => {
      const svg = svgs[diagrams.findIndex((d) => d.name === "large")]!;
      expect(svg).toContain("namespace ns0: 20 identities, 20 roles");
      expect(svg).toContain("and 8 more resources");
    });

    it(`draws at most ${NAMESPACES_PER_CLUSTER} namespaces of a cluster, and the rest as one node`, () => {
      const k = diagrams.findIndex((d) => d.name === "bench-1000");
      expect(declared(diagrams[k]!.mermaid).nodes.filter((n) => diagrams[k]!.mermaid.includes(`${n}(["namespace `))).toHaveLength(NAMESPACES_PER_CLUSTER);
      expect(svgs[k]).toContain(`${1000 - NAMESPACES_PER_CLUSTER} more namespaces: ${1000 - NAMESPACES_PER_CLUSTER} identities`);
      // Each tenant's own customer managed policy: the rest's are counted, not drawn.
      expect(svgs[k]).toContain(`and ${1000 - NAMESPACES_PER_CLUSTER - 12} more managed policies`);
    });
  });
}
