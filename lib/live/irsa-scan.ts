/**
 * Which IRSA service accounts become which tenant entries. Pure: the service accounts and the
 * cluster's description are passed in, so every case is tested without a network.
 *
 * An IRSA service account carries `eks.amazonaws.com/role-arn` (EKS user guide, "Configure
 * Kubernetes service accounts to assume an IAM role",
 * https://docs.aws.amazon.com/eks/latest/userguide/associate-service-account-role.html). Its
 * entry keeps the namespace, the service account and the role (name and path from the ARN),
 * and is marked for adoption: `createServiceAccount: false` (the service account exists and
 * whoever made it keeps it), and `irsa.oidcProviderArn`, so that running pods keep IRSA while
 * Pod Identity takes over. `npm run adopt` then records the role for import.
 *
 * What it prints must validate once pasted: service accounts that share a role become members of
 * a shared role (entriesOf), and a role the file cannot own (another partition or account, a name
 * the file gives another role already) is skipped with a note.
 */
import { Document, type YAMLMap, type YAMLSeq } from "yaml";
import { KNOWN_ADDONS } from "../aws/known-addons";
import { planClusters, type ClusterPlan } from "../plan/plan";
import { regionPartition as partitionOf } from "../aws/region-rules";
import { defaultRoleName } from "../aws/role-name";
import { IAM_PATH, NAMESPACE, ROLE_NAME, SERVICE_ACCOUNT, TENANT_NAME } from "../aws/rules";
import type { Config } from "../schema/schema";
import { parseRoleArn } from "../aws/arn";
import { IRSA_ROLE_ANNOTATION } from "../kubernetes/kubernetes-metadata";
import { oidcProviderArnOf } from "../aws/oidc-provider";
import type { LiveCluster } from "./aws";
import type { LiveServiceAccount } from "./kube";

export interface IrsaTenantEntry {
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly clusters: ReadonlyArray<string>;
  readonly createServiceAccount: false;
  readonly role: { readonly name: string; readonly path?: string };
  readonly irsa?: { readonly oidcProviderArn: string };
}

/** A service account whose IRSA role other service accounts use too: a member of a new shared role. */
export interface IrsaMemberEntry {
  readonly name: string;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly clusters: ReadonlyArray<string>;
  readonly createServiceAccount: false;
  readonly sharedRole: string;
}

export interface IrsaSharedRoleEntry {
  readonly name: string;
  /** The IRSA role its members use now; left alone, for its policies to be copied. */
  readonly replaces: string;
}

export interface IrsaScan {
  /** Under tenants:. */
  readonly entries: ReadonlyArray<IrsaTenantEntry | IrsaMemberEntry>;
  /** Under sharedRoles:. */
  readonly sharedRoles: ReadonlyArray<IrsaSharedRoleEntry>;
  /** Annotated service accounts left out for a reason the user should read. */
  readonly skipped: ReadonlyArray<string>;
}

/** `arn:<partition>:eks:<region>:<account>:cluster/<name>` → partition and account. */
function clusterArnParts(arn: string | undefined): { partition: string; account: string } | undefined {
  const m = arn === undefined ? null : /^arn:([^:]+):eks:[^:]*:(\d{12}):cluster\//.exec(arn);
  return m ? { partition: m[1]!, account: m[2]! } : undefined;
}

/** Add-ons' service accounts: the known ones, and those of the cluster's own add-on entries. */
function isAddonAccount(sa: LiveServiceAccount, plan: ClusterPlan): boolean {
  if (Object.values(KNOWN_ADDONS).some((k) => k.namespace === sa.namespace && k.serviceAccount === sa.name)) return true;
  return plan.addons.some((a) => a.serviceAccount === sa.name);
}

