/**
 * `npm run bindings`: writes the engine-neutral Kubernetes and Helm bindings under lib/bindings/
 * for exactly the providers and resources the stacks use (BINDINGS), from the provider schemas
 * that @cdktf/provider-kubernetes and @cdktf/provider-helm ship: their jsii assembly (`.jsii`, a
 * JSON file) describes every argument of every block, with its type, and links each one to its
 * Terraform Registry page, whose anchor is the Terraform argument name. No network: the
 * Terraform Registry is not needed, and neither is `cdktf get`.
 *
 * Why generate at all: npm has no `@cdktn/provider-kubernetes` or `@cdktn/provider-helm`, and the
 * `@cdktf` classes fail under CDK Terrain (lib/bindings/select.ts). The generated classes import
 * `cdktf`, which lib/runtime/engine.ts resolves to `cdktn` under CDK Terrain.
 *
 * For each binding it writes lib/bindings/generated/<provider>/<module>.ts (the class, its config
 * types and the table of Terraform names) and lib/bindings/<provider>/<module>.ts, which the
 * constructs import (the prebuilt class under CDKTF, else the generated one). A test keeps the
 * committed files equal to this generator's output.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseScriptArgs } from "../lib/commands/args";

export interface Binding {
  readonly provider: "kubernetes" | "helm";
  /** The module under the prebuilt package's lib/, e.g. service-account-v1. */
  readonly module: string;
  readonly className: string;
  readonly kind: "provider" | "resource";
}

/** What lib/constructs and stacks/ use (grep them for `lib/bindings/`); add a line to bind more. */
export const BINDINGS: ReadonlyArray<Binding> = [
  { provider: "kubernetes", module: "provider", className: "KubernetesProvider", kind: "provider" },
  { provider: "kubernetes", module: "namespace-v1", className: "NamespaceV1", kind: "resource" },
  { provider: "kubernetes", module: "service-account-v1", className: "ServiceAccountV1", kind: "resource" },
  { provider: "kubernetes", module: "job-v1", className: "JobV1", kind: "resource" },
  { provider: "helm", module: "provider", className: "HelmProvider", kind: "provider" },
  { provider: "helm", module: "release", className: "Release", kind: "resource" },
];

interface JsiiType {
  readonly primitive?: string;
  readonly fqn?: string;
  readonly collection?: { readonly kind: "array" | "map"; readonly elementtype: JsiiType };
  readonly union?: { readonly types: ReadonlyArray<JsiiType> };
}
interface JsiiProperty {
  readonly name: string;
  readonly optional?: boolean;
  readonly docs?: unknown;
  readonly type: JsiiType;
}
interface JsiiInterface {
  readonly name: string;
  readonly docs?: unknown;
  readonly properties?: ReadonlyArray<JsiiProperty>;
}
interface Assembly {
  readonly name: string;
  readonly types: Readonly<Record<string, JsiiInterface>>;
}

const RESOLVABLE = "cdktf.IResolvable";

export function readAssembly(provider: string): Assembly {
  const dir = dirname(require.resolve(`@cdktf/provider-${provider}/package.json`));
  return JSON.parse(readFileSync(join(dir, ".jsii"), "utf8")) as Assembly;
}

