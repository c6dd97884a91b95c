/**
 * `__proto__` as a mapping key. YAML and JSON allow it, but JavaScript reads an object's
 * `__proto__` as its prototype: zod drops such a key from a record without a word (tags,
 * labels, conditions), and an assignment `obj["__proto__"] = v` replaces the prototype instead
 * of adding a key. So a file with it would lose the entry silently; it is refused, wherever it
 * is, at the key. Every other name of Object.prototype (`constructor`, `toString`) is an
 * ordinary key: unknown where the schema fixes the keys, kept where they are the user's.
 */
import { isMap, isPair, isScalar, isSeq, type Document } from "yaml";
import { error, type FieldPath, type Finding } from "../diagnostics/problems";
import { pathKey } from "./number-text";

export const PROTO_KEY = "__proto__";

export interface PrototypeKeys {
  readonly findings: Finding[];
  /** `pathKey`s of the keys reported, so that the schema's "unknown key" is not said twice. */
  readonly paths: ReadonlySet<string>;
}

/** A node on the walk, with the way back to the root: the path is only built for a key reported. */
interface Step {
  readonly node: unknown;
  readonly up?: Step;
  readonly seg?: string | number;
}

function pathOf(step: Step): Array<string | number> {
  const out: Array<string | number> = [];
  for (let s: Step | undefined = step; s?.up; s = s.up) out.push(s.seg!);
  return out.reverse();
}

export function prototypeKeys(doc: Document): PrototypeKeys {
  const findings: Finding[] = [];
  const paths = new Set<string>();
  // Iterative, with an explicit stack: the file may nest deeply (nesting.ts bounds it).
  const stack: Step[] = [{ node: doc.contents }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    const { node } = step;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const next: Step = { node: pair.value, up: step, seg: key };
        if (key === PROTO_KEY) {
          const at: FieldPath = pathOf(next);
          findings.push(error(at, `${JSON.stringify(PROTO_KEY)} cannot be a key: JavaScript reads it as an object's prototype rather than a key, so the entry would be dropped on the way to Terraform without a word; rename or remove it`, true));
          paths.add(pathKey(at));
        }
        if (isMap(pair.value) || isSeq(pair.value)) stack.push(next);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        if (isMap(item) || isSeq(item)) stack.push({ node: item, up: step, seg: i });
      });
    }
  }
  return { findings, paths };
}
