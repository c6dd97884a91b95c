/**
 * How deep a YAML or JSON text nests, found before the parser sees it. The yaml parser and
 * composer recurse per level: a few thousand levels overflow the stack, and a few million run the
 * process out of memory, which no try/catch can turn into a message. The lexer is linear and
 * iterative, so its tokens give the depth safely: flow brackets it reads outside quoted strings,
 * plus, per line, the block levels the indentation opens and the compact `- ` and `? ` entries.
 * The block count is an estimate (a sequence at its parent's indent adds a level it misses), and
 * the limit leaves a wide margin to the depth the parser handles (500 levels and more).
 */
import { CST, Lexer } from "yaml";

/** Far deeper than any tenants file (statement conditions are 7 levels) or add-on setting. */
export const MAX_NESTING = 100;

export interface TooDeep {
  readonly depth: number;
  /** Offset in the text where the limit was passed. */
  readonly offset: number;
}

const CONTROL = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

export function nestingTooDeep(text: string, limit = MAX_NESTING): TooDeep | undefined {
  let offset = 0;
  let flow = 0;
  const indents: number[] = [];
  let lineStart = true;
  let lineIndent = 0;
  let compact = 0;
  for (const tok of new Lexer().lex(text)) {
    if (CONTROL.has(tok)) continue;
    const type = CST.tokenType(tok);
    const at = offset;
    offset += tok.length;
    if (type === "newline") {
      lineStart = true;
      lineIndent = 0;
      compact = 0;
      continue;
    }
    if (lineStart && type === "space") {
      lineIndent = tok.length;
      continue;
    }
    if (type === "comment" || type === "space") continue;
    if (lineStart) {
      lineStart = false;
      if (flow === 0) {
        while (indents.length > 0 && indents[indents.length - 1]! >= lineIndent) indents.pop();
        indents.push(lineIndent);
      }
    }
    if (type === "flow-seq-start" || type === "flow-map-start") flow++;
    else if (type === "flow-seq-end" || type === "flow-map-end") flow = Math.max(0, flow - 1);
    else if (type === "seq-item-ind" || type === "explicit-key-ind") compact++;
    const depth = flow + indents.length + compact;
    if (depth > limit) return { depth, offset: at };
  }
  return undefined;
}
