/**
 * Skips two of cdktf's three resolve passes, which do nothing for stacks without cross-stack
 * references or tokens in overrides; only for cdktf 0.21.0's source (checked by hash), so any
 * other engine is left alone: docs/benchmarks.md, "The patches kept", skip-extra-resolve-passes.
 */
import { join } from "node:path";
import { sourceMatches, type Engine } from "./engine";

/** sha256 (first 16 hex digits) of each patched function's `toString()` in cdktf 0.21.0. */
export const EXPECTED_SOURCE_HASHES = { prepareStack: "7f39aeeb3fcd23a8", toTerraform: "07d724012b247878", referenceResolve: "04e95cd69ef257c1" } as const;
const PATCHED = Symbol.for("eks-pod-identity-tenants.skip-extra-resolve-passes");
type Resolve = (scope: unknown, obj: unknown, preparing?: boolean) => unknown;
type StackLike = { readonly node: { readonly id: string }; readonly rawOverrides: Record<string, unknown>; ensureBackendExists(): unknown };
type ReferenceLike = { readonly identifier: string; readonly originStack?: StackLike; readonly crossStackIdentifier: Record<string, string>; resolve(context: { readonly scope: unknown; readonly preparing: boolean }): unknown };
export interface Cdktf {
  readonly TerraformStack: { prototype: StackLike & { prepareStack(): void; toTerraform(): unknown }; of(scope: unknown): StackLike };
  /** lib/_tokens.js's exports: terraform-stack.js calls `resolve` through them. */
  readonly tokens: { resolve: Resolve };
  readonly referencePrototype: ReferenceLike;
  readonly isUnresolved: (value: unknown) => boolean;
}
/** The engine's internals the patch touches, or undefined when they are not there. */
export function loadCdktf(engine: Engine): Cdktf | undefined {
  try {
    const cdktf = require(engine.dir) as { TerraformStack: Cdktf["TerraformStack"]; Token: { isUnresolved(v: unknown): boolean } };
    const tokens = require(join(engine.dir, "lib/_tokens")) as Cdktf["tokens"];
    const expressions = require(join(engine.dir, "lib/tfExpression")) as { ref(identifier: string): ReferenceLike };
    return { TerraformStack: cdktf.TerraformStack, tokens, referencePrototype: Object.getPrototypeOf(expressions.ref("x")) as ReferenceLike, isUnresolved: (v) => cdktf.Token.isUnresolved(v) };
  } catch {
    return undefined;
  }
}
const holdsTokens = (value: unknown, isUnresolved: (v: unknown) => boolean): boolean =>
  isUnresolved(value) || (typeof value === "object" && value !== null && Object.values(value).some((v) => holdsTokens(v, isUnresolved)));
/** The tree toTerraform merged: its `"//"` entry carries this stack's metadata. */
const isMergedTree = (obj: unknown, stack: StackLike) => (obj as { "//"?: { metadata?: { stackName?: unknown } } } | null)?.["//"]?.metadata?.stackName === stack.node.id;
export class CrossStackReferenceError extends Error {}
export function skipExtraResolvePasses(engine: Engine, cdktf: Cdktf | undefined = loadCdktf(engine)): true | string {
  if (!cdktf) return "not found";
  const { tokens, isUnresolved, referencePrototype: ref } = cdktf;
  const stack = cdktf.TerraformStack.prototype;
  if ((stack as unknown as Record<symbol, unknown>)[PATCHED]) return true;
  if (!sourceMatches({ prepareStack: stack.prepareStack, toTerraform: stack.toTerraform, referenceResolve: ref.resolve }, EXPECTED_SOURCE_HASHES)) return "engine source differs";
  const toTerraform = stack.toTerraform;
  const referenceResolve = ref.resolve;
  stack.prepareStack = function prepareStack(this: StackLike) {
    this.ensureBackendExists();
  };
  stack.toTerraform = function (this: StackLike) {
    if (holdsTokens(this.rawOverrides, isUnresolved)) return toTerraform.call(this);
    const resolve = tokens.resolve;
    tokens.resolve = (scope, obj, preparing) => (scope === this && !preparing && isMergedTree(obj, this) ? obj : resolve(scope, obj, preparing));
    try {
      return toTerraform.call(this);
    } finally {
      tokens.resolve = resolve;
    }
  };
  ref.resolve = function (this: ReferenceLike, context) {
    const here = !context.preparing && this.originStack ? cdktf.TerraformStack.of(context.scope) : undefined;
    if (here && here !== this.originStack && this.crossStackIdentifier[String(here)] === undefined) {
      throw new CrossStackReferenceError(
        `${here.node.id} refers to ${this.identifier} of stack ${this.originStack!.node.id}: cross-stack references need cdktf's preparing resolve pass, which lib/runtime/skip-extra-resolve-passes.ts skips. Run main.js without the preload for such an app.`,
      );
    }
    return referenceResolve.call(this, context);
  };
  Object.defineProperty(stack, PATCHED, { value: true });
  return true;
}
