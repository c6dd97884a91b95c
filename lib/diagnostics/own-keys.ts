/**
 * Lookups by a key the user wrote. A plain object answers `constructor`, `toString` or
 * `__proto__` from Object.prototype even when it has no such key of its own, so a lookup
 * `table[key]` by a key from the file finds a function (or the prototype) instead of nothing.
 * Every lookup by such a key goes through these, or through a Map.
 */

/** `obj[key]` when `obj` has `key` as its own property, else undefined. */
export function ownValue<T>(obj: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return obj !== undefined && obj !== null && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** Sets `obj[key]` as an own property, even for `__proto__`, which an assignment would take as the prototype. */
export function setOwn<T>(obj: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** `obj[key]`, created with `make` when `obj` has no such key of its own (`obj[key] ??= make()` for keys from a file). */
export function ownEntry<T>(obj: Record<string, T>, key: string, make: () => T): T {
  if (!Object.hasOwn(obj, key)) setOwn(obj, key, make());
  return obj[key]!;
}
