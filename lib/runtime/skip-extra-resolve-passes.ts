/**
 * cdktf resolves every token of a stack three times during synth. Two of those passes do no
 * work for this app's stacks, and at 5,000 tenants they were a third of the CPU time of a
 * synth (profile in docs/benchmarks.md). This module, run by preload.ts in the app's process
 * only, skips them while the output stays byte-identical:
 *
 * 1. `TerraformStack.prototype.prepareStack` (node_modules/cdktf/lib/terraform-stack.js) makes
 *    the backend exist, then resolves every element with `preparing: true` and throws the
 *    result away. The only thing a preparing resolve does differently is in
 *    `Reference.prototype.resolve` (node_modules/cdktf/lib/tfExpression.js): a reference to a
 *    resource of another stack registers a cross-stack output and remote state there. The app
 *    never references across stacks (each cluster's stack is self-contained), so the patched
 *    prepareStack only makes the backend exist, and a guard on `Reference.prototype.resolve`
 *    throws if a cross-stack reference ever shows up, instead of writing a wrong reference.
 * 2. `TerraformStack.prototype.toTerraform` (same file) resolves each element's fragment, merges
 *    the fragments with the stack's raw overrides (`util.deepMerge`), then resolves the merged
 *    tree once more. When the overrides hold no tokens, everything merged is already resolved
 *    and that last pass only copies the tree (it drops `undefined` values, which the JSON writer
 *    drops too). The patch answers that one call, recognised by its `"//"` metadata key and the
 *    stack as scope, with the tree itself; with tokens in the overrides, nothing is skipped.
 *    terraform-stack.js calls `(0, _tokens_1.resolve)(...)` through the exports object of
 *    node_modules/cdktf/lib/_tokens.js, so swapping that export for the call's duration works.
 *
 * It leans on cdktf 0.21.0 internals, so it patches nothing unless the three functions' source
 * text still has the hashes recorded below (__tests__/skip-extra-resolve-passes.test.ts fails
 * loudly when it stops applying, and compares the examples' output with and without it).
 * After a migration to CDK Terrain (the cdktf successor), re-check: that prepareStack still only
 * ensures the backend and runs a preparing resolve; that toTerraform still ends with a resolve
 * of the merged tree keyed "//"; that `preparing` still matters only to Reference.resolve
 * (grep for `preparing`); then update the hashes.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import type { Engine } from "./engine";

/** sha256 (first 16 hex digits) of each patched function's `toString()` in cdktf 0.21.0. */
export const EXPECTED_SOURCE_HASHES = {
  prepareStack: "7f39aeeb3fcd23a8",
  toTerraform: "07d724012b247878",
  referenceResolve: "04e95cd69ef257c1",
} as const;

const PATCHED = Symbol.for("eks-pod-identity-tenants.skip-extra-resolve-passes");

type Resolve = (scope: unknown, obj: unknown, preparing?: boolean) => unknown;

interface StackLike {
  readonly node: { readonly id: string };
  readonly rawOverrides: Record<string, unknown>;
  ensureBackendExists(): unknown;
  toString(): string;
}

interface ResolveContext {
  readonly scope: unknown;
  readonly preparing: boolean;
}

interface ReferenceLike {
  readonly identifier: string;
  readonly originStack?: StackLike;
  readonly crossStackIdentifier: Record<string, string>;
  resolve(context: ResolveContext): unknown;
}

export interface Cdktf {
  readonly TerraformStack: { prototype: StackLike & { prepareStack(): void; toTerraform(): unknown }; of(scope: unknown): StackLike };
  readonly tokens: { resolve: Resolve };
  readonly referencePrototype: ReferenceLike;
  readonly isUnresolved: (value: unknown) => boolean;
}

export const sourceHash = (fn: unknown) => createHash("sha256").update(String(fn)).digest("hex").slice(0, 16);

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

/** Whether `value` holds a token anywhere: then the final resolve of toTerraform has work to do. */
function holdsTokens(value: unknown, isUnresolved: (v: unknown) => boolean): boolean {
  if (isUnresolved(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some((v) => holdsTokens(v, isUnresolved));
}

export class CrossStackReferenceError extends Error {}

/** Whether each function's source hashes to what the patch was written against. */
export function sourceMatches(found: Record<string, unknown>, expected: Record<string, string>): boolean {
  return Object.entries(expected).every(([name, hash]) => sourceHash(found[name]) === hash);
}

/**
 * Patches the engine's TerraformStack and Reference classes in this process. Returns true, or
 * why not: an engine whose functions differ from cdktf 0.21.0's (another version, CDK Terrain)
 * is left alone, and synth is then slower, never wrong.
 */
export function skipExtraResolvePasses(engine: Engine, cdktf: Cdktf | undefined = loadCdktf(engine)): true | string {
  if (!cdktf) return "not found";
  const stack = cdktf.TerraformStack.prototype;
  const ref = cdktf.referencePrototype;
  if ((stack as unknown as Record<symbol, unknown>)[PATCHED]) return true;
  if (!sourceMatches({ prepareStack: stack.prepareStack, toTerraform: stack.toTerraform, referenceResolve: ref.resolve }, EXPECTED_SOURCE_HASHES)) return "engine source differs";
  const { tokens, isUnresolved } = cdktf;
  const originalToTerraform = stack.toTerraform;
  const originalReferenceResolve = ref.resolve;

  stack.prepareStack = function prepareStack(this: StackLike): void {
    this.ensureBackendExists();
  };

  stack.toTerraform = function toTerraform(this: StackLike): unknown {
    if (holdsTokens(this.rawOverrides, isUnresolved)) return originalToTerraform.call(this);
    const resolve = tokens.resolve;
    const self = this;
    tokens.resolve = (scope, obj, preparing) => (scope === self && !preparing && isMergedTree(obj, self) ? obj : resolve(scope, obj, preparing));
    try {
      return originalToTerraform.call(this);
    } finally {
      tokens.resolve = resolve;
    }
  };

  ref.resolve = function resolve(this: ReferenceLike, context: ResolveContext): unknown {
    if (!context.preparing && this.originStack) {
      const here = cdktf.TerraformStack.of(context.scope);
      if (here !== this.originStack && this.crossStackIdentifier[here.toString()] === undefined) {
        throw new CrossStackReferenceError(
          `${here.node.id} refers to ${this.identifier} of stack ${this.originStack.node.id}: cross-stack references need cdktf's preparing resolve pass, which lib/runtime/skip-extra-resolve-passes.ts skips. Run main.js without the preload for such an app.`,
        );
      }
    }
    return originalReferenceResolve.call(this, context);
  };

  Object.defineProperty(stack, PATCHED, { value: true });
  return true;
}

/** The tree toTerraform built: its `"//"` entry carries this stack's metadata. */
function isMergedTree(obj: unknown, stack: StackLike): boolean {
  const meta = (obj as { "//"?: { metadata?: { stackName?: unknown } } } | null)?.["//"]?.metadata;
  return typeof meta === "object" && meta !== null && meta.stackName === stack.node.id;
}
