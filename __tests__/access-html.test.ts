/**
 * `--format html` (lib/access/html.ts): one self-contained page. Opened in Debian's headless
 * Chromium through puppeteer (a dependency of mermaid-cli): it makes no request beyond its own
 * file, a screenshot is taken, and what the page shows is checked: the summary, the changes of
 * a pull request, the picture as SVG, the cluster tables.
 *
 * UPDATE_DOCS=1 writes the screenshot and the picture to docs/, so that
 * docs/access-review.md shows what this test sees.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { esc, reportHtml } from "../lib/access/html";
import type { Identity } from "../lib/access/model";
import { chromiumArgs, chromiumPath } from "../lib/access/render-svg";
import { ROOT, runNode } from "./run";
import { diffWithAccessLevels } from "../lib/access/access-levels";
import { accessReport } from "../lib/access/model";
import { buildStacks } from "../stacks/build-stacks";
import { configOf } from "./helpers";

const web: Identity = {
  cluster: "prod",
  kind: "tenant",
  name: "<b>web</b>",
  namespace: "web",
  serviceAccount: "web-sa",
  role: "web.prod",
  sharedRole: null,
  targetRoleArn: null,
  trust: "t",
  trustScope: { principals: [], serviceAccounts: [], unscoped: false },
  managedPolicyArns: ["arn:aws:iam::111122223333:policy/mine"],
  managedPolicies: [{ arn: "arn:aws:iam::111122223333:policy/mine", name: "mine", version: null, notRead: "customer managed" }],
  permissionsBoundary: null,
  permissions: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/<script>"], conditions: {}, source: { kind: "statement" } }],
  flags: [],
};

describe("reportHtml", () => {
  it("escapes what comes from the file, forbids every request by its CSP, and says when the picture is missing", async () => {
    const page = await reportHtml({ identities: [web], summary: { identities: 1, flagged: 0, managedPoliciesRead: 0, managedPoliciesNotRead: 1 } }, { error: "no Chromium found" });
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`);
    expect(page).toContain("<code>&lt;b&gt;web&lt;/b&gt;</code>");
    expect(page).toContain("<code>arn:aws:s3:::b/&lt;script&gt;</code>");
    expect(page).not.toContain("<script");
    expect(page).toContain('<p class="warn">The picture was not rendered: no Chromium found</p>');
    expect(page).toContain("not read: customer managed");
    expect(page).toContain('<div class="card warn"><b>1</b>managed policies not read</div>');
    // Nothing that a browser would fetch: no src, no link, no url().
    expect(page).not.toMatch(/\ssrc=|<link|url\(|@import/);
  });

  it("shows a managed-policy swap's gained actions, the new ones named with their levels, first", async () => {
    const file = (policy: string) => `clusters: [{ name: c, region: us-east-1, accountId: "111122223333" }]\ntenants: [{ name: shop, namespace: shop, serviceAccount: shop, managedPolicyArns: ["arn:aws:iam::aws:policy/${policy}"] }]\n`;
    const base = await accessReport(await configOf(file("AmazonDynamoDBReadOnlyAccess")), buildStacks);
    const head = await accessReport(await configOf(file("AmazonDynamoDBFullAccess")), buildStacks);
    const page = await reportHtml(head, { error: "not rendered here" }, await diffWithAccessLevels(base, head));
    const lead = page.slice(page.indexOf("<h3>Gained write and permissions-management access"), page.indexOf("</ul>"));
    expect(lead).toContain("<code>c</code> tenant <code>shop</code>: <code>dynamodb:*</code> on <code>*</code>");
    expect(lead).toContain("<code>dynamodb:DeleteTable</code> (Write)");
    expect(lead).toContain("<code>dax:*</code>");
  });

  it("escapes HTML's five special characters", () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

const browser = chromiumPath();

if (browser === undefined) {
  it("needs Chromium: fails under REQUIRE_CHROMIUM=1, else the page says the picture is missing", () => {
    expect(process.env.REQUIRE_CHROMIUM === "1" ? "Chromium (apt-get install chromium, or CHROMIUM_PATH)" : undefined).toBeUndefined();
    const r = runNode(["dist/bin/access.js", "examples/least-privilege.yaml", "--format", "html"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("The picture was not rendered: no Chromium found");
    expect(r.stderr).toContain("warning: the picture is not in the page: no Chromium found");
  });
} else {
  describe("the page of a pull request, in headless Chromium", () => {
    const tmp = mkdtempSync(join(tmpdir(), "access-html-"));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    const page = join(tmp, "access-review.html");
    const shot = join(tmp, "access-review.png");
    const seen: { requests: string[]; text: string; svg: { width: number; height: number; nodes: number; edges: number }; status: number; stderr: string } = { requests: [], text: "", svg: { width: 0, height: 0, nodes: 0, edges: 0 }, status: -1, stderr: "" };

    beforeAll(async () => {
      const r = runNode(["dist/bin/access.js", "examples/least-privilege.yaml", "--base", "examples/access-review/least-privilege-before.yaml", "--format", "html"]);
      seen.status = r.status ?? -1;
      seen.stderr = r.stderr;
      writeFileSync(page, r.stdout);
      const puppeteer = (await import("puppeteer")).default;
      const b = await puppeteer.launch({ executablePath: browser, headless: true, args: chromiumArgs(join(tmp, "profile")) });
      try {
        const tab = await b.newPage();
        await tab.setViewport({ width: 1400, height: 1000 });
        tab.on("request", (req) => seen.requests.push(req.url()));
        await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
        await tab.screenshot({ path: shot, fullPage: true });
        // Strings, run in the page: the project compiles without the DOM's types.
        seen.text = (await tab.evaluate("document.body.innerText")) as string;
        seen.svg = (await tab.evaluate(`(() => {
          const svg = document.querySelector("#picture svg");
          const box = svg.getBoundingClientRect();
          const visible = (e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().height > 0;
          return { width: box.width, height: box.height, nodes: [...svg.querySelectorAll("g.node")].filter(visible).length, edges: svg.querySelectorAll("path.flowchart-link").length };
        })()`)) as typeof seen.svg;
      } finally {
        await b.close();
      }
      if (process.env.UPDATE_DOCS) {
        copyFileSync(shot, join(ROOT, "docs", "access-review.png"));
        writeFileSync(join(ROOT, "docs", "access-review-picture.svg"), /<svg[\s\S]*<\/svg>/.exec(readFileSync(page, "utf8"))![0]);
      }
    }, 300_000);

    it("is built, with no warning", () => {
      expect([seen.status, seen.stderr]).toEqual([0, ""]);
    });

    it("makes no request beyond its own file", () => {
      expect(seen.requests).toEqual([pathToFileURL(page).href]);
    });

    it("shows the summary, the write gains first, the changes, and the cluster tables", () => {
      expect(seen.text).toMatch(/Summary\n/);
      expect(seen.text).toContain("Gained write and permissions-management access (5)");
      expect(seen.text).toContain("prod-east tenant billing: sts:AssumeRole on arn:aws:iam::444455556666:role/invoices-reader (Write)");
      expect(seen.text).toContain("Cluster prod-east");
      expect(seen.text).toContain("team-c");
    });

    it("shows the picture, rendered to SVG when the report was built, with its nodes and edges", () => {
      expect(seen.svg.width).toBeGreaterThan(300);
      expect(seen.svg.height).toBeGreaterThan(300);
      expect(seen.svg.nodes).toBeGreaterThan(10);
      expect(seen.svg.edges).toBeGreaterThan(10);
    });

    it("screenshots as a picture of the whole page", () => {
      const png = readFileSync(shot);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      // Width and height, big-endian, in the IHDR chunk.
      expect(png.readUInt32BE(16)).toBe(1400);
      expect(png.readUInt32BE(20)).toBeGreaterThan(1000);
    });
  });
}