/** A name from `base`, in the tenant alphabet and unique among `taken` (tenants and shared roles alike). */
function uniqueName(raw: string, taken: Set<string>, refuse: (name: string) => boolean = () => false): string {
  const base = raw.replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-").replace(/^[^a-z]+/, "").slice(0, 60).replace(/-+$/, "") || "tenant";
  let name = base;
  for (let i = 2; taken.has(name) || !TENANT_NAME.pattern.test(name) || refuse(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

function tenantName(ns: string, sa: string, taken: Set<string>): string {
  return uniqueName(sa === ns || sa.startsWith(`${ns}-`) ? sa : `${ns}-${sa}`, taken);
}

/** Every IAM role name the file already gives a role, on any cluster: IAM names are per account. */
function roleNamesInFile(config: Config): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of planClusters(config)) {
    for (const t of p.tenants) if (t.tenant.sharedRole === undefined) names.set(t.roleName, `tenant ${JSON.stringify(t.tenant.name)}`);
    for (const r of p.sharedRoles) names.set(r.roleName, `shared role ${JSON.stringify(r.sharedRole.name)}`);
    for (const a of p.addons) names.set(a.roleName, `add-on ${JSON.stringify(a.addon.name)}`);
    for (const c of p.controllers) names.set(c.roleName, `controller ${JSON.stringify(c.controller.name)}`);
  }
  return names;
}

interface Candidate {
  readonly sa: LiveServiceAccount;
  readonly roleArn: string;
  readonly role: { readonly name: string; readonly path: string };
}

/** Why an annotated service account cannot become an entry that validates, or undefined. */
function skipReason(sa: LiveServiceAccount, roleArn: string, home: { partition: string; account?: string }, taken: Map<string, string>): string | undefined {
  const where = `${sa.namespace}/${sa.name}`;
  const m = /^arn:([^:]+):iam::(\d{12}):role(\/(?:.*\/)?)([^/]+)$/.exec(roleArn);
  if (!m || !ROLE_NAME.pattern.test(m[4]!) || !IAM_PATH.pattern.test(m[3]!)) return `${where}: its ${IRSA_ROLE_ANNOTATION} annotation ${JSON.stringify(roleArn)} is not an IAM role ARN that the tenants file can name`;
  if (!NAMESPACE.pattern.test(sa.namespace) || !SERVICE_ACCOUNT.pattern.test(sa.name)) return `${where}: not a valid namespace and service account for the tenants file`;
  if (m[1] !== home.partition) return `${where}: its role ${roleArn} is in partition ${m[1]}, not the cluster's partition ${home.partition}; a tenant's role lives in the cluster's partition and account, so migrate this one by hand`;
  if (home.account !== undefined && m[2] !== home.account) return `${where}: its role ${roleArn} is in account ${m[2]}, not the cluster's account ${home.account}; a tenant's role lives in the cluster's account, so migrate this one by hand`;
  const owner = taken.get(m[4]!);
  if (owner !== undefined) return `${where}: its role ${m[4]} is already ${owner}'s role in the file, and one role cannot be two entries' own; give this service account to that entry's role by hand (for example as members of a shared role)`;
  return undefined;
}

export function scanIrsa(accounts: ReadonlyArray<LiveServiceAccount>, config: Config, plan: ClusterPlan, cluster: LiveCluster): IrsaScan {
  const covered = new Set(plan.tenants.map((t) => `${t.tenant.namespace}/${t.tenant.serviceAccount}`));
  const arn = clusterArnParts(cluster.arn);
  const home = { partition: arn?.partition ?? partitionOf(plan.cluster.region), account: arn?.account ?? plan.cluster.accountId };
  const oidcProviderArn = arn && cluster.issuer ? oidcProviderArnOf(cluster.issuer, arn.partition, arn.account) : undefined;
  const roleNames = roleNamesInFile(config);
  const skipped: string[] = [];
  const byRole = new Map<string, Candidate[]>();
  const sorted = [...accounts].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  for (const sa of sorted) {
    const annotated = sa.annotations[IRSA_ROLE_ANNOTATION];
    if (annotated === undefined || covered.has(`${sa.namespace}/${sa.name}`) || isAddonAccount(sa, plan)) continue;
    const roleArn = annotated.trim();
    const why = skipReason(sa, roleArn, home, roleNames);
    if (why) {
      skipped.push(why);
      continue;
    }
    const role = parseRoleArn(roleArn)!;
    byRole.set(role.name, [...(byRole.get(role.name) ?? []), { sa, roleArn, role }]);
  }
  return { ...entriesOf([...byRole.values()], config, plan.cluster.name, oidcProviderArn), skipped };
}

/**
 * A role of one service account is kept, as that tenant's own, with IRSA's trust while pods
 * restart. A role that several service accounts use cannot be one tenant's: the tenant's trust
 * would replace the role's, and every other service account would lose it. Those service
 * accounts become members of a new shared role instead (its name derived, so it is created, not
 * imported), and the IRSA role is left as it is: pods keep it through their annotation, which
 * the SDKs try first, until the annotation goes and they restart onto the shared role.
 */
function entriesOf(groups: Candidate[][], config: Config, cluster: string, oidcProviderArn: string | undefined): Omit<IrsaScan, "skipped"> {
  const taken = new Set([...config.tenants.map((t) => t.name), ...config.sharedRoles.map((r) => r.name)]);
  const entries: Array<IrsaTenantEntry | IrsaMemberEntry> = [];
  const sharedRoles: IrsaSharedRoleEntry[] = [];
  const irsaRoles = new Set(groups.map((g) => g[0]!.role.name));
  for (const group of groups) {
    const { role, roleArn } = group[0]!;
    if (group.length === 1) {
      const { sa } = group[0]!;
      entries.push({
        name: tenantName(sa.namespace, sa.name, taken),
        namespace: sa.namespace,
        serviceAccount: sa.name,
        clusters: [cluster],
        createServiceAccount: false,
        role: role.path === "/" ? { name: role.name } : { name: role.name, path: role.path },
        ...(oidcProviderArn ? { irsa: { oidcProviderArn } } : {}),
      });
      continue;
    }
    // The shared role's derived name must not be an IRSA role's: IAM would refuse to create it.
    const name = uniqueName(role.name.toLowerCase(), taken, (n) => irsaRoles.has(defaultRoleName(n, cluster)));
    sharedRoles.push({ name, replaces: roleArn });
    for (const { sa } of group) {
      entries.push({ name: tenantName(sa.namespace, sa.name, taken), namespace: sa.namespace, serviceAccount: sa.name, clusters: [cluster], createServiceAccount: false, sharedRole: name });
    }
  }
  entries.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.serviceAccount.localeCompare(b.serviceAccount));
  return { entries, sharedRoles };
}

