/** Module exports that load on first use: the stand-ins of defer-unused-modules.ts. */

export type ExportsKind = "function" | "object";

/**
 * The first call, property read or key listing runs `load` and forwards to the real exports
 * from then on. `__esModule` is answered without loading: TypeScript's and Babel's interop
 * helpers read it at require time.
 */
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
