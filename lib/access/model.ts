/**
 * The access review's model: who may do what, per cluster. It is read from the stacks that
 * synthesis builds (the same `buildStacks`, synthesized in memory, nothing written), so the
 * report shows the policy documents exactly as Terraform will send them to IAM.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, TerraformElement, type TerraformStack } from "cdktf";
import { resolve as resolveTokens } from "cdktf/lib/_tokens";
import { invokeAspects } from "cdktf/lib/synthesize/synthesizer";
import { deployRoleFor } from "../plan/deploy-role";
import { knownAddon } from "../aws/known-addons";
import { ownEntry, ownValue, setOwn } from "../diagnostics/own-keys";
import { regionPartition as partitionOf } from "../aws/region-rules";
import { eksClusterArn } from "../aws/arn";
import type { Cluster, Config } from "../schema/schema";
import { isEveryResource, lintManagedPolicy, lintStatementActions } from "../policy/lint";
import { SCOPE_CONDITION_KEYS } from "../policy/trust";
import { SESSION_TAGS } from "../policy/abac";
import type { AddonIdentity } from "../constructs/addon-identity";
import type { ControllerIdentity } from "../constructs/controller-identity";
import type { SharedRole } from "../constructs/shared-role";
import type { TenantIdentity } from "../constructs/tenant-identity";
import { CROSS_ACCOUNT_SID } from "../policy/permissions";
import type { IamStatement } from "../policy/managed-policy-lint";
import type { Permission, StatementSource } from "./permission";
import { permissionOfStatement, readManagedPolicy, type ManagedDocument, type ManagedPolicyRef } from "./managed-documents";
import { block, literal, referenceOf, type Reference, type StackJson } from "./terraform-json";

export type IdentityKind = "tenant" | "sharedRole" | "addon" | "controller";
/** The order kinds are listed in, within a cluster. */
export const IDENTITY_KINDS: ReadonlyArray<IdentityKind> = ["tenant", "sharedRole", "addon", "controller"];

/** An account ID known only to Terraform (data.aws_caller_identity): the cluster does not pin one. */
export const ACCOUNT_PLACEHOLDER = "${account}";

export type { Permission, StatementSource } from "./permission";

/** Who may assume a role, as its trust policy says. */
export interface TrustScopeView {
  /** The principals of its statements, sorted: pods.eks.amazonaws.com, or an OIDC provider for IRSA. */
  readonly principals: ReadonlyArray<string>;
  /** `namespace/serviceAccount` pairs its conditions admit, sorted; IRSA pairs end with " (IRSA)". */
  readonly serviceAccounts: ReadonlyArray<string>;
  /** Some statement admits any association that names the role, or any service account of the OIDC provider. */
  readonly unscoped: boolean;
}

export interface Identity {
  readonly cluster: string;
  readonly kind: IdentityKind;
  readonly name: string;
  /** Null for a shared role itself (its members have their own) and for an add-on whose namespace EKS picks. */
  readonly namespace: string | null;
  readonly serviceAccount: string | null;
  /** The IAM role's name. */
  readonly role: string;
  /** For members of a shared role: its name. */
  readonly sharedRole: string | null;
  /** Cross-account: the role EKS assumes with `role` and hands to the pods. */
  readonly targetRoleArn: string | null;
  /** One line: who the role's trust policy lets in. */
  readonly trust: string;
  /** Who the trust policy lets in, for comparing: a wider trust is a gain. */
  readonly trustScope: TrustScopeView;
  readonly managedPolicyArns: ReadonlyArray<string>;
  /** The managed policies, each read (its default version) or said why not; their statements are the report's `managedPolicyDocuments`. */
  readonly managedPolicies: ReadonlyArray<ManagedPolicyRef>;
  /** The permissions boundary, which caps what the role's policies can allow; null for none. */
  readonly permissionsBoundary: ManagedPolicyRef | null;
  /**
   * The statements of the role's inline policies and of the policies the stack creates for it;
   * for members of a shared role, with its session tags filled in.
   */
  readonly permissions: ReadonlyArray<Permission>;
  /**
   * Only for an association with a session policy (its `policy`): the statements of that policy.
   * The pods' effective permissions are `permissions` narrowed by it: a request is allowed only
   * when both allow it (IAM user guide, policy evaluation with session policies:
   * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies.html#policies_session).
   */
  readonly sessionPolicy?: ReadonlyArray<Permission>;
  /** The least-privilege lint's warnings about this identity's policies. */
  readonly flags: ReadonlyArray<string>;
}

