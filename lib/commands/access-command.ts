/**
 * `npm run access -- <tenants file> [--base <older tenants file>] [--format json|md|mermaid|html]`:
 * who may do what, or with --base what the change gains and loses. Exit 0 with the report on
 * stdout; 1 when a file is invalid (its problems on stderr, as validate prints them, and no
 * report); 2 on a usage error.
 */
import { resolve } from "node:path";
import { loadOrReport } from "./cli";
import { parseCommandArgs, UsageError } from "./args";
import { tenantsFileFromEnv } from "../runtime/tenants-file-env";
import { diffWithAccessLevels } from "../access/access-levels";
import { diffMarkdown, reportMarkdown } from "../access/markdown";
import { reportMermaid } from "../access/mermaid";
import type { AccessDiff } from "../access/diff";
import { accessReport, type AccessReport, type StackBuilder } from "../access/model";

export const ACCESS_FORMATS = ["json", "md", "mermaid", "html"] as const;
export type AccessFormat = (typeof ACCESS_FORMATS)[number];

export const ACCESS_USAGE = `usage: npm run access -- [tenants file] [--file <tenants file>] [--base <older tenants file>] [--format json|md|mermaid|html]

Who may do what: every identity (tenant, shared role, add-on, controller) per cluster,
its role, trust, boundary, managed policies (read from their AWS documents) and
permissions, read from the stacks synthesis builds.
  tenants file, --file <f>  default: TENANTS_FILE, else tenants.yaml
  --base <file>    print what changes from <file> to the tenants file instead: action x
                   resource pairs gained and lost per identity (managed policies, Denies
                   and boundaries included), wider trust, and other changes
  --format <f>     json (default), md (a pull-request comment), mermaid (a flowchart) or
                   html (one self-contained page; its picture needs Chromium, CHROMIUM_PATH)
Exit 0 with the report; 1 when a file is invalid; 2 on a usage error.`;

export interface AccessArgs {
  readonly file?: string;
  readonly base?: string;
  readonly format: AccessFormat;
  readonly help: boolean;
}

/** The arguments, or what is wrong with them. */
export function parseAccessArgs(args: ReadonlyArray<string>): AccessArgs | string {
  try {
    const parsed = parseCommandArgs({ usage: ACCESS_USAGE.split("\n")[0]!, positionals: "file", options: { base: { type: "string", needs: "the older tenants file" }, format: { type: "string" } } }, args);
    if (parsed.help) return { format: "json", help: true };
    const format = (parsed.values.format as string | undefined) ?? "json";
    if (!(ACCESS_FORMATS as ReadonlyArray<string>).includes(format)) return `--format ${JSON.stringify(format)} is not one of ${ACCESS_FORMATS.join(", ")}`;
    return { file: parsed.named, base: parsed.values.base as string | undefined, format: format as AccessFormat, help: false };
  } catch (e) {
    // Two files are most likely a comparison meant with --base.
    if (e instanceof UsageError) return e.message.startsWith("one tenants file at a time") ? `${e.message}; the older one goes after --base` : e.message;
    throw e;
  }
}

export interface AccessIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (line: string) => void;
}

export async function runAccess(args: ReadonlyArray<string>, io: AccessIo, build: StackBuilder): Promise<number> {
  const parsed = parseAccessArgs(args);
  if (typeof parsed === "string") {
    io.stderr(`${parsed}\n${ACCESS_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout(`${ACCESS_USAGE}\n`);
    return 0;
  }
  const file = parsed.file ?? tenantsFileFromEnv();
  // Both files are checked before anything is printed: every problem of both at once.
  const head = await loadOrReport(file, io.stderr);
  // The same file twice is read (and its problems printed) once.
  const base = parsed.base === undefined ? undefined : resolve(parsed.base) === resolve(file) ? head : await loadOrReport(parsed.base, io.stderr);
  if (!head || (parsed.base !== undefined && !base)) return 1;

  const report = await accessReport(head, build);
  const diff = base ? await diffWithAccessLevels(base === head ? report : await accessReport(base, build), report) : undefined;
  io.stdout(await formatted(parsed.format, report, diff, io));
  return 0;
}

/** The report (or with a diff, the changes) in `format`. */
async function formatted(format: AccessFormat, report: AccessReport, diff: AccessDiff | undefined, io: AccessIo): Promise<string> {
  if (format === "json") return `${JSON.stringify(diff ?? report, null, 2)}\n`;
  if (format === "md") return diff ? diffMarkdown(diff) : reportMarkdown(report);
  const mermaid = await reportMermaid(report, diff);
  if (format === "mermaid") return mermaid;
  // Loaded only for the page: the renderer starts a browser.
  const { renderSvgs, RenderError } = await import("../access/render-svg");
  const { reportHtml } = await import("../access/html");
  try {
    const [svg] = await renderSvgs([mermaid]);
    return reportHtml(report, { svg: svg! }, diff);
  } catch (e) {
    if (!(e instanceof RenderError)) throw e;
    // The page is still worth having without its picture; say why it has none.
    io.stderr(`warning: the picture is not in the page: ${e.message}`);
    return reportHtml(report, { error: e.message }, diff);
  }
}
