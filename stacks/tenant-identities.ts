/**
 * The tenants of one stack: their namespaces, the ARN environment their grants need, and one
 * TenantIdentity each, directly under the stack. The base stack and the group stacks both build
 * their tenants here, so a tenant's resource addresses inside its stack are the same whichever
 * stack it is in: moving it between groups moves state, never renames it.
 */
import { NamespaceV1 } from "../lib/bindings/kubernetes/namespace-v1";
import type { ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import type { ControllerPlan, TenantPlan } from "../lib/plan/plan";
import type { EksCluster } from "../lib/constructs/eks-cluster";
import type { SharedRole } from "../lib/constructs/shared-role";
import type { SmokeTest } from "../lib/constructs/smoke-test";
import { terraformLiteral } from "../lib/terraform/terraform-literal";
import { importExisting, TenantIdentity, type ExistingTenantResources } from "../lib/constructs/tenant-identity";

/** Loaded when first needed: the Job's provider class alone adds about 45 ms to every synth (docs/benchmarks.md). */
const smokeTest = (): typeof SmokeTest => (require("../lib/constructs/smoke-test") as typeof import("../lib/constructs/smoke-test")).SmokeTest;

/**
 * One namespace resource per namespace that its tenants (and, in the base stack, controllers) ask
 * for, however many share it: they all agree (lib/checks/namespace-checks.ts), so the namespace
 * stays while any of them does. In name order and addressed by name, so that no other entry's
 * arrival or removal moves a byte of it.
 */
export function addNamespaces(stack: Construct, tenants: ReadonlyArray<TenantPlan>, controllers: ReadonlyArray<ControllerPlan> = []): Map<string, NamespaceV1> {
  const wanted = new Set([...tenants.filter(({ tenant }) => tenant.createNamespace).map(({ tenant }) => tenant.namespace), ...controllers.filter((c) => c.controller.createNamespace).map((c) => c.namespace)]);
  const namespaces = new Map<string, NamespaceV1>();
  for (const name of [...wanted].sort()) {
    namespaces.set(name, new NamespaceV1(stack, `namespace_${name}`, { metadata: { name: terraformLiteral(name) } }));
  }
  return namespaces;
}

/**
 * Account for grants' ARNs, looked up only when something in the stack needs it and the file does
 * not pin it; made here, before the tenants, so that the stack's JSON keeps its order.
 */
export function lookUpAccountFirst(cluster: EksCluster, needed: boolean): void {
  if (needed) void cluster.accountId;
}

export function tenantsNeedArns(tenants: ReadonlyArray<TenantPlan>): boolean {
  return tenants.some(({ tenant: t }) => t.grants.length + t.statements.length > 0 || t.targetRoleArn || t.sessionPolicy);
}

export interface TenantIdentitiesProps {
  /** The stack's one reference to the cluster. */
  readonly cluster: EksCluster;
  readonly tenants: ReadonlyArray<TenantPlan>;
  /** What every association and service account waits for in this stack (the agent, in the base stack). */
  readonly after: ReadonlyArray<ITerraformDependable>;
  readonly namespaces: ReadonlyMap<string, NamespaceV1>;
  readonly sharedRoles: ReadonlyMap<string, SharedRole>;
  /** What already exists, by tenant name, for `import` blocks (`npm run adopt`). @default none */
  readonly imports?: ReadonlyMap<string, ExistingTenantResources>;
}

export function addTenantIdentities(stack: Construct, props: TenantIdentitiesProps): Map<string, TenantIdentity> {
  const { cluster } = props;
  const identities = new Map<string, TenantIdentity>();
  for (const { tenant, roleName } of props.tenants) {
    const dependsOn: ITerraformDependable[] = [...props.after];
    const ns = props.namespaces.get(tenant.namespace);
    if (ns) dependsOn.push(ns);
    const sharedRole = tenant.sharedRole === undefined ? undefined : props.sharedRoles.get(tenant.sharedRole);
    const own = sharedRole
      ? { sharedRole }
      : {
          roleName,
          rolePath: tenant.role.path,
          permissionsBoundaryArn: tenant.role.permissionsBoundaryArn,
          maxSessionDuration: tenant.role.maxSessionDuration,
          managedPolicyArns: tenant.managedPolicyArns,
          scopeTrustToServiceAccount: tenant.trust.scopeToServiceAccount,
          grants: tenant.grants,
          statements: tenant.statements,
          targetRoleArn: tenant.targetRoleArn,
          irsa: tenant.irsa,
        };
    const identity = new TenantIdentity(stack, tenant.name, {
      cluster,
      namespace: tenant.namespace,
      serviceAccount: tenant.serviceAccount,
      createServiceAccount: tenant.createServiceAccount,
      serviceAccountLabels: tenant.serviceAccountLabels,
      serviceAccountAnnotations: tenant.serviceAccountAnnotations,
      disableSessionTags: tenant.disableSessionTags,
      sessionPolicy: tenant.sessionPolicy,
      tags: tenant.tags,
      dependsOn,
      ...own,
    });
    identities.set(tenant.name, identity);
    const existing = props.imports?.get(tenant.name);
    if (existing) importExisting(identity, { namespace: tenant.namespace, serviceAccount: tenant.serviceAccount }, existing);
    if (tenant.smokeTest) {
      new (smokeTest())(identity, "smoke-test", {
        namespace: tenant.namespace,
        serviceAccount: tenant.serviceAccount,
        // The pod ends up with the last role of the chain: the target role for a cross-account
        // tenant (EKS user guide, pod-id-assign-target-role), else its own or its shared role.
        roleName: tenant.targetRoleArn ? tenant.targetRoleArn.slice(tenant.targetRoleArn.lastIndexOf("/") + 1) : identity.roleName,
        cluster,
        // The Job is a Kubernetes object in the namespace: it waits for the namespace itself, not
        // only through the association, which need not wait for it.
        dependsOn: [identity.association, ...(identity.serviceAccount ? [identity.serviceAccount] : []), ...(ns ? [ns] : [])],
      });
    }
  }
  return identities;
}
