/**
 * Migrating a tenant from IRSA (IAM roles for service accounts) to Pod Identity: while a tenant
 * sets `irsa: { oidcProviderArn }`, its role also trusts the cluster's OIDC provider for exactly
 * that service account, and the service account keeps its `eks.amazonaws.com/role-arn`
 * annotation, so pods started before the switch keep their credentials.
 *
 * Registered in lib/checks/check-registry.ts.
 */
import { error, warning, type Finding } from "../diagnostics/problems";
import type { Check } from "./check";
import { regionPartition as partitionOf } from "../aws/region-rules";
import { parseOidcProviderArn } from "../aws/oidc-provider";
import { TRUST_POLICY_LIMIT } from "../policy/trust-size";
import { irsaTrustPolicySize } from "../policy/irsa-trust-size";
import { landsOn } from "../plan/plan";


/**
 * Each cluster has an issuer of its own, so an OIDC provider fits one cluster: its partition,
 * its region (for an EKS issuer) and, with accountId pinned, its account, since IAM trusts only
 * a provider of the role's own account. With the trust statement added, the role's trust policy
 * must still fit IAM's quota.
 */
const irsaFitsItsCluster: Check = (c) => {
  const out: Finding[] = [];
  c.tenants.forEach((t, i) => {
    if (!t.irsa) return;
    const at = ["tenants", i, "irsa", "oidcProviderArn"];
    const name = JSON.stringify(t.name);
    if (t.sharedRole !== undefined) {
      out.push(error(["tenants", i, "irsa"], `tenant ${name} uses shared role ${JSON.stringify(t.sharedRole)}; an IRSA migration keeps the trust of the tenant's own role, so irsa needs a role of the tenant's own: leave out sharedRole while migrating`));
      return;
    }
    const clusters = c.clusters.filter((x) => landsOn(t, x.name));
    if (clusters.length > 1) {
      out.push(error(["tenants", i, "irsa"], `tenant ${name} runs on ${clusters.length} clusters (${clusters.map((x) => x.name).join(", ")}), but an OIDC provider belongs to one cluster; set clusters: [<the cluster of this provider>] while migrating, with one tenant entry per cluster`));
      return;
    }
    const p = parseOidcProviderArn(t.irsa.oidcProviderArn);
    const cluster = clusters[0];
    if (!p || !cluster) return;
    const partition = partitionOf(cluster.region);
    if (p.partition !== partition) {
      out.push(error(at, `${t.irsa.oidcProviderArn} is in partition ${JSON.stringify(p.partition)}, but cluster ${JSON.stringify(cluster.name)} is in ${cluster.region}, partition ${JSON.stringify(partition)}; write arn:${partition}:…`));
    } else if (p.region !== undefined && p.region !== cluster.region) {
      out.push(error(at, `the OIDC issuer ${p.issuer} is in region ${p.region}, but cluster ${JSON.stringify(cluster.name)} is in ${cluster.region}; use the issuer of this cluster (aws eks describe-cluster --name ${cluster.name} --query cluster.identity.oidc.issuer)`));
    } else if (cluster.accountId !== undefined && p.account !== cluster.accountId) {
      out.push(error(at, `the OIDC provider is in account ${p.account}, but cluster ${JSON.stringify(cluster.name)} pins accountId ${cluster.accountId}; a role trusts only an OIDC provider of its own account`));
    } else {
      const size = irsaTrustPolicySize(t, cluster, p.issuer);
      const where = `tenant ${name}: with the IRSA statement its trust policy would be about ${size} characters`;
      if (size > TRUST_POLICY_LIMIT.max) out.push(error(at, `${where}; IAM allows at most ${TRUST_POLICY_LIMIT.max} even after a quota raise`));
      else if (size > TRUST_POLICY_LIMIT.default) out.push(warning(at, `${where}; the default IAM quota is ${TRUST_POLICY_LIMIT.default}, so this needs a quota raise (up to ${TRUST_POLICY_LIMIT.max})`));
    }
  });
  return out;
};

export const IRSA_CHECKS: ReadonlyArray<Check> = [irsaFitsItsCluster];
