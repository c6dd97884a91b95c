/**
 * The part of a synthesized stack that the AWS provider alone can validate and plan, for the
 * real-terraform tests (terraform-plan.test.ts) and the plan benchmark (bench/plan-run.ts). These machines have only the AWS provider
 * (5.100.0) in their plugin mirror, so everything that belongs to another provider (kubernetes,
 * helm) goes, and with it whatever refers to what went. The provider gets stand-in settings that
 * send EKS calls to a server of the test's own.
 */

export type Json = Record<string, any>;

/** Arguments that provider 5.100 does not know: where a resource sets one, the resource cannot be planned with it. */
export const NEWER_THAN_MIRROR: Readonly<Record<string, ReadonlyArray<string>>> = {
  // Added by hashicorp/terraform-provider-aws PR #42979 (EKS Pod Identity cross-account, June 2025,
  // in the 6.x line); the 5.100.0 schema (`terraform providers schema -json`) has neither.
  // `policy` (the session policy): PR #48869, released in 6.57.1 (stacks/provider-versions.ts).
  aws_eks_pod_identity_association: ["target_role_arn", "disable_session_tags", "policy"],
};

export interface AwsPart {
  /** The stack as terraform JSON, ready for `terraform init -backend=false`. */
  readonly json: Json;
  /** Resources, data sources and outputs dropped because they belong to another provider or refer to something dropped, by address. */
  readonly dropped: string[];
  /** Resources dropped because they set an argument newer than the mirror's provider, with the arguments. */
  readonly notCheckable: Array<{ address: string; arguments: string[] }>;
}

export interface StandIn {
  readonly providerVersion: string;
  /** Endpoints for the provider, e.g. `{ eks: "http://127.0.0.1:1234" }`. */
  readonly endpoints: Readonly<Record<string, string>>;
}

/** Provider settings that are kept: they change what is planned. Everything else (account pins, assume_role, profiles) would reach AWS. */
const KEPT_PROVIDER_SETTINGS = ["region", "alias", "default_tags", "ignore_tags"];

function blocksOf(json: Json, kind: "resource" | "data"): Array<{ address: string; type: string; name: string; body: Json }> {
  const out: Array<{ address: string; type: string; name: string; body: Json }> = [];
  for (const [type, byName] of Object.entries((json[kind] ?? {}) as Json)) {
    for (const [name, body] of Object.entries(byName as Json)) {
      out.push({ address: `${kind === "data" ? "data." : ""}${type}.${name}`, type, name, body: body as Json });
    }
  }
  return out;
}

/**
 * Every address a block's text could refer to (`aws_x.y` or `data.aws_x.y`, inside `${...}` or a
 * longer expression): a name bounded by characters an address cannot hold, as Terraform reads
 * references. Looked up in a set, so that a stack of thousands of blocks is read once per pass.
 */
const ADDRESS = /(?<![A-Za-z0-9_.-])((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)(?![A-Za-z0-9_-])/g;

function referencesIn(body: Json, dropped: ReadonlySet<string>): string[] {
  const { depends_on: _dependsOn, ...rest } = body;
  const text = JSON.stringify(rest);
  if (!text.includes("${")) return [];
  return [...new Set([...text.matchAll(ADDRESS)].map((m) => m[1]!))].filter((a) => dropped.has(a));
}

/** The AWS part of one synthesized stack (its cdk.tf.json text). */
export function awsPart(stackJson: string, standIn: StandIn): AwsPart {
  const json = JSON.parse(stackJson) as Json;
  const dropped = new Set<string>();
  const notCheckable: Array<{ address: string; arguments: string[] }> = [];

  const all = [...blocksOf(json, "resource"), ...blocksOf(json, "data")];
  for (const b of all) {
    if (!b.type.startsWith("aws_")) dropped.add(b.address);
    const newer = (NEWER_THAN_MIRROR[b.type] ?? []).filter((arg) => b.body[arg] !== undefined);
    if (newer.length > 0) {
      dropped.add(b.address);
      notCheckable.push({ address: b.address, arguments: newer });
    }
  }
  // Whatever refers to something dropped goes too, until nothing more does.
  for (let changed = true; changed; ) {
    changed = false;
    for (const b of all) {
      if (!dropped.has(b.address) && referencesIn(b.body, dropped).length > 0) {
        dropped.add(b.address);
        changed = true;
      }
    }
  }

  const kept: Json = {};
  for (const kind of ["resource", "data"] as const) {
    const blocks = blocksOf(json, kind).filter((b) => !dropped.has(b.address));
    if (blocks.length === 0) continue;
    kept[kind] = {};
    for (const b of blocks) {
      const body = { ...b.body };
      if (Array.isArray(body.depends_on)) {
        body.depends_on = (body.depends_on as string[]).filter((d) => !dropped.has(d));
        if (body.depends_on.length === 0) delete body.depends_on;
      }
      (kept[kind][b.type] ??= {})[b.name] = body;
    }
  }

  const outputs: Json = {};
  for (const [name, out] of Object.entries((json.output ?? {}) as Json)) {
    if (referencesIn(out as Json, dropped).length > 0) dropped.add(`output.${name}`);
    else outputs[name] = out;
  }
  if (Object.keys(outputs).length > 0) kept.output = outputs;
  if (json.locals) kept.locals = json.locals;

  const providers = ([] as Json[]).concat(json.provider?.aws ?? []);
  kept.provider = {
    aws: providers.map((p) => ({
      ...Object.fromEntries(Object.entries(p).filter(([k]) => KEPT_PROVIDER_SETTINGS.includes(k))),
      access_key: "stand-in",
      secret_key: "stand-in",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      endpoints: [{ ...standIn.endpoints }],
    })),
  };
  // No backend: `terraform init -backend=false` keeps the state local to the test folder.
  kept.terraform = { required_providers: { aws: { source: "hashicorp/aws", version: standIn.providerVersion } } };

  return { json: kept, dropped: [...dropped].filter((a) => !notCheckable.some((n) => n.address === a)).sort(), notCheckable };
}
