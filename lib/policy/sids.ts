/** Statement ids that follow a statement's content, never its position. */
import { createHash } from "node:crypto";

/** An alphanumeric digest of `content`, for sids that follow content rather than position. */
export function contentHash(content: unknown, length = 8): string {
  return createHash("sha256").update(canonicalJson(content)).digest("hex").slice(0, length);
}

/** JSON with object keys sorted, so that key order never changes a digest. */
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

/** `team-a` → `TeamA`: a name in a form that Sids (ASCII letters and digits) accept. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}
