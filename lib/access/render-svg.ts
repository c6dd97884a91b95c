/**
 * Mermaid text to SVG, with mermaid-cli (`mmdc`, npm package @mermaid-js/mermaid-cli, MIT) in a
 * headless Chromium, when the report is built: the HTML page then holds the picture itself and
 * needs no network and no script to show it.
 *
 * The browser is the system's Chromium (Debian's `chromium` package), never one downloaded at
 * install time: CHROMIUM_PATH names it, else the first of /usr/bin/chromium,
 * /usr/bin/chromium-browser and /usr/bin/google-chrome that exists. It runs headless with a
 * fresh profile and without the calls home a browser makes on start (background networking,
 * component updates, sync), so that building the report makes no network request.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** The Chromium to render with, or undefined when none is installed. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const given = env.CHROMIUM_PATH;
  if (given) return existsSync(given) ? given : undefined;
  return CANDIDATES.find((c) => existsSync(c));
}

/** Chromium's switches for a headless run that calls nowhere (https://peter.sh/experiments/chromium-command-line-switches/). */
export function chromiumArgs(profile: string): string[] {
  return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--user-data-dir=${profile}`];
}

/** The mmdc script of the installed mermaid-cli, or undefined when it is not installed. */
export function mmdcPath(): string | undefined {
  try {
    // The package exports only its entry point (src/index.js); its bin, src/cli.js, sits beside it.
    return join(require.resolve("@mermaid-js/mermaid-cli"), "..", "cli.js");
  } catch {
    return undefined;
  }
}

export class RenderError extends Error {}

/**
 * Renders each Mermaid text to SVG in one browser start (mmdc renders every ```mermaid block of
 * a Markdown file to its own SVG). Rejects with a RenderError saying what is missing or what
 * mmdc said.
 */
export async function renderSvgs(diagrams: ReadonlyArray<string>, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const browser = chromiumPath(env);
  if (!browser) throw new RenderError("no Chromium found: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH");
  const mmdc = mmdcPath();
  if (!mmdc) throw new RenderError("@mermaid-js/mermaid-cli is not installed (npm install --save-dev @mermaid-js/mermaid-cli)");
  const dir = mkdtempSync(join(tmpdir(), "access-svg-"));
  try {
    const config = join(dir, "puppeteer.json");
    writeFileSync(config, JSON.stringify({ executablePath: browser, args: chromiumArgs(join(dir, "profile")) }));
    // Large pictures: Mermaid's default limits (50,000 characters, 500 edges) are raised; the picture itself stays bounded (mermaid.ts).
    writeFileSync(join(dir, "mermaid.json"), JSON.stringify({ maxTextSize: 5_000_000, maxEdges: 50_000, flowchart: { htmlLabels: false } }));
    writeFileSync(join(dir, "in.md"), diagrams.map((d) => `\`\`\`mermaid\n${d}\`\`\`\n`).join("\n"));
    await new Promise<void>((resolve, reject) => {
      execFile(process.execPath, [mmdc, "-q", "-p", config, "-c", join(dir, "mermaid.json"), "-i", join(dir, "in.md"), "-o", join(dir, "out.md")], { env: { ...env, PUPPETEER_SKIP_DOWNLOAD: "1" }, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 }, (err, _out, stderr) =>
        err ? reject(new RenderError(`mermaid-cli failed: ${String(stderr).trim() || err.message}`)) : resolve(),
      );
    });
    return diagrams.map((_, k) => readFileSync(join(dir, `out-${k + 1}.svg`), "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
