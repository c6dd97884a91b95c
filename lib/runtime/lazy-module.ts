/** Stand-ins in Node's module cache (https://nodejs.org/api/modules.html#requirecache: entries are replaceable). */
import Module from "node:module";

export type ExportsKind = "function" | "object";
/** `request` as a package in `dir` would resolve it. */
export function resolveFrom(request: string, dir: string): string | undefined {
  try {
    return require.resolve(request, { paths: [dir] });
  } catch {
    return undefined;
  }
}
/** Puts a loaded module with `exports` into `cache` under `file`, unless one is there. */
export function seedModule(cache: NodeJS.Dict<NodeJS.Module>, file: string | undefined, exports: () => unknown): file is string {
  if (!file || cache[file]) return false;
  const m = new Module(file);
  m.filename = file;
  m.loaded = true;
  m.exports = exports();
  cache[file] = m;
  return true;
}
/** Exports that `load` on first use; `__esModule` is answered without, as interop helpers read it at once. */
export function lazyExports(load: () => unknown, kind: ExportsKind, esModule: boolean): unknown {
  let real: object | undefined;
  const exportsOf = (): object => (real ??= Object(load()) as object);
  return new Proxy(kind === "function" ? () => undefined : {}, {
    apply: (_t, thisArg, args: unknown[]) => Reflect.apply(exportsOf() as (...a: unknown[]) => unknown, thisArg, args),
    get: (_t, key) => (key === "__esModule" ? esModule || undefined : Reflect.get(exportsOf(), key)),
    has: (_t, key) => key in exportsOf(),
    ownKeys: () => Reflect.ownKeys(exportsOf()),
    // A proxy may only report a property its target lacks as configurable.
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(exportsOf(), key);
      return d && { ...d, configurable: true };
    },
  });
}
