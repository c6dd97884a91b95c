import { UniqueAddressStack } from "../lib/constructs/unique-address-stack";
import { POLICY_DOCUMENTS_CONTEXT, type PolicyDocuments } from "../lib/constructs/policy-document";
import type { Construct } from "constructs";
import type { DeployRole } from "../lib/plan/deploy-role";
import type { GroupPlan } from "../lib/plan/stack-plan";
import type { Cluster, Tags } from "../lib/schema/schema";
import type { ExistingTenantResources, TenantIdentity } from "../lib/constructs/tenant-identity";
import { addAwsProvider, addClusterAccess } from "./cluster-access";
import { REQUIRED_TERRAFORM } from "./cluster-stack";
import { requireProviderRanges, tenantFeatures } from "./provider-versions";
import { addStateBackend, type StateSettings } from "./stack-backend";
import { addNamespaces, addTenantIdentities, lookUpAccountFirst, tenantsNeedArns } from "./tenant-identities";

export interface GroupStackProps {
  /** The group's tenants on one cluster. */
  readonly plan: GroupPlan;
  /** Tags on every taggable AWS resource of the stack, through the provider's default_tags. @default {} */
  readonly defaultTags?: Tags;
  /**
   * How policy documents are written: `data.aws_iam_policy_document` data sources, or the same
   * JSON as literals (`inline`), for every construct in the stack that does not set its own.
   * @default "data-source"
   */
  readonly policyDocuments?: PolicyDocuments;
  /** Where the state lives. @default local state, terraform.<cluster>-<group>.tfstate */
  readonly state?: StateSettings;
  /** What already exists, by tenant name, for `import` blocks (`npm run adopt`). @default none */
  readonly imports?: ReadonlyMap<string, ExistingTenantResources>;
  /** The role the providers assume, as the cluster's base stack does. @default the ambient credentials */
  readonly deployRole?: DeployRole;
}

/**
 * The tenants of one stack group on one cluster, in the stack `<cluster>-<group>` with a state of
 * its own. It holds nothing cluster-wide: the agent, add-ons and shared roles stay in the
 * cluster's base stack, which this stack depends on (build-stacks.ts), so `cdktf deploy '*'`
 * applies the base stack, and with it the agent, before any association here.
 *
 * Its tenants are built exactly as the base stack builds its own (tenant-identities.ts), so a
 * tenant keeps its resource addresses when it moves between stacks.
 */
export class GroupStack extends UniqueAddressStack {
  /** The cluster whose tenants of one group this stack holds. */
  readonly cluster: Cluster;
  readonly tenants: ReadonlyMap<string, TenantIdentity>;

  constructor(scope: Construct, props: GroupStackProps) {
    const { cluster, tenants, stackName } = props.plan;
    super(scope, stackName);
    this.node.setContext(POLICY_DOCUMENTS_CONTEXT, props.policyDocuments ?? "data-source");
    this.cluster = cluster;
    this.addOverride("terraform.required_version", REQUIRED_TERRAFORM);

    addAwsProvider(this, cluster, props.defaultTags, props.deployRole);
    addStateBackend(this, stackName, props.state ?? {});
    const { cluster: reference } = addClusterAccess(this, cluster, props.deployRole);

    const namespaces = addNamespaces(this, tenants);
    // Made before the tenants, as the base stack does, so that the JSON keeps its order.
    lookUpAccountFirst(reference, tenantsNeedArns(tenants));
    this.tenants = addTenantIdentities(this, {
      cluster: reference,
      tenants,
      // The agent lives in another state: the stack dependency orders it, not depends_on.
      after: [],
      namespaces,
      sharedRoles: new Map(),
      imports: props.imports,
    });
    requireProviderRanges(this, tenantFeatures(tenants));
  }
}
