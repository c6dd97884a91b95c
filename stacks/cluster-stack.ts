import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import type { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { NamespaceV1 } from "@cdktf/provider-kubernetes/lib/namespace-v1";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn, LocalBackend, S3Backend, TerraformStack, type ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { ClusterPlan } from "../lib/config/plan";
import { regionPartition as partitionOf } from "../lib/config/region-rules";
import type { S3State, Tags } from "../lib/config/schema";
import type { AddonIdentity } from "../lib/constructs/addon-identity";
import type { ControllerIdentity } from "../lib/constructs/controller-identity";
import { PodIdentityAgent } from "../lib/constructs/pod-identity-agent";
import type { SharedRole } from "../lib/constructs/shared-role";
import type { SmokeTest } from "../lib/constructs/smoke-test";
import { terraformLiteral, terraformLiteralTags } from "../lib/constructs/terraform-literal";
import { importExisting, TenantIdentity, type ExistingTenantResources } from "../lib/constructs/tenant-identity";

/**
 * Constructs that only some stacks use, loaded when first needed: the provider classes behind
 * them are large (the Job's alone adds about 45 ms to every synth's start-up), and most tenants
 * files use none of them (docs/benchmarks.md).
 */
const optional = {
  helmProvider: (): typeof HelmProvider => (require("@cdktf/provider-helm/lib/provider") as typeof import("@cdktf/provider-helm/lib/provider")).HelmProvider,
  addonIdentity: (): typeof AddonIdentity => (require("../lib/constructs/addon-identity") as typeof import("../lib/constructs/addon-identity")).AddonIdentity,
  controllerIdentity: (): typeof ControllerIdentity => (require("../lib/constructs/controller-identity") as typeof import("../lib/constructs/controller-identity")).ControllerIdentity,
  sharedRole: (): typeof SharedRole => (require("../lib/constructs/shared-role") as typeof import("../lib/constructs/shared-role")).SharedRole,
  smokeTest: (): typeof SmokeTest => (require("../lib/constructs/smoke-test") as typeof import("../lib/constructs/smoke-test")).SmokeTest,
};

/** The Terraform versions every stack accepts. */
export const REQUIRED_TERRAFORM = ">= 1.10";

export interface ClusterStackProps {
  /** The cluster and the tenants that run on it. */
  readonly plan: ClusterPlan;
  /** Tags on every taggable AWS resource of the stack, through the provider's default_tags. @default {} */
  readonly defaultTags?: Tags;
  /** An S3 backend for the stack's state. @default local state, terraform.<cluster>.tfstate */
  readonly s3State?: S3State;
  /** What already exists, by tenant name, for `import` blocks (`npm run adopt`). @default none */
  readonly imports?: ReadonlyMap<string, ExistingTenantResources>;
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
export class ClusterStack extends TerraformStack {
  readonly agent: PodIdentityAgent;
  readonly tenants: ReadonlyMap<string, TenantIdentity>;
  /** One per clusters[].addons entry, by add-on name. */
  readonly addons: ReadonlyMap<string, AddonIdentity>;
  /** One per clusters[].controllers entry, by controller name. */
  readonly controllers: ReadonlyMap<string, ControllerIdentity>;
  /** The shared roles that have members on this cluster, by name. */
  readonly sharedRoles: ReadonlyMap<string, SharedRole>;

  constructor(scope: Construct, props: ClusterStackProps) {
    const { cluster, tenants } = props.plan;
    super(scope, cluster.name);
    // use_lockfile (S3-native state locking) needs Terraform 1.10:
    // https://developer.hashicorp.com/terraform/language/backend/s3#use_lockfile
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM);

    new AwsProvider(this, "provider_aws", {
      region: cluster.region,
      allowedAccountIds: cluster.accountId ? [cluster.accountId] : undefined,
      defaultTags: props.defaultTags && Object.keys(props.defaultTags).length > 0 ? [{ tags: terraformLiteralTags(props.defaultTags) }] : undefined,
    });

    // Backend settings are not templates in Terraform (a "${" in them is taken literally), so,
    // unlike every other user string, they are not escaped.
    if (props.s3State) {
      const s3 = props.s3State;
      const backend = new S3Backend(this, {
        bucket: s3.bucket,
        region: s3.region,
        key: `${s3.keyPrefix}${cluster.name}/terraform.tfstate`,
        encrypt: true,
      });
      // S3-native locking; CDKTF 0.21's S3BackendConfig has no field for it.
      backend.addOverride("use_lockfile", true);
    } else {
      // Relative to the stack's folder (cdktf.out/stacks/<cluster>), where terraform runs, so the
      // state sits in the project root, outside cdktf.out, which synth rewrites. CDKTF's own
      // default is an absolute path, which would tie the JSON to one machine.
      new LocalBackend(this, { path: `../../../terraform.${cluster.name}.tfstate` });
    }

    const eks = new DataAwsEksCluster(this, "eks_cluster", { name: cluster.name });

    // Endpoint and CA come from the cluster itself and the token from the AWS CLI at plan and
    // apply time, so `cdktf deploy` needs no kubeconfig and never stores a token in state.
    const endpoint = { host: eks.endpoint, clusterCaCertificate: Fn.base64decode(eks.certificateAuthority.get(0).data) };
    const exec = {
      apiVersion: "client.authentication.k8s.io/v1beta1",
      command: "aws",
      args: ["eks", "get-token", "--cluster-name", cluster.name, "--region", cluster.region],
    };
    new KubernetesProvider(this, "provider_kubernetes", { ...endpoint, exec: [exec] });

    if (cluster.agent.install === "helm") {
      // Only stacks that install the chart need the helm provider; configured like kubernetes.
      // Helm provider 3.x takes the kubernetes block and its exec as objects, not lists.
      new (optional.helmProvider())(this, "provider_helm", { kubernetes: { ...endpoint, exec } });
    }

    this.agent = new PodIdentityAgent(this, "pod_identity_agent", {
      clusterName: cluster.name,
      install: cluster.agent.install,
      version: cluster.agent.version,
      chart: cluster.agent.chart,
      kubernetesVersion: eks.version,
      region: cluster.region,
      configurationValues: cluster.agent.configurationValues,
    });

    // One namespace resource per namespace, however many tenants share it and ask for it.
    const namespaces = new Map<string, NamespaceV1>();
    for (const { tenant } of tenants) {
      if (!tenant.createNamespace || namespaces.has(tenant.namespace)) continue;
      namespaces.set(tenant.namespace, new NamespaceV1(this, `namespace_${tenant.namespace}`, { metadata: { name: terraformLiteral(tenant.namespace) } }));
    }

    // Account for grants' ARNs, looked up only when a grant or statement needs it and the file
    // does not pin it. The partition follows from the region (lib/config/regions.ts).
    const needsArns = tenants.some(({ tenant: t }) => t.grants.length + t.statements.length > 0 || t.targetRoleArn) || props.plan.sharedRoles.some(({ sharedRole: r }) => r.grants.length + r.statements.length > 0);
    const arnEnvironment = needsArns
      ? { partition: partitionOf(cluster.region), accountId: cluster.accountId ?? new DataAwsCallerIdentity(this, "caller_identity").accountId, region: cluster.region }
      : undefined;

    // Under a scope whose ID no tenant name can take ('_' is not in the tenant alphabet).
    const sharedScope = new Construct(this, "shared_roles");
    const shared = new Map<string, SharedRole>();
    for (const { sharedRole: r, roleName, members } of props.plan.sharedRoles) {
      shared.set(
        r.name,
        new (optional.sharedRole())(sharedScope, r.name, {
          clusterName: cluster.name,
          clusterArn: eks.arn,
          members: members.map((t) => ({ name: t.name, namespace: t.namespace, serviceAccount: t.serviceAccount })),
          roleName,
          rolePath: r.role.path,
          permissionsBoundaryArn: r.role.permissionsBoundaryArn,
          maxSessionDuration: r.role.maxSessionDuration,
          managedPolicyArns: r.managedPolicyArns,
          grants: r.grants,
          statements: r.statements,
          arnEnvironment,
          tags: r.tags,
        }),
      );
    }
    this.sharedRoles = shared;

    const identities = new Map<string, TenantIdentity>();
    for (const { tenant, roleName } of tenants) {
      const dependsOn: ITerraformDependable[] = this.agent.dependable ? [this.agent.dependable] : [];
      const ns = namespaces.get(tenant.namespace);
      if (ns) dependsOn.push(ns);
      const sharedRole = tenant.sharedRole === undefined ? undefined : shared.get(tenant.sharedRole);
      const own = sharedRole
        ? { sharedRole }
        : {
            roleName,
            rolePath: tenant.role.path,
            permissionsBoundaryArn: tenant.role.permissionsBoundaryArn,
            maxSessionDuration: tenant.role.maxSessionDuration,
            managedPolicyArns: tenant.managedPolicyArns,
            clusterArn: eks.arn,
            scopeTrustToServiceAccount: tenant.trust.scopeToServiceAccount,
            grants: tenant.grants,
            statements: tenant.statements,
            targetRoleArn: tenant.targetRoleArn,
            arnEnvironment,
            irsa: tenant.irsa,
          };
      identities.set(
        tenant.name,
        new TenantIdentity(this, tenant.name, {
          clusterName: cluster.name,
          namespace: tenant.namespace,
          serviceAccount: tenant.serviceAccount,
          createServiceAccount: tenant.createServiceAccount,
          disableSessionTags: tenant.disableSessionTags,
          tags: tenant.tags,
          dependsOn,
          ...own,
        }),
      );
      const identity = identities.get(tenant.name)!;
      const existing = props.imports?.get(tenant.name);
      if (existing) importExisting(identity, { clusterName: cluster.name, namespace: tenant.namespace, serviceAccount: tenant.serviceAccount }, existing);
      if (tenant.smokeTest) {
        new (optional.smokeTest())(identity, "smoke-test", {
          namespace: tenant.namespace,
          serviceAccount: tenant.serviceAccount,
          // The pod ends up with the last role of the chain: the target role for a cross-account
          // tenant (FACTS.md, cross-account), else its own or its shared role.
          roleName: tenant.targetRoleArn ? tenant.targetRoleArn.slice(tenant.targetRoleArn.lastIndexOf("/") + 1) : identity.roleName,
          region: cluster.region,
          dependsOn: identity.serviceAccount ? [identity.association, identity.serviceAccount] : [identity.association],
        });
      }
    }
    this.tenants = identities;

    // `addon_<name>`: tenant names have no '_', so an add-on never takes a tenant's address.
    const addonAfter = this.agent.dependable ? [this.agent.dependable] : [];
    this.addons = new Map(
      props.plan.addons.map(({ addon, roleName, serviceAccount, managedPolicyArns }) => [
        addon.name,
        new (optional.addonIdentity())(this, `addon_${addon.name}`, {
          clusterName: cluster.name,
          addonName: addon.name,
          version: addon.version,
          serviceAccount,
          roleName,
          rolePath: addon.role.path,
          permissionsBoundaryArn: addon.role.permissionsBoundaryArn,
          maxSessionDuration: addon.role.maxSessionDuration,
          managedPolicyArns,
          configurationValues: addon.configurationValues,
          dependsOn: addonAfter,
        }),
      ]),
    );

    // `controller_<name>`: like add-ons', an ID no tenant name can take.
    this.controllers = new Map(
      props.plan.controllers.map(({ controller }) => [
        controller.name,
        new (optional.controllerIdentity())(this, `controller_${controller.name}`, {
          clusterName: cluster.name,
          region: cluster.region,
          controller,
          accountId: cluster.accountId ?? arnEnvironment?.accountId,
          clusterArn: eks.arn,
          dependsOn: addonAfter,
        }),
      ]),
    );
  }
}