function camelNamespace(module: string): string {
  return module.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The Terraform name: the anchor of the property's Terraform Registry link, else its snake_case. */
export function terraformName(property: JsiiProperty): string {
  const anchor = /registry\.terraform\.io\/[^\s#"]+#([a-z0-9_]+) /.exec(JSON.stringify(property.docs ?? {}));
  return anchor ? anchor[1]! : snake(property.name);
}

/** The struct a property nests, and whether it is a list of them. */
function nested(type: JsiiType): { fqn: string; list: boolean } | undefined {
  if (type.fqn && type.fqn !== RESOLVABLE) return { fqn: type.fqn, list: false };
  const inner = type.union?.types.find((t) => t.collection?.kind === "array" && t.collection.elementtype.fqn);
  return inner ? { fqn: inner.collection!.elementtype.fqn!, list: true } : undefined;
}

function tsType(type: JsiiType, local: (fqn: string) => string): string {
  if (type.primitive) return { string: "string", number: "number", boolean: "boolean", any: "any", json: "{ [key: string]: any }" }[type.primitive] ?? "unknown";
  if (type.fqn === RESOLVABLE) return "IResolvable";
  if (type.fqn) return local(type.fqn);
  if (type.union) return type.union.types.map((t) => tsType(t, local)).join(" | ");
  const element = tsType(type.collection!.elementtype, local);
  const wrapped = element.includes("|") ? `(${element})` : element;
  return type.collection!.kind === "array" ? `${wrapped}[]` : `{ [key: string]: ${element} }`;
}

/** The structs nested under `root`, each before any struct that nests it. Schemas are trees. */
function structsUnder(assembly: Assembly, root: string): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (fqn: string): void => {
    if (order.includes(fqn)) return;
    if (visiting.has(fqn)) throw new Error(`${fqn} nests itself; a Terraform schema cannot`);
    visiting.add(fqn);
    for (const p of struct(assembly, fqn).properties ?? []) {
      const n = nested(p.type);
      if (n) visit(n.fqn);
    }
    visiting.delete(fqn);
    order.push(fqn);
  };
  visit(root);
  return order;
}

function struct(assembly: Assembly, fqn: string): JsiiInterface {
  const t = assembly.types[fqn];
  if (!t) throw new Error(`${assembly.name} has no type ${fqn}`);
  return t;
}

function lowerFirst(name: string): string {
  return name[0]!.toLowerCase() + name.slice(1);
}

function renderStruct(assembly: Assembly, fqn: string, isConfig: boolean, kind: Binding["kind"]): string {
  const t = struct(assembly, fqn);
  const local = (f: string): string => struct(assembly, f).name;
  const props = t.properties ?? [];
  const heading = isConfig && kind === "resource" ? `export interface ${t.name} extends TerraformMetaArguments {` : `export interface ${t.name} {`;
  const members = props.map((p) => `  readonly ${p.name}${p.optional ? "?" : ""}: ${tsType(p.type, local)};`);
  const fields = props.map((p) => {
    const n = nested(p.type);
    const tf = JSON.stringify(terraformName(p));
    return n ? `  ${p.name}: { tf: ${tf}, ${n.list ? "many" : "one"}: ${lowerFirst(local(n.fqn))}Fields },` : `  ${p.name}: ${tf},`;
  });
  return [heading, ...members, "}", "", `const ${lowerFirst(t.name)}Fields: Fields = {`, ...fields, "};", ""].join("\n");
}

/** The Terraform type the class represents, from its Registry link (e.g. kubernetes_job_v1). */
function resourceType(assembly: Assembly, fqn: string): string {
  const m = /registry\.terraform\.io\/[^\s"]+ ([a-z0-9_]+)\}/.exec(JSON.stringify(struct(assembly, fqn).docs ?? {}));
  if (!m) throw new Error(`${fqn}: no Terraform Registry link to take the resource type from`);
  return m[1]!;
}

/** The provider release the prebuilt bindings were generated from (their package.json). */
export function providerVersion(provider: string): string {
  const manifest = require(`@cdktf/provider-${provider}/package.json`) as { cdktf: { provider: { version: string } } };
  return manifest.cdktf.provider.version;
}

function renderClass(b: Binding, configName: string, type: string, version: string): string {
  const metadata = `terraformGeneratorMetadata: { providerName: ${JSON.stringify(b.provider)}, providerVersion: ${JSON.stringify(version)} }`;
  if (b.kind === "provider") {
    return `export class ${b.className} extends TerraformProvider {
  static readonly tfResourceType = ${JSON.stringify(type)};
  private providerAlias?: string;

  constructor(scope: Construct, id: string, private readonly bindingConfig: ${configName} = {}) {
    super(scope, id, { terraformResourceType: ${JSON.stringify(type)}, ${metadata}, terraformProviderSource: ${JSON.stringify(b.provider)} });
    this.providerAlias = bindingConfig.alias;
  }

  override get alias(): string | undefined {
    return this.providerAlias;
  }

  override set alias(value: string | undefined) {
    this.providerAlias = value;
  }

  protected override synthesizeAttributes(): { [name: string]: any } {
    return attributesToTerraform(${lowerFirst(configName)}Fields, { ...this.bindingConfig, alias: this.providerAlias }, false);
  }
}
`;
  }
  return `export class ${b.className} extends TerraformResource {
  static readonly tfResourceType = ${JSON.stringify(type)};

  constructor(scope: Construct, id: string, private readonly bindingConfig: ${configName}) {
    super(scope, id, {
      terraformResourceType: ${JSON.stringify(type)},
      ${metadata},
      provider: bindingConfig.provider,
      dependsOn: bindingConfig.dependsOn,
      count: bindingConfig.count,
      lifecycle: bindingConfig.lifecycle,
      provisioners: bindingConfig.provisioners,
      connection: bindingConfig.connection,
      forEach: bindingConfig.forEach,
    });
  }

  protected override synthesizeAttributes(): { [name: string]: any } {
    return attributesToTerraform(${lowerFirst(configName)}Fields, this.bindingConfig, true);
  }
}
`;
}

const NOTICE = "// Generated by scripts/gen-bindings.ts (npm run bindings) from";

/** lib/bindings/generated/<provider>/<module>.ts. */
export function renderGenerated(assembly: Assembly, b: Binding, version: string): string {
  const prefix = `${assembly.name}.${b.module === "provider" ? "provider" : camelNamespace(b.module)}.${b.className}`;
  const config = `${prefix}Config`;
  const base = b.kind === "provider" ? "TerraformProvider" : "TerraformResource, type TerraformMetaArguments";
  const structs = structsUnder(assembly, config);
  const usesResolvable = structs.some((f) => (struct(assembly, f).properties ?? []).some((p) => JSON.stringify(p.type).includes(RESOLVABLE)));
  return [
    `${NOTICE} ${assembly.name} ${version}'s schema; do not edit.`,
    `import { ${base}${usesResolvable ? ", type IResolvable" : ""} } from "cdktf";`,
    'import type { Construct } from "constructs";',
    'import { attributesToTerraform, type Fields } from "../../to-terraform";',
    "",
    ...structs.map((f) => renderStruct(assembly, f, f === config, b.kind)),
    renderClass(b, struct(assembly, config).name, resourceType(assembly, prefix), version),
  ].join("\n");
}

/** lib/bindings/<provider>/<module>.ts: the class the constructs import, under either engine. */
export function renderSelector(b: Binding, version: string): string {
  const generated = `../generated/${b.provider}/${b.module}`;
  const prebuilt = `@cdktf/provider-${b.provider}/lib/${b.module}`;
  return `${NOTICE} @cdktf/provider-${b.provider} ${version}'s schema; do not edit.
// ${b.className}: the prebuilt ${prebuilt} under CDKTF when installed, else the generated one
// (lib/bindings/select.ts says why). The generated module loads only when it is the one used.
import { bindingClass } from "../select";
import type * as generated from "${generated}";

export type { ${b.className}Config } from "${generated}";
export type ${b.className} = generated.${b.className};
export const ${b.className}: typeof generated.${b.className} = bindingClass(${JSON.stringify(prebuilt)}, ${JSON.stringify(b.className)}, () => (require("${generated}") as typeof generated).${b.className});
`;
}

/** Every file the generator writes, by path from the repository root. */
export function generateBindings(): Map<string, string> {
  const files = new Map<string, string>();
  const assemblies = new Map<string, Assembly>();
  for (const b of BINDINGS) {
    const assembly = assemblies.get(b.provider) ?? readAssembly(b.provider);
    assemblies.set(b.provider, assembly);
    const version = providerVersion(b.provider);
    files.set(`lib/bindings/generated/${b.provider}/${b.module}.ts`, renderGenerated(assembly, b, version));
    files.set(`lib/bindings/${b.provider}/${b.module}.ts`, renderSelector(b, version));
  }
  return files;
}

const USAGE = "usage: npm run bindings";
const HELP = `${USAGE}

Rewrites the Kubernetes and Helm bindings under lib/bindings/ from the schemas in the installed
@cdktf/provider-kubernetes and @cdktf/provider-helm (their .jsii files), without the network.
Run it after updating those packages or after adding a binding to BINDINGS in
scripts/gen-bindings.ts; a test fails while the committed files differ.
  -h, --help  this text
Exit codes: 0 written; 2 usage.
`;

const args = require.main === module ? parseScriptArgs({ usage: USAGE, help: HELP }, process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (l) => process.stderr.write(`${l}\n`) }) : 0;
if (typeof args === "number" && require.main === module) process.exitCode = args;
else if (require.main === module) {
  // dist/scripts/gen-bindings.js: the repository root is two folders up.
  const root = join(__dirname, "..", "..");
  for (const [path, text] of generateBindings()) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    process.stdout.write(`wrote ${path}\n`);
  }
}