/** One stack and the role Terraform deploys it with (lib/plan/deploy-role.ts). */
export interface StackDeployRole {
  readonly stack: string;
  readonly cluster: string;
  /** Null: the ambient credentials of whoever runs Terraform. */
  readonly deployRoleArn: string | null;
}

export interface AccessSummary {
  readonly identities: number;
  readonly flagged: number;
  /** AWS managed policies (and boundaries) read from their documents, each counted once. */
  readonly managedPoliciesRead: number;
  /** Customer managed policies and others whose documents cannot be read offline: they are not nothing. */
  readonly managedPoliciesNotRead: number;
}

export interface AccessReport {
  readonly summary?: AccessSummary;
  readonly identities: ReadonlyArray<Identity>;
  /** The documents read, by ARN: each identity's managed policies and boundary, expanded once. */
  readonly managedPolicyDocuments?: Readonly<Record<string, ManagedDocument>>;
  /** Every stack, in build order; absent from reports made by hand. */
  readonly stacks?: ReadonlyArray<StackDeployRole>;
}

/** What the review reads of a cluster's base stack (stacks/cluster-stack.ts): every identity, by name. */
export interface BaseStackView extends TerraformStack {
  readonly tenants: ReadonlyMap<string, TenantIdentity>;
  readonly sharedRoles: ReadonlyMap<string, SharedRole>;
  readonly controllers: ReadonlyMap<string, ControllerIdentity>;
  readonly addons: ReadonlyMap<string, AddonIdentity>;
}

/** What the review reads of a group stack (stacks/group-stack.ts): its cluster and its tenants. */
export interface GroupStackView extends TerraformStack {
  readonly cluster: Cluster;
  readonly tenants: ReadonlyMap<string, TenantIdentity>;
}

export type ReviewedStack = BaseStackView | GroupStackView;

/**
 * Builds a file's stacks into `app` as synthesis does: stacks/build-stacks.ts, passed in by
 * bin/access.ts, since lib/ does not import the stacks that are built from it.
 */
export type StackBuilder = (app: App, config: Config) => ReadonlyArray<ReviewedStack>;

/** A group stack holds tenants only: shared roles, controllers and add-ons stay in the base stack. */
function isGroupStack(stack: ReviewedStack): stack is GroupStackView {
  return !("sharedRoles" in stack);
}

/**
 * Builds the stacks as synthesis does and reads the report from their Terraform JSON. The
 * command (bin/access.ts) preloads the app's speed patches; the library leaves cdktf as it is.
 */
