/**
 * Module exports that load on first use. The app seeds Node's module cache with these for
 * dependencies of its dependencies that a synth never touches (see defer-unused-modules.ts).
 */

export type ExportsKind = "function" | "object";

/**
 * A stand-in for a module's exports: the first call, property read or key listing runs `load`
 * and forwards to the real exports from then on. `__esModule` is answered without loading, as
 * given, because TypeScript's and Babel's interop helpers read it at require time.
 */
export function lazyExports(load: () => unknown, kind: ExportsKind, esModule: boolean): unknown {
  let real: object | undefined;
  const exportsOf = (): object => (real ??= Object(load()) as object);
  const target = kind === "function" ? () => undefined : {};
  return new Proxy(target, {
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
