import type { HelmProvider } from "../lib/bindings/helm/provider";
import { POLICY_DOCUMENTS_CONTEXT, type PolicyDocuments } from "../lib/constructs/policy-document";
import type { NamespaceV1 } from "../lib/bindings/kubernetes/namespace-v1";
import type { ITerraformDependable } from "cdktf";
import { UniqueAddressStack } from "../lib/constructs/unique-address-stack";
import { Construct } from "constructs";
import type { DeployRole } from "../lib/plan/deploy-role";
import type { ClusterPlan } from "../lib/plan/plan";
import type { Cluster, S3State, Tags } from "../lib/schema/schema";
import type { EksCluster } from "../lib/constructs/eks-cluster";
import type { AddonIdentity } from "../lib/constructs/addon-identity";
import type { ControllerIdentity } from "../lib/constructs/controller-identity";
import { PodIdentityAgent } from "../lib/constructs/pod-identity-agent";
import type { SharedRole } from "../lib/constructs/shared-role";
import type { ExistingTenantResources, TenantIdentity } from "../lib/constructs/tenant-identity";
import { addAwsProvider, addClusterAccess } from "./cluster-access";
import { requireProviderRanges, tenantFeatures } from "./provider-versions";
import { addStateBackend, type StateSettings } from "./stack-backend";
import { addNamespaces, addTenantIdentities, lookUpAccountFirst, tenantsNeedArns } from "./tenant-identities";

/**
 * Constructs that only some stacks use, loaded when first needed: the provider classes behind
 * them are large (the Job's alone adds about 45 ms to every synth's start-up), and most tenants
 * files use none of them (docs/benchmarks.md).
 */
const optional = {
  helmProvider: (): typeof HelmProvider => (require("../lib/bindings/helm/provider") as typeof import("../lib/bindings/helm/provider")).HelmProvider,
  addonIdentity: (): typeof AddonIdentity => (require("../lib/constructs/addon-identity") as typeof import("../lib/constructs/addon-identity")).AddonIdentity,
  controllerIdentity: (): typeof ControllerIdentity => (require("../lib/constructs/controller-identity") as typeof import("../lib/constructs/controller-identity")).ControllerIdentity,
  sharedRole: (): typeof SharedRole => (require("../lib/constructs/shared-role") as typeof import("../lib/constructs/shared-role")).SharedRole,
};

/** The Terraform versions every stack accepts. */
export const REQUIRED_TERRAFORM = ">= 1.10";

export interface ClusterStackProps {
  /** The cluster and the tenants that run on it. */
  readonly plan: ClusterPlan;
  /** Tags on every taggable AWS resource of the stack, through the provider's default_tags. @default {} */
  readonly defaultTags?: Tags;
  /**
   * How policy documents are written: `data.aws_iam_policy_document` data sources, or the same
   * JSON as literals (`inline`), for every construct in the stack that does not set its own.
   * @default "data-source"
   */
  readonly policyDocuments?: PolicyDocuments;
  /** An S3 backend for the stack's state. @default local state, terraform.<cluster>.tfstate */
  readonly s3State?: S3State;
  /** What already exists, by tenant name, for `import` blocks (`npm run adopt`). @default none */
  readonly imports?: ReadonlyMap<string, ExistingTenantResources>;
  /** Where the state lives (S3 or HCP Terraform); wins over s3State. @default s3State */
  readonly state?: StateSettings;
  /** The role the providers assume (lib/plan/deploy-role.ts). @default the ambient credentials */
  readonly deployRole?: DeployRole;
}

/**
 * Everything one cluster needs: providers that reach the cluster without a kubeconfig, the Pod
 * Identity agent, and one TenantIdentity per tenant. The stack is named after the cluster.
 */
/*
 * Every ID this stack gives a child of its own has a '_' (provider_aws, eks_cluster,
 * pod_identity_agent, namespace_<name>, shared_roles, addon_<name>), which tenant names cannot
 * contain: a tenant may be called "aws", "cluster" or "account" without taking their address.
 */
export class ClusterStack extends UniqueAddressStack {
  /** The stack's one reference to the cluster (`data.aws_eks_cluster.eks_cluster`), shared by every construct in it. */
  readonly cluster: EksCluster;
  readonly agent: PodIdentityAgent;
  readonly tenants: ReadonlyMap<string, TenantIdentity>;
  /** One per clusters[].addons entry, by add-on name. */
  readonly addons: ReadonlyMap<string, AddonIdentity>;
  /** One per clusters[].controllers entry, by controller name. */
  readonly controllers: ReadonlyMap<string, ControllerIdentity>;
  /** The shared roles that have members on this cluster, by name. */
  readonly sharedRoles: ReadonlyMap<string, SharedRole>;