export async function accessReport(config: Config, build: StackBuilder): Promise<AccessReport> {
  // An App writes its files only in synth(), which is never called here, but its constructor
  // makes <outdir>/stacks: a temporary one, removed again, so the caller's cdktf.out is untouched.
  const outdir = mkdtempSync(join(tmpdir(), "access-review-"));
  try {
    const app = new App({ outdir, skipValidation: true });
    const stacks = build(app, config);
    const identities: Identity[] = [];
    const deployRoles: StackDeployRole[] = [];
    const sids = new Set([...config.tenants, ...config.sharedRoles].flatMap((o) => o.statements.flatMap((st) => (st.sid === undefined ? [] : [st.sid]))));
    for (const stack of stacks) {
      // A group stack (tenants[].stack) holds tenants of its cluster; the base stack is named after it.
      const cluster = isGroupStack(stack) ? stack.cluster : config.clusters.find((c) => c.name === stack.node.id)!;
      identities.push(...(await stackIdentities(stack, cluster, sids)));
      deployRoles.push({ stack: stack.node.id, cluster: cluster.name, deployRoleArn: deployRoleFor(config, cluster)?.roleArn ?? null });
    }
    return withDocuments(identities, deployRoles);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The report with its summary and the documents of the managed policies its identities name. */
export function withDocuments(identities: Identity[], stacks?: StackDeployRole[]): AccessReport {
  const documents: Record<string, ManagedDocument> = {};
  const notRead = new Set<string>();
  for (const i of identities) {
    for (const ref of [...i.managedPolicies, ...(i.permissionsBoundary ? [i.permissionsBoundary] : [])]) {
      if (ref.notRead !== undefined) notRead.add(ref.arn);
      else if (!Object.prototype.hasOwnProperty.call(documents, ref.arn)) setOwn(documents, ref.arn, readManagedPolicy(ref.arn).document!);
    }
  }
  const sorted = Object.fromEntries(Object.keys(documents).sort().map((k) => [k, documents[k]!]));
  const summary = { identities: identities.length, flagged: identities.filter((i) => i.flags.length > 0).length, managedPoliciesRead: Object.keys(sorted).length, managedPoliciesNotRead: notRead.size };
  return { summary, identities, managedPolicyDocuments: sorted, ...(stacks ? { stacks } : {}) };
}

/**
 * The Terraform types the review reads: roles and their policies, the documents and data
 * sources those refer to, and what binds a role to a service account.
 */
const REVIEWED_TYPES: ReadonlySet<string> = new Set([
  "aws_iam_role",
  "aws_iam_role_policy",
  "aws_iam_role_policy_attachment",
  "aws_iam_policy",
  "aws_iam_policy_document",
  "aws_eks_pod_identity_association",
  "aws_eks_addon",
  "aws_eks_cluster",
  "aws_caller_identity",
  "aws_partition",
  "aws_region",
]);

/**
 * The synthesized JSON of one stack's reviewed blocks, without writing it. Each block is what
 * `TerraformStack.toTerraform()` makes of it (the element's own toTerraform, resolved in the
 * stack), so the JSON is exactly that of cdk.tf.json; the blocks the review never reads
 * (namespaces, service accounts, outputs, providers, the agent) are skipped, which saves about
 * half of the resolving at 1,000 tenants (docs/benchmarks.md).
 */
export function stackJson(stack: TerraformStack): StackJson {
  invokeAspects(stack);
  const out: { resource: Record<string, Record<string, Record<string, unknown>>>; data: Record<string, Record<string, Record<string, unknown>>> } = { resource: {}, data: {} };
  for (const element of stack.node.findAll()) {
    if (!TerraformElement.isTerraformElement(element)) continue;
    const type = (element as { terraformResourceType?: unknown }).terraformResourceType;
    if (typeof type !== "string" || !REVIEWED_TYPES.has(type)) continue;
    const fragment = resolveTokens(stack, element.toTerraform()) as StackJson;
    for (const kind of ["resource", "data"] as const) {
      for (const [t, blocks] of Object.entries(fragment[kind] ?? {})) Object.assign((out[kind][t] ??= {}), blocks);
    }
  }
  return out;
}

/** A construct whose pods get `role` through `association`: TenantIdentity, and ControllerIdentity alike. */
interface AssociatedConstruct {
  readonly association: { readonly friendlyUniqueId: string };
  readonly role: { readonly friendlyUniqueId: string };
}

interface RoleFacts {
  readonly name: string;
  readonly trust: TrustScope;
  readonly managedPolicyArns: string[];
  readonly boundary: string | null;
  readonly permissions: SidPermission[];
}

/** A statement as the stack writes it, its Sid still beside it. */
type SidPermission = Permission & { readonly sid?: string };

/**
 * Where an inline statement comes from, by its Sid (lib/policy/permissions.ts): the cross-account
 * one has its own; a raw statement has the Sid it was given or `Statement<digest>`
 * (lib/policy/statements.ts); every other Sid of a tenant's or shared role's policy is a grant's.
 */
function sourceOf(kind: IdentityKind, sid: string | undefined, statementSids: ReadonlySet<string>): StatementSource {
  const withSid = sid === undefined ? {} : { sid };
  if (kind === "controller") return { kind: "controllerPolicy", ...withSid };
  if (sid === CROSS_ACCOUNT_SID) return { kind: "targetRole", ...withSid };
  if (sid === undefined || statementSids.has(sid) || /^Statement[0-9a-f]{8}$/.test(sid)) return { kind: "statement", ...withSid };
  return { kind: "grant", ...withSid };
}

/** Each role's inline policies and attached policy ARNs, by the role's logical ID, in one pass. */
function byRole(json: StackJson, type: string, value: (r: Record<string, unknown>) => unknown): Map<string, unknown[]> {
  const map = new Map<string, unknown[]>();
  for (const r of Object.values(json.resource?.[type] ?? {})) {
    const role = referenceOf(r.role);
    if (role?.type !== "aws_iam_role") continue;
    const list = map.get(role.name) ?? [];
    list.push(value(r));
    map.set(role.name, list);
  }
  return map;
}

/** One stack's JSON, read for the review: strings resolved against the cluster, each role's facts read once. */
class StackReader {
  readonly text: (v: unknown) => string | undefined;
  readonly clusterArn: string;
  private readonly partition: string;
  private readonly account: string;
  private readonly inline: Map<string, unknown[]>;
  private readonly attached: Map<string, unknown[]>;
  private readonly roles = new Map<string, RoleFacts>();

  constructor(
    readonly json: StackJson,
    readonly cluster: Cluster,
  ) {
    this.partition = partitionOf(cluster.region);
    this.account = cluster.accountId ?? ACCOUNT_PLACEHOLDER;
    this.clusterArn = this.eksArn(cluster.name);
    this.text = (v) => literal(v, (ref) => this.resolveData(ref));
    this.inline = byRole(json, "aws_iam_role_policy", (r) => r.policy);
    this.attached = byRole(json, "aws_iam_role_policy_attachment", (r) => r.policy_arn);
  }

  private eksArn(clusterName: string): string {
    return eksClusterArn({ partition: this.partition, region: this.cluster.region, accountId: this.account, clusterName });
  }

  /** What the data sources the stacks read answer, as far as the file knows it. */
  private resolveData(ref: Reference): string | undefined {
    if (!ref.data) return undefined;
    if (ref.type === "aws_caller_identity" && ref.attribute === "account_id") return this.account;
    if (ref.type === "aws_partition" && ref.attribute === "partition") return this.partition;
    if (ref.type === "aws_region" && (ref.attribute === "region" || ref.attribute === "name")) return this.cluster.region;
    if (ref.type === "aws_eks_cluster" && ref.attribute === "arn") {
      const name = literal(block(this.json, ref)?.name);
      return name === undefined ? undefined : this.eksArn(name);
    }
    return undefined;
  }

  /** A policy's statements: a policy document data source, a policy this stack creates, or JSON. */
  documentStatements(policy: unknown): SidPermission[] {
    const ref = referenceOf(policy);
    if (ref?.type === "aws_iam_policy_document") return permissionsOf(block(this.json, ref)?.statement, this.text);
    if (ref?.type === "aws_iam_policy" && !ref.data) return this.documentStatements(block(this.json, ref)?.policy);
    const s = this.text(policy);
    return s === undefined ? [] : permissionsOfIamJson(s);
  }

  roleFacts(roleId: string): RoleFacts {
    const known = this.roles.get(roleId);
    if (known) return known;
    const role = this.json.resource?.aws_iam_role?.[roleId] ?? {};
    const trustRef = referenceOf(role.assume_role_policy);
    const managed: string[] = [];
    const permissions = (this.inline.get(roleId) ?? []).flatMap((p) => this.documentStatements(p));
    for (const arn of this.attached.get(roleId) ?? []) {
      // A policy this stack creates has no ARN before apply: its statements are the role's.
      if (referenceOf(arn)?.type === "aws_iam_policy") permissions.push(...this.documentStatements(arn));
      else managed.push(this.text(arn) ?? String(arn));
    }
    const facts = {
      name: this.text(role.name) ?? roleId,
      trust: trustScope(trustRef ? block(this.json, trustRef)?.statement : undefined, this.text),
      managedPolicyArns: managed.sort(),
      boundary: this.text(role.permissions_boundary) ?? null,
      permissions,
    };
    this.roles.set(roleId, facts);
    return facts;
  }
}

/** An identity before its flags: what every kind shares, from its role's facts. */
function identityOfRole(reader: StackReader, kind: IdentityKind, name: string, roleId: string, statementSids: ReadonlySet<string>) {
  const facts = reader.roleFacts(roleId);
  return {
    cluster: reader.cluster.name,
    kind,
    name,
    namespace: null as string | null,
    serviceAccount: null as string | null,
    role: facts.name,
    sharedRole: null as string | null,
    targetRoleArn: null as string | null,
    trust: describeTrust(facts.trust, reader.cluster.name),
    trustScope: trustView(facts.trust),
    managedPolicyArns: facts.managedPolicyArns,
    managedPolicies: facts.managedPolicyArns.map((arn) => readManagedPolicy(arn).ref),
    permissionsBoundary: facts.boundary === null ? null : readManagedPolicy(facts.boundary).ref,
    permissions: facts.permissions.map(({ sid, ...p }): Permission => ({ ...p, source: sourceOf(kind, sid, statementSids) })),
    sessionPolicy: undefined as ReadonlyArray<Permission> | undefined,
  };
}

type UnflaggedIdentity = ReturnType<typeof identityOfRole>;

/**
 * A tenant or controller, bound by its `aws_eks_pod_identity_association`. A member of a shared
 * role gets the role's trust and permissions as its own session tags fill them in.
 */
function associatedIdentity(reader: StackReader, kind: IdentityKind, name: string, owner: AssociatedConstruct, sharedByRole: ReadonlyMap<string, string>, statementSids: ReadonlySet<string>): UnflaggedIdentity {
  const a = reader.json.resource?.aws_eks_pod_identity_association?.[owner.association.friendlyUniqueId] ?? {};
  const roleId = referenceOf(a.role_arn)?.name ?? owner.role.friendlyUniqueId;
  const namespace = reader.text(a.namespace) ?? null;
  const serviceAccount = reader.text(a.service_account) ?? null;
  const policy = reader.text(a.policy);
  const identity = {
    ...identityOfRole(reader, kind, name, roleId, statementSids),
    namespace,
    serviceAccount,
    targetRoleArn: reader.text(a.target_role_arn) ?? null,
    sessionPolicy: policy === undefined ? undefined : permissionsOfIamJson(policy).map(({ sid, ...p }): Permission => ({ ...p, source: { kind: "sessionPolicy", ...(sid === undefined ? {} : { sid }) } })),
  };
  const sharedRole = sharedByRole.get(roleId);
  if (sharedRole === undefined) return identity;
  const member = `${namespace}/${serviceAccount}`;
  const trust = reader.roleFacts(roleId).trust;
  const values = { namespace, serviceAccount, clusterName: reader.cluster.name, clusterArn: reader.clusterArn };
  return { ...identity, sharedRole, trust: describeTrust(trust, reader.cluster.name, member), trustScope: memberView(trust, member), permissions: identity.permissions.map((p) => fillSessionTags(p, values)) };
}

/** An add-on, bound by the add-on's own `pod_identity_association`. */
function addonIdentity(reader: StackReader, name: string, addon: AddonIdentity, statementSids: ReadonlySet<string>): UnflaggedIdentity {
  const a = reader.json.resource?.aws_eks_addon?.[addon.addon.friendlyUniqueId] ?? {};
  const association = (Array.isArray(a.pod_identity_association) ? a.pod_identity_association[0] : undefined) as Record<string, unknown> | undefined;
  const roleId = referenceOf(association?.role_arn)?.name ?? addon.role.friendlyUniqueId;
  // EKS installs the add-on into its own namespace; it is known for the documented add-ons.
  return { ...identityOfRole(reader, "addon", name, roleId, statementSids), namespace: knownAddon(name)?.namespace ?? null, serviceAccount: reader.text(association?.service_account) ?? null };
}

/** The identity with its flags, its keys in the order the report documents them. */
async function flagged(i: UnflaggedIdentity): Promise<Identity> {
  return {
    cluster: i.cluster,
    kind: i.kind,
    name: i.name,
    namespace: i.namespace,
    serviceAccount: i.serviceAccount,
    role: i.role,
    sharedRole: i.sharedRole,
    targetRoleArn: i.targetRoleArn,
    trust: i.trust,
    trustScope: i.trustScope,
    managedPolicyArns: i.managedPolicyArns,
    managedPolicies: i.managedPolicies,
    permissionsBoundary: i.permissionsBoundary,
    permissions: i.permissions,
    ...(i.sessionPolicy !== undefined ? { sessionPolicy: i.sessionPolicy } : {}),
    flags: await flagsOf(i),
  };
}

/** The identities of one cluster's stack, in kind order and then by name. */
export async function stackIdentities(stack: ReviewedStack, cluster: Cluster, statementSids: ReadonlySet<string> = new Set()): Promise<Identity[]> {
  const reader = new StackReader(stackJson(stack), cluster);
  const clusterWide = isGroupStack(stack) ? undefined : stack;
  const out: UnflaggedIdentity[] = [];
  const sharedByRole = new Map<string, string>();
  for (const [name, shared] of clusterWide?.sharedRoles ?? []) {
    sharedByRole.set(shared.role.friendlyUniqueId, name);
    out.push(identityOfRole(reader, "sharedRole", name, shared.role.friendlyUniqueId, statementSids));
  }
  const associated: Array<[IdentityKind, string, AssociatedConstruct]> = [
    ...[...stack.tenants].map(([name, t]): [IdentityKind, string, AssociatedConstruct] => ["tenant", name, t]),
    ...[...(clusterWide?.controllers ?? [])].map(([name, c]): [IdentityKind, string, AssociatedConstruct] => ["controller", name, c]),
  ];
  for (const [kind, name, owner] of associated) out.push(associatedIdentity(reader, kind, name, owner, sharedByRole, statementSids));
  for (const [name, addon] of clusterWide?.addons ?? []) out.push(addonIdentity(reader, name, addon, statementSids));

  // A binding of a kind this file does not read yet would be an identity missing from the
  // review, which must never look complete when it is not.
  const seen = new Set(associated.map(([, , owner]) => owner.association.friendlyUniqueId));
  const unread = Object.keys(reader.json.resource?.aws_eks_pod_identity_association ?? {}).filter((id) => !seen.has(id));
  if (unread.length > 0) throw new Error(`the access review does not know whose Pod Identity association ${unread.join(", ")} of stack ${cluster.name} is; lib/access/model.ts must read its kind`);

  const identities = await Promise.all(out.map(flagged));
  return identities.sort((a, b) => IDENTITY_KINDS.indexOf(a.kind) - IDENTITY_KINDS.indexOf(b.kind) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** `data.aws_iam_policy_document` statements as permissions, strings resolved. */
function permissionsOf(statements: unknown, text: (v: unknown) => string | undefined): SidPermission[] {
  if (!Array.isArray(statements)) return [];
  return statements.map((s: Record<string, unknown>): SidPermission => {
    const conditions: Record<string, Record<string, string[]>> = {};
    for (const c of (s.condition as Array<Record<string, unknown>> | undefined) ?? []) {
      const test = String(c.test);
      setOwn(ownEntry(conditions, test, () => ({})), text(c.variable) ?? String(c.variable), ((c.values as unknown[]) ?? []).map((v) => text(v) ?? String(v)));
    }
    return {
      effect: s.effect === "Deny" ? "Deny" : "Allow",
      actions: ((s.actions as unknown[]) ?? []).map(String),
      resources: ((s.resources as unknown[]) ?? []).map((r) => text(r) ?? String(r)),
      ...(Array.isArray(s.not_actions) ? { notActions: s.not_actions.map(String) } : {}),
      ...(Array.isArray(s.not_resources) ? { notResources: s.not_resources.map((r) => text(r) ?? String(r)) } : {}),
      conditions,
      ...(typeof s.sid === "string" ? { sid: text(s.sid) ?? s.sid } : {}),
    };
  });
}

/** A policy given as IAM JSON text rather than a document data source. */
function permissionsOfIamJson(json: string): SidPermission[] {
  let doc: { Statement?: unknown };
  try {
    doc = JSON.parse(json) as { Statement?: unknown };
  } catch {
    return [];
  }
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : []) as IamStatement[];
  return statements.map((s) => ({ ...permissionOfStatement(s, undefined), ...(s.Sid ? { sid: s.Sid } : {}) }));
}

interface TrustScope {
  readonly principals: string;
  readonly principalList: ReadonlyArray<string>;
  /** `namespace/serviceAccount` pairs the session-tag conditions admit, sorted. */
  readonly pairs: ReadonlyArray<string>;
  /** A statement admits any association that names the role. */
  readonly open: boolean;
}

/** IRSA's subject for a service account (EKS user guide, associate-service-account-role). */
const IRSA_SUBJECT = /^system:serviceaccount:([^:]+):([^:]+)$/;

/**
 * Who a trust policy lets in: its principals, and the pairs its conditions admit: the session
 * tags of Pod Identity, or the `<issuer>:sub` of an IRSA (web identity) statement.
 */
function trustScope(statements: unknown, text: (v: unknown) => string | undefined): TrustScope {
  const principals = new Set<string>();
  const pairs: string[] = [];
  let open = false;
  for (const s of Array.isArray(statements) ? (statements as Array<Record<string, unknown>>) : []) {
    let federated = false;
    for (const p of (s.principals as Array<Record<string, unknown>> | undefined) ?? []) {
      if (p.type === "Federated") federated = true;
      for (const id of (p.identifiers as unknown[]) ?? []) principals.add(text(id) ?? String(id));
    }
    const equals = new Map<string, string[]>();
    for (const c of (s.condition as Array<Record<string, unknown>> | undefined) ?? []) {
      if (c.test === "StringEquals") equals.set(text(c.variable) ?? String(c.variable), ((c.values as unknown[]) ?? []).map((v) => text(v) ?? String(v)));
    }
    if (federated) {
      const subjects = [...equals].filter(([k]) => k.endsWith(":sub")).flatMap(([, vs]) => vs);
      const admitted = subjects.map((v) => IRSA_SUBJECT.exec(v)).filter((m) => m !== null);
      if (admitted.length === 0 || admitted.length < subjects.length) open = true;
      for (const m of admitted) pairs.push(`${m[1]}/${m[2]} (IRSA)`);
      continue;
    }
    const namespaces = equals.get(SCOPE_CONDITION_KEYS.namespace);
    const accounts = equals.get(SCOPE_CONDITION_KEYS.serviceAccount);
    if (!namespaces || !accounts || !equals.has(SCOPE_CONDITION_KEYS.clusterArn)) {
      open = true;
      continue;
    }
    for (const ns of namespaces) for (const sa of accounts) pairs.push(`${ns}/${sa}`);
  }
  return { principals: [...principals].sort().join(", ") || "no principal", principalList: [...principals].sort(), pairs: pairs.sort(), open };
}

function trustView(t: TrustScope): TrustScopeView {
  return { principals: t.principalList, serviceAccounts: t.pairs, unscoped: t.open };
}

/** A shared role's trust as one member sees it: whether it admits the member, so that another member joining is not a change of this one. */
function memberView(t: TrustScope, member: string): TrustScopeView {
  return { principals: t.principalList, serviceAccounts: t.pairs.includes(member) ? [member] : [], unscoped: t.open };
}

/**
 * One line for a trust scope. For a member of a shared role, only whether it admits the
 * member: the other members are the shared role's own entry, so one joining or leaving shows
 * there once rather than on every member.
 */
function describeTrust(t: TrustScope, clusterName: string, member?: string): string {
  if (t.open) return `${t.principals}, for any Pod Identity association that names the role (not scoped to a service account)`;
  if (member !== undefined) {
    return t.pairs.includes(member) ? `${t.principals}, for ${member} on cluster ${clusterName} (session tags), among the shared role's members` : `${t.principals}: the shared role's trust does not admit ${member}`;
  }
  return t.pairs.length === 0 ? `${t.principals}: admits no service account` : `${t.principals}, only for ${t.pairs.join(", ")} on cluster ${clusterName} (session tags)`;
}

interface MemberValues {
  readonly namespace: string | null;
  readonly serviceAccount: string | null;
  readonly clusterName: string;
  readonly clusterArn: string;
}

/**
 * A shared role's permissions as one member gets them: the session tags EKS sets
 * (https://docs.aws.amazon.com/eks/latest/userguide/pod-id-abac.html) replaced by the member's
 * values. Tags whose values only the pod knows (kubernetes-pod-name, -uid) stay as written.
 */
function fillSessionTags(p: Permission, m: MemberValues): Permission {
  const values: Record<string, string | null | undefined> = {
    [SESSION_TAGS.namespace]: m.namespace,
    [SESSION_TAGS.serviceAccount]: m.serviceAccount,
    [SESSION_TAGS.cluster]: m.clusterName,
    "eks-cluster-arn": m.clusterArn,
  };
  const fill = (s: string) => s.replace(/\$\{aws:PrincipalTag\/([^}]+)\}/g, (whole, tag: string) => ownValue(values, tag) ?? whole);
  return {
    ...p,
    resources: p.resources.map(fill),
    ...(p.notResources ? { notResources: p.notResources.map(fill) } : {}),
    conditions: Object.fromEntries(Object.entries(p.conditions).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, vs]) => [k, vs.map(fill)]))])),
  };
}