/**
 * The entries as YAML: `tenants:` (and `sharedRoles:`) lists to merge into the file's lists of
 * those names. Each shared role says which IRSA role it replaces, as a comment.
 */
export function formatIrsaEntries(cluster: string, scan: Pick<IrsaScan, "entries" | "sharedRoles">): string {
  const { entries, sharedRoles } = scan;
  if (entries.length === 0) return `# ${cluster}: no IRSA service account left to migrate\n`;
  const doc = new Document({ ...(sharedRoles.length > 0 ? { sharedRoles: sharedRoles.map((r) => ({ name: r.name })) } : {}), tenants: entries });
  const list = doc.get("sharedRoles") as YAMLSeq | undefined;
  sharedRoles.forEach((r, i) => {
    const members = entries.filter((e) => "sharedRole" in e && e.sharedRole === r.name).map((e) => `${e.namespace}/${e.serviceAccount}`);
    (list!.items[i] as YAMLMap).commentBefore =
      ` replaces the IRSA role ${r.replaces}, which ${members.join(", ")} share: copy its policies here;\n` +
      ` it stays as it is while their pods use it, so delete it once every pod has restarted onto Pod Identity`;
  });
  doc.commentBefore =
    ` ${entries.length} IRSA service account(s) of cluster ${cluster}, as entries of the tenants file: add the items\n` +
    ` of each list below to the file's list of that name. Add each role's policies (managedPolicyArns,\n` +
    ` grants or statements), then run npm run adopt -- ${cluster} so that the first deploy imports the\n` +
    ` existing roles. Remove irsa: once every pod has restarted.`;
  return doc.toString({ lineWidth: 0 });
}