  // The steps run in this order because the synthesized JSON lists blocks in creation order:
  // changing it would change every golden file, though not any plan.
  constructor(scope: Construct, props: ClusterStackProps) {
    const { plan } = props;
    super(scope, plan.cluster.name);
    this.node.setContext(POLICY_DOCUMENTS_CONTEXT, props.policyDocuments ?? "data-source");
    this.cluster = this.addProvidersAndBackend(props);
    this.agent = this.addAgent(plan.cluster);
    const namespaces = addNamespaces(this, plan.tenants, plan.controllers);
    // The account look-up, when anything needs it, is made before the roles: the JSON keeps its order.
    lookUpAccountFirst(this.cluster, needsArns(plan));
    this.sharedRoles = this.addSharedRoles(plan);
    this.tenants = this.addTenants(plan, namespaces, props.imports);
    this.addons = this.addAddons(plan);
    this.controllers = this.addControllers(plan, namespaces);
    requireProviderRanges(this, tenantFeatures(plan.tenants));
  }

  /** AWS provider, state backend, the cluster reference, and the kubernetes (and helm) providers. */
  private addProvidersAndBackend(props: ClusterStackProps): EksCluster {
    const { cluster } = props.plan;
    // use_lockfile (S3-native state locking) needs Terraform 1.10:
    // https://developer.hashicorp.com/terraform/language/backend/s3#use_lockfile
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM);
    addAwsProvider(this, cluster, props.defaultTags, props.deployRole);
    addStateBackend(this, cluster.name, props.state ?? { s3: props.s3State });
    const access = addClusterAccess(this, cluster, props.deployRole);
    if (cluster.agent.install === "helm") {
      // Only stacks that install the chart need the helm provider; configured like kubernetes.
      // Helm provider 3.x takes the kubernetes block and its exec as objects, not lists.
      new (optional.helmProvider())(this, "provider_helm", { kubernetes: { ...access.endpoint, exec: access.exec } });
    }
    return access.cluster;
  }

  private addAgent(cluster: Cluster): PodIdentityAgent {
    return new PodIdentityAgent(this, "pod_identity_agent", {
      cluster: this.cluster,
      install: cluster.agent.install,
      version: cluster.agent.version,
      chart: cluster.agent.chart,
      configurationValues: cluster.agent.configurationValues,
    });
  }

  /** What the agent's dependants wait for; nothing with install: none. */
  private get afterAgent(): ITerraformDependable[] {
    return this.agent.dependable ? [this.agent.dependable] : [];
  }

  /** Under a scope whose ID no tenant name can take ('_' is not in the tenant alphabet). */
  private addSharedRoles(plan: ClusterPlan): Map<string, SharedRole> {
    const sharedScope = new Construct(this, "shared_roles");
    const shared = new Map<string, SharedRole>();
    for (const { sharedRole: r, roleName, members } of plan.sharedRoles) {
      shared.set(
        r.name,
        new (optional.sharedRole())(sharedScope, r.name, {
          cluster: this.cluster,
          members: members.map((t) => ({ name: t.name, namespace: t.namespace, serviceAccount: t.serviceAccount, disableSessionTags: t.disableSessionTags })),
          roleName,
          rolePath: r.role.path,
          permissionsBoundaryArn: r.role.permissionsBoundaryArn,
          maxSessionDuration: r.role.maxSessionDuration,
          managedPolicyArns: r.managedPolicyArns,
          grants: r.grants,
          statements: r.statements,
          tags: r.tags,
        }),
      );
    }
    return shared;
  }

  private addTenants(plan: ClusterPlan, namespaces: ReadonlyMap<string, NamespaceV1>, imports: ClusterStackProps["imports"]): Map<string, TenantIdentity> {
    return addTenantIdentities(this, {
      cluster: this.cluster,
      tenants: plan.tenants,
      after: this.afterAgent,
      namespaces,
      sharedRoles: this.sharedRoles,
      imports,
    });
  }

  /** `addon_<name>`: tenant names have no '_', so an add-on never takes a tenant's address. */
  private addAddons(plan: ClusterPlan): Map<string, AddonIdentity> {
    return new Map(
      plan.addons.map(({ addon, roleName, serviceAccount, managedPolicyArns }) => [
        addon.name,
        new (optional.addonIdentity())(this, `addon_${addon.name}`, {
          cluster: this.cluster,
          addonName: addon.name,
          version: addon.version,
          serviceAccount,
          roleName,
          rolePath: addon.role.path,
          permissionsBoundaryArn: addon.role.permissionsBoundaryArn,
          maxSessionDuration: addon.role.maxSessionDuration,
          managedPolicyArns,
          configurationValues: addon.configurationValues,
          dependsOn: this.afterAgent,
        }),
      ]),
    );
  }

  /** `controller_<name>`: like add-ons', an ID no tenant name can take. */
  private addControllers(plan: ClusterPlan, namespaces: ReadonlyMap<string, NamespaceV1>): Map<string, ControllerIdentity> {
    return new Map(
      plan.controllers.map(({ controller, namespace }) => [
        controller.name,
        new (optional.controllerIdentity())(this, `controller_${controller.name}`, { cluster: this.cluster, controller, dependsOn: this.afterAgent, namespaceResource: namespaces.get(namespace) }),
      ]),
    );
  }
}

/** Whether grants or statements in the stack name ARNs, so that the account must be known. */
function needsArns(plan: ClusterPlan): boolean {
  return tenantsNeedArns(plan.tenants) || plan.sharedRoles.some(({ sharedRole: r }) => r.grants.length + r.statements.length > 0);
}