/** The lint's warnings (lib/policy/lint.ts) for the identity's managed policies and statements. */
async function flagsOf(identity: Pick<Identity, "kind" | "name" | "managedPolicyArns" | "permissions">): Promise<string[]> {
  const owner = identity.kind === "sharedRole" ? `shared role ${JSON.stringify(identity.name)}` : `${identity.kind} ${JSON.stringify(identity.name)}`;
  // A controller's and an add-on's policies are those their projects and AWS publish for them
  // (the EKS user guide names the add-ons' managed policies); validate lints neither, so
  // neither does the review. Managed policies are judged by their documents (lint.ts).
  if (identity.kind === "controller" || identity.kind === "addon") return [];
  const flags = identity.managedPolicyArns.flatMap((arn) => lintManagedPolicy(arn, [], owner)).map((f) => f.message);
  for (const p of identity.permissions) {
    // Only a wildcard can make the lint speak; skipping the rest spares the catalogue look-ups.
    if (!p.actions.some((a) => a.includes("*")) && !p.resources.some(isEveryResource)) continue;
    const findings = await lintStatementActions({ effect: p.effect, actions: [...p.actions], resources: [...p.resources] }, [], owner);
    flags.push(...findings.filter((f) => f.severity === "warning").map((f) => f.message));
  }
  return flags;
}
