/**
 * Which class serves a Kubernetes or Helm binding. Under CDKTF, the prebuilt
 * `@cdktf/provider-kubernetes` / `@cdktf/provider-helm` class, when the project has that package:
 * it is what the golden files were written with. Otherwise the generated engine-neutral class
 * (lib/bindings/generated/), which extends whichever engine is loaded. Under CDK Terrain the
 * prebuilt classes cannot work: CDK Terrain's stack calls
 * `_resetResolveDiscoveredProviderFeatureUsage` on every element, which they lack, and their
 * package requires `cdktf` as a peer.
 */
import { installedEngine } from "../runtime/engine";

function isMissing(error: unknown, request: string): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return e.code === "MODULE_NOT_FOUND" && typeof e.message === "string" && e.message.includes(`'${request}'`);
}

/** The prebuilt class `name` of module `prebuilt` under CDKTF when installed, else `generated()`. */
export function bindingClass<T>(prebuilt: string, name: string, generated: () => T): T {
  if (installedEngine()?.name === "cdktf") {
    try {
      return (require(prebuilt) as Record<string, T>)[name]!;
    } catch (e) {
      if (!isMissing(e, prebuilt)) throw e;
    }
  }
  return generated();
}
