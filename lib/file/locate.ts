/** Maps a field path of the parsed file back to a line and column in its text. */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";
import type { FieldPath } from "../diagnostics/problems";

export interface Position {
  readonly line: number;
  readonly col: number;
}

export type Locator = (path: FieldPath, atKey?: boolean) => Position;

function keyOf(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

/**
 * Finds the node at `path`, or the deepest node that exists on the way to it: a missing
 * required key is reported at the mapping that lacks it. With `atKey`, the last segment's key
 * is the target rather than its value.
 */
export function locator(doc: Document, lines: LineCounter): Locator {
  return (path, atKey = false) => {
    let node: unknown = doc.contents;
    let best = node as Node | null;
    for (let i = 0; i < path.length; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => String(keyOf(p.key)) === String(seg));
        if (!pair) break;
        if (last && atKey && pair.key) {
          best = pair.key as Node;
          break;
        }
        node = pair.value;
        best = (pair.value ?? pair.key) as Node;
      } else if (isSeq(node) && typeof seg === "number" && node.items[seg] !== undefined) {
        node = node.items[seg];
        best = node as Node;
      } else {
        break;
      }
    }
    const offset = best?.range?.[0] ?? 0;
    const pos = lines.linePos(offset);
    return { line: pos.line, col: pos.col };
  };
}
