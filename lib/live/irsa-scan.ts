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
 */
import { Document } from "yaml";
import { KNOWN_ADDONS } from "../config/known-addons";
import type { ClusterPlan } from "../config/plan";
import { NAMESPACE, ROLE_NAME, SERVICE_ACCOUNT, TENANT_NAME } from "../config/rules";
import type { Config } from "../config/schema";
import { parseRoleArn } from "../drift/compare";
import { IRSA_ROLE_ANNOTATION } from "../config/kubernetes-metadata";
import { oidcProviderArnOf } from "../config/oidc-provider";
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

export interface IrsaScan {
  readonly entries: ReadonlyArray<IrsaTenantEntry>;
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

/** A tenant name from namespace and service account, in the tenant alphabet and unique. */
function tenantName(ns: string, sa: string, taken: Set<string>): string {
  let base = (sa === ns || sa.startsWith(`${ns}-`) ? sa : `${ns}-${sa}`).replace(/[^a-z0-9-]+/g, "-").replace(/-+/g, "-");
  base = base.replace(/^[^a-z]+/, "").slice(0, 60).replace(/-+$/, "") || "tenant";
  let name = base;
  for (let i = 2; taken.has(name) || !TENANT_NAME.pattern.test(name); i++) name = `${base}-${i}`;
  taken.add(name);
  return name;
}

export function scanIrsa(accounts: ReadonlyArray<LiveServiceAccount>, config: Config, plan: ClusterPlan, cluster: LiveCluster): IrsaScan {
  const covered = new Set(plan.tenants.map((t) => `${t.tenant.namespace}/${t.tenant.serviceAccount}`));
  const taken = new Set(config.tenants.map((t) => t.name));
  const arn = clusterArnParts(cluster.arn);
  const oidcProviderArn = arn && cluster.issuer ? oidcProviderArnOf(cluster.issuer, arn.partition, arn.account) : undefined;
  const entries: IrsaTenantEntry[] = [];
  const skipped: string[] = [];
  const sorted = [...accounts].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
  for (const sa of sorted) {
    const roleArn = sa.annotations[IRSA_ROLE_ANNOTATION];
    if (roleArn === undefined) continue;
    const where = `${sa.namespace}/${sa.name}`;
    if (covered.has(where) || isAddonAccount(sa, plan)) continue;
    const role = parseRoleArn(roleArn.trim());
    if (!role || !ROLE_NAME.pattern.test(role.name)) {
      skipped.push(`${where}: its ${IRSA_ROLE_ANNOTATION} annotation ${JSON.stringify(roleArn)} is not an IAM role ARN`);
      continue;
    }
    if (!NAMESPACE.pattern.test(sa.namespace) || !SERVICE_ACCOUNT.pattern.test(sa.name)) {
      skipped.push(`${where}: not a valid namespace and service account for the tenants file`);
      continue;
    }
    if (arn && role.account !== arn.account) {
      skipped.push(`${where}: its role ${roleArn} is in account ${role.account}, not the cluster's account ${arn.account}; a tenant's role lives in the cluster's account, so migrate this one by hand`);
      continue;
    }
    entries.push({
      name: tenantName(sa.namespace, sa.name, taken),
      namespace: sa.namespace,
      serviceAccount: sa.name,
      clusters: [plan.cluster.name],
      createServiceAccount: false,
      role: role.path === "/" ? { name: role.name } : { name: role.name, path: role.path },
      ...(oidcProviderArn ? { irsa: { oidcProviderArn } } : {}),
    });
  }
  return { entries, skipped };
}

/** The entries as YAML, a list ready to paste under `tenants:`. */
export function formatIrsaEntries(cluster: string, entries: ReadonlyArray<IrsaTenantEntry>): string {
  if (entries.length === 0) return `# ${cluster}: no IRSA service account left to migrate\n`;
  const doc = new Document(entries);
  doc.commentBefore =
    ` ${entries.length} IRSA service account(s) of cluster ${cluster}, as tenant entries: paste them under tenants:,\n` +
    ` add each role's policies (managedPolicyArns, grants or statements), then run npm run adopt -- ${cluster}\n` +
    ` so that the first deploy imports the existing roles. Remove irsa: once every pod has restarted.`;
  return doc.toString({ lineWidth: 0 });
}
