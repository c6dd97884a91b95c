/**
 * Numbers where text is meant. YAML reads `012345678901` as 12345678901, `1.10` as 1.1, `0x1F`
 * as 31 and `1e3` as 1000 (YAML 1.2 core schema, https://yaml.org/spec/1.2.2/#1032-tag-resolution).
 * Where the file may hold a string, such a value would silently reach AWS as other text: an
 * account ID in a condition loses its leading zero. So every plain scalar that YAML turns into a
 * number or boolean whose text differs from what was written is refused with "quote it", when the
 * schema accepts a string at that place; and every such map key, since keys always become text.
 * A number the schema wants as a number (maxSessionDuration) and free-form settings
 * (configurationValues, which stay JSON numbers) are left alone.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";
import { error, type FieldPath, type Finding } from "../diagnostics/problems";
import { ownValue } from "../diagnostics/own-keys";
import { quote } from "../diagnostics/quote";
import { defOf, type AnySchema } from "../schema/zod-messages";


/** The concrete schemas a value may be checked by: wrappers and unions opened up. */
function expand(s: AnySchema, out: AnySchema[] = []): AnySchema[] {
  const def = defOf(s);
  if (def.innerType) return expand(def.innerType, out);
  if (def.type === "pipe" && def.in) return expand(def.in, out);
  if (def.type === "lazy") return expand((s._zod as unknown as { innerType: AnySchema }).innerType, out);
  if (def.type === "union" && def.options) {
    for (const o of def.options) expand(o, out);
    return out;
  }
  out.push(s);
  return out;
}

function childSchemas(schemas: AnySchema[], seg: string | number): AnySchema[] {
  const out: AnySchema[] = [];
  for (const s of schemas) {
    const def = defOf(s);
    let child: AnySchema | undefined;
    // Own keys only: a key such as `constructor` would otherwise find Object.prototype's.
    if (def.type === "object") child = ownValue(def.shape, String(seg));
    else if (def.type === "array" && typeof seg === "number") child = def.element;
    else if (def.type === "record") child = def.valueType;
    if (child) expand(child, out);
  }
  return out;
}

const acceptsString = (schemas: AnySchema[]) => schemas.some((s) => defOf(s).type === "string");

/** Written text that YAML turned into something else, or undefined when it reads back the same. */
function changedText(node: unknown): { source: string; value: number | boolean | bigint } | undefined {
  if (!isScalar(node)) return undefined;
  const v = node.value;
  if (typeof v !== "number" && typeof v !== "boolean" && typeof v !== "bigint") return undefined;
  const source = (node as { source?: string }).source;
  if (typeof source !== "string" || source === String(v)) return undefined;
  return { source, value: v };
}

function message(c: { source: string; value: number | boolean | bigint }, what: string): string {
  const kind = typeof c.value === "boolean" ? "boolean" : "number";
  const src = quote(c.source);
  return `unquoted ${src.slice(1, -1)} is the YAML ${kind} ${String(c.value)} and would become the ${what} ${quote(String(c.value))}; quote it (${src}) to keep it as written`;
}

export interface ChangedNumbers {
  readonly findings: Finding[];
  /** `formatPath`-style keys of the values reported, so that the schema's own "expected a string" is not said twice. */
  readonly paths: ReadonlySet<string>;
}

export const pathKey = (path: ReadonlyArray<PropertyKey>) => JSON.stringify(path.map((p) => (typeof p === "number" ? p : String(p))));

export function changedNumbers(doc: Document, root: AnySchema): ChangedNumbers {
  const findings: Finding[] = [];
  const paths = new Set<string>();
  // Iterative, with an explicit stack: the file may nest deeply (nesting.ts bounds it).
  const stack: Array<{ node: unknown; path: FieldPath; schemas: AnySchema[] }> = [{ node: doc.contents, path: [], schemas: expand(root) }];
  while (stack.length > 0) {
    const { node, path, schemas } = stack.pop()!;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const changed = changedText(keyNode);
        if (changed) findings.push(error([...path, key], message(changed, "key"), true));
        stack.push({ node: pair.value, path: [...path, key], schemas: childSchemas(schemas, key) });
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => stack.push({ node: item, path: [...path, i], schemas: childSchemas(schemas, i) }));
    } else {
      const changed = changedText(node);
      if (changed && acceptsString(schemas)) {
        findings.push(error(path, message(changed, "text")));
        paths.add(pathKey(path));
      }
    }
  }
  return { findings, paths };
}
