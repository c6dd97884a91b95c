/**
 * Every place in a tenants file where a mapping is written, found by walking the zod schema
 * beside an example document, so that a field added to the schema is covered without editing the
 * tests that use this: a strict mapping (`object`: only its own keys), a map of the user's keys
 * (`record`: tags, labels, conditions) and free-form settings (`free`: configurationValues,
 * whose nested mappings are the user's too).
 *
 * A place the example does not reach yet (a field added later) is still listed, with `seeds`:
 * the empty containers to put into a copy of the example first.
 */
import { defOf, type AnySchema } from "../lib/schema/zod-messages";

type Seg = string | number;

export type MapKind = "object" | "record" | "free";
export interface MapPlace {
  readonly path: Seg[];
  /** The place in the schema: list positions as `[]`, a controller as `[name]`, a record's key as `{}`. */
  readonly where: string;
  readonly kind: MapKind;
  /** Containers to create, outermost first, when the example does not have them. */
  readonly seeds: ReadonlyArray<{ path: Seg[]; value: unknown }>;
  /** For a record: a valid value to write under a new key (the example's first value). */
  readonly sample?: unknown;
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const own = (v: unknown, k: Seg): unknown => (isPlain(v) || Array.isArray(v)) && Object.hasOwn(v, k) ? (v as Record<Seg, unknown>)[k] : undefined;

/** The concrete schemas behind wrappers (optional, default, pipe, lazy) and plain unions. */
function expand(s: AnySchema): AnySchema[] {
  const def = defOf(s);
  if (def.innerType) return expand(def.innerType);
  if (def.type === "pipe" && def.in) return expand(def.in);
  if (def.type === "lazy") return expand((s._zod as unknown as { innerType: AnySchema }).innerType);
  if (def.type === "union" && def.options && !def.discriminator) return def.options.flatMap(expand);
  return [s];
}

/** The literal value an option of a discriminated union takes in its discriminator. */
function tagOf(option: AnySchema, discriminator: string): unknown {
  const field = defOf(option).shape?.[discriminator];
  return field ? defOf(field).values?.[0] : undefined;
}

export function mapPlaces(root: AnySchema, example: unknown): MapPlace[] {
  const out: MapPlace[] = [];
  const walk = (schema: AnySchema, value: unknown, path: Seg[], where: string, seeds: MapPlace["seeds"]): void => {
    const union = defOf(schema);
    if (union.type === "union" && union.discriminator && union.options) {
      // Every option, each in the entry of the example that has its tag (or a new one).
      throw new Error(`a discriminated union at ${path.join(".")} must be reached through a list`);
    }
    for (const s of expand(schema)) {
      const def = defOf(s);
      const here = (kind: MapKind, sample?: unknown) => {
        const seed = value === undefined ? [...seeds, { path, value: {} }] : seeds;
        out.push({ path, where, kind, seeds: seed, ...(sample !== undefined ? { sample } : {}) });
        return seed;
      };
      if (def.type === "object" && def.shape) {
        if (value !== undefined && !isPlain(value)) continue;
        const seed = here("object");
        for (const [k, child] of Object.entries(def.shape)) walk(child, own(value, k), [...path, k], `${where}.${k}`, seed);
      } else if (def.type === "record" && def.valueType) {
        if (value !== undefined && !isPlain(value)) continue;
        const first = isPlain(value) ? Object.keys(value)[0] : undefined;
        const key = first ?? "example";
        const seed = here(defOf(def.valueType).type === "unknown" ? "free" : "record", first === undefined ? undefined : value![first]);
        if (defOf(def.valueType).type === "unknown") freeMaps(own(value, key), [...path, key], `${where}.${key}`);
        else walk(def.valueType, own(value, key), [...path, key], `${where}{}`, seed);
      } else if (def.type === "array" && def.element) {
        if (value !== undefined && !Array.isArray(value)) continue;
        listItems(def.element, value as unknown[] | undefined, path, where, seeds);
      }
    }
  };
  const listItems = (element: AnySchema, list: unknown[] | undefined, path: Seg[], where: string, seeds: MapPlace["seeds"]) => {
    const inner = expand(element);
    const du = inner.length === 1 ? defOf(inner[0]!) : undefined;
    const base = list === undefined ? [...seeds, { path, value: [] }] : seeds;
    if (du?.type === "union" && du.discriminator && du.options) {
      let next = list?.length ?? 0;
      for (const option of du.options) {
        const tag = tagOf(option, du.discriminator);
        const found = list?.findIndex((item) => own(item, du.discriminator!) === tag) ?? -1;
        const index = found >= 0 ? found : next++;
        const item = found >= 0 ? list![found] : undefined;
        walk(option, item, [...path, index], `${where}[${String(tag)}]`, item === undefined ? [...base, { path: [...path, index], value: { [du.discriminator]: tag } }] : base);
      }
      return;
    }
    // Every entry: each may hold a different optional mapping (one grant of each kind).
    const items = list && list.length > 0 ? list : [undefined];
    items.forEach((item, i) => walk(element, item, [...path, i], `${where}[]`, base));
  };
  // Free-form settings: every nested mapping of the example is a place too.
  const freeMaps = (value: unknown, path: Seg[], where: string) => {
    if (!isPlain(value)) return;
    out.push({ path, where, kind: "free", seeds: [] });
    for (const [k, v] of Object.entries(value)) freeMaps(v, [...path, k], `${where}.${k}`);
  };
  walk(root, example, [], "", []);
  // One place per place in the schema: the example's first entry that needs nothing created.
  const best = new Map<string, MapPlace>();
  for (const p of out) {
    const seen = best.get(p.where);
    if (!seen || p.seeds.length < seen.seeds.length) best.set(p.where, p);
  }
  return [...best.values()];
}

/** A deep copy of `example` with the place's containers created and `value` written at `key`. */
export function withKey(example: unknown, place: MapPlace, key: string, value: unknown): Record<string, unknown> {
  const doc = structuredClone(example) as Record<string, unknown>;
  const set = (path: Seg[], v: unknown, always: boolean) => {
    let node = doc as Record<Seg, unknown>;
    for (const seg of path.slice(0, -1)) node = node[seg] as Record<Seg, unknown>;
    const last = path[path.length - 1]!;
    // defineProperty, so that `__proto__` becomes a key rather than the prototype.
    if (always || !Object.hasOwn(node, last)) Object.defineProperty(node, last, { value: v, enumerable: true, writable: true, configurable: true });
  };
  for (const s of place.seeds) if (s.path.length > 0) set(s.path, structuredClone(s.value), false);
  set([...place.path, key], value, true);
  return doc;
}

/** `withKey` for several keys at once, each with `value`. */
export function withKeys(example: unknown, place: MapPlace, keys: ReadonlyArray<string>, value: unknown): Record<string, unknown> {
  let doc = example;
  for (const key of keys) doc = withKey(doc, place, key, value);
  return doc as Record<string, unknown>;
}
