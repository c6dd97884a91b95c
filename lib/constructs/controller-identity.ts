import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { ServiceAccountV1 } from "../bindings/kubernetes/service-account-v1";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import { arnPartitionProblem, policyAccountProblem } from "../aws/arn-rules";
import { controllerOptionProblems, oversizedPolicyProblem } from "../policy/controllers/option-rules";
import { completeController, controllerInputProblems } from "../policy/controllers/controller-props";
import { CONTROLLER_SERVICE_ACCOUNTS } from "../kubernetes/controller-service-accounts";
import { controllerRoleNameFor } from "../aws/role-name";
import { managedPolicyCountProblems } from "../aws/cross-field-rules";
import type { ControllerConfig, ControllerInput } from "../policy/controllers/controller-types";
import { formatPath } from "../diagnostics/problems";
import { regionPartition as partitionOf } from "../aws/region-rules";
import * as rules from "../aws/rules";
import type { Tags } from "../policy/permission-types";
import { managedPolicySize, packPolicies } from "../policy/controllers/pack";
import { controllerPolicy } from "../policy/controllers/registry";
import { ACCOUNT } from "../aws/arn-environment";
import { renderStatement } from "../policy/render-statement";
import type { PolicyStatement } from "../policy/statement";
import { podIdentityTrustStatement } from "../policy/trust";
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from "../kubernetes/kubernetes-metadata";
import { addPolicyDocument, policyDocumentsOf } from "./policy-document";
import { addPodIdentityRole, checkRoleSettings } from "./pod-identity-role";
import type { SmokeTest } from "./smoke-test";
import { controllerSmokeTestJobName } from "../kubernetes/smoke-test-names";
import { PropChecker } from "./validate-props";
import type { ClusterProps, EksCluster } from "./eks-cluster";
import { terraformLiteral, terraformLiteralTags } from "../terraform/terraform-literal";
import { addStackOutputEntry } from "./stack-outputs";

export interface ControllerIdentityProps extends ClusterProps {
  /**
   * One `clusters[].controllers` entry, exactly as the tenants file takes it: `name`, the
   * controller's options, and optionally namespace, serviceAccount, createServiceAccount,
   * smokeTest and role. Checked with the file's own schema and option checks.
   */
  readonly controller: ControllerInput;
  /** Tags on the role, its policies and the association. @default {} */
  readonly tags?: Tags;
  /** What the association and service account wait for, usually the Pod Identity agent. @default [] */
  readonly dependsOn?: ReadonlyArray<ITerraformDependable>;
  /**
   * The controller's namespace, when the same Terraform configuration creates it: every
   * Kubernetes object of the controller (its service account, its smoke-test Job) waits for it,
   * so none is created before the namespace or left behind when it goes.
   * @default none: the namespace exists already
   */
  readonly namespaceResource?: ITerraformDependable;
}

/**
 * A well-known controller's identity: a role whose trust admits only the controller's service
 * account, its least-privilege policy (the controller project's own, scoped by the options)
 * as customer-managed policies of at most 6,144 characters each plus any AWS-managed policies,
 * the Pod Identity association and, optionally, the service account and a smoke test.
 */
export class ControllerIdentity extends Construct {
  /** The trust document's data source; undefined when the trust policy is inline JSON. */
  readonly trustPolicy?: DataAwsIamPolicyDocument;
  readonly role: IamRole;
  /** The customer-managed policies, in order; names `<role name>-1`, `-2`, … */
  readonly policies: ReadonlyArray<IamPolicy>;
  readonly association: EksPodIdentityAssociation;
  readonly serviceAccount?: ServiceAccountV1;
  readonly roleName: string;
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** The entry with its defaults applied. */
  readonly controller: ControllerConfig;

  constructor(scope: Construct, id: string, input: ControllerIdentityProps) {
    super(scope, id);
    const ref = input.cluster;
    const props = { ...input, clusterName: ref.clusterName, region: ref.region };
    const givenAccount = ref.accountPinned ? ref.accountId : undefined;
    const { controller, plan, policy, documents, ctx, roleSettings } = checkControllerProps(`ControllerIdentity ${JSON.stringify(id)}`, input);
    const r = controller.role;

    this.controller = controller;
    this.roleName = plan.roleName;
    this.namespace = plan.namespace;
    this.serviceAccountName = plan.serviceAccount;
    const tags = terraformLiteralTags(props.tags);
    const inNamespace = props.namespaceResource ? [props.namespaceResource] : [];
    const after = [...(props.dependsOn ?? []), ...inNamespace];
    const dependsOn = after.length > 0 ? after : undefined;

    const clusterArn = ref.clusterArn;
    let attachments: ReadonlyArray<IamRolePolicyAttachment>;
    ({ trustPolicy: this.trustPolicy, role: this.role, attachments } = addPodIdentityRole(this, {
      ...roleSettings,
      roleName: plan.roleName,
      trust: [podIdentityTrustStatement({ namespace: plan.namespace, serviceAccount: plan.serviceAccount, clusterArn })],
      description: `EKS Pod Identity role for ${controller.name} (${plan.namespace}/${plan.serviceAccount}) on ${props.clusterName}`,
      tags: props.tags,
      policyDocuments: props.policyDocuments,
    }));

    // The account is looked up only when a statement names it and the caller did not give it.
    const needsAccount = policy.statements.some((s) => [...s.resources, ...(s.conditions ?? []).flatMap((c) => [c.variable, ...c.values])].some((x) => x.includes(ACCOUNT)));
    const accountId = givenAccount ?? (needsAccount ? ref.accountId : "");
    const env = { partition: ctx.partition, region: ctx.region, accountId };
    const policyAttachments: IamRolePolicyAttachment[] = [];
    this.policies = documents.map((statements: PolicyStatement[], i) => {
      const n = i + 1;
      const document = addPolicyDocument(this, `managed-policy-${n}-document`, statements.map((s) => renderStatement(s, env)), policyDocumentsOf(this, props.policyDocuments));
      const p = new IamPolicy(this, `managed-policy-${n}`, {
        name: `${plan.roleName}-${n}`,
        path: terraformLiteral(r.path),
        policy: document.json,
        description: `${controller.name} on ${props.clusterName}, part ${n} of ${documents.length}`,
        tags,
      });
      policyAttachments.push(new IamRolePolicyAttachment(this, `managed-policy-${n}-attachment`, { role: this.role.name, policyArn: p.arn }));
      return p;
    });

    if (controller.createServiceAccount) {
      this.serviceAccount = new ServiceAccountV1(this, "service-account", {
        metadata: { name: terraformLiteral(plan.serviceAccount), namespace: terraformLiteral(plan.namespace), labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } },
        dependsOn,
      });
    }

    // The association waits for the policies too, so that the controller's first credentials
    // already carry them.
    const associationAfter = [...(dependsOn ?? []), ...attachments, ...policyAttachments];
    this.association = new EksPodIdentityAssociation(this, "association", {
      clusterName: terraformLiteral(props.clusterName),
      namespace: terraformLiteral(plan.namespace),
      serviceAccount: terraformLiteral(plan.serviceAccount),
      roleArn: this.role.arn,
      tags,
      dependsOn: associationAfter.length > 0 ? associationAfter : undefined,
    });

    if (controller.smokeTest) this.addSmokeTest(ref, inNamespace);
    addStackOutputEntry(this, "controllers", controller.name, { role_arn: this.role.arn, role_name: this.role.name, association_id: this.association.associationId });
  }

  /** A Job as the controller's service account that checks it gets the controller's role. */
  private addSmokeTest(cluster: EksCluster, inNamespace: ReadonlyArray<ITerraformDependable>): void {
    // Loaded only when asked for: the Job's provider class is large (docs/benchmarks.md).
    const Job = (require("./smoke-test") as { SmokeTest: typeof SmokeTest }).SmokeTest;
    new Job(this, "smoke-test", {
      namespace: this.namespace,
      serviceAccount: this.serviceAccountName,
      roleName: this.roleName,
      cluster,
      jobName: controllerSmokeTestJobName(this.controller.name),
      dependsOn: [this.association, ...(this.serviceAccount ? [this.serviceAccount] : []), ...inNamespace],
    });
  }
}

/** Every problem of the props at once (thrown), else the entry with its defaults and what its role needs. */
function checkControllerProps(owner: string, input: ControllerIdentityProps) {
  const ref = input.cluster;
  const props = { clusterName: ref.clusterName, region: ref.region };
  // A pinned account is known now, for the option checks; a looked-up one only when a policy needs it.
  const givenAccount = ref.accountPinned ? ref.accountId : undefined;
  const check = new PropChecker(owner);
  const pinned = givenAccount !== undefined && rules.ACCOUNT_ID.pattern.test(givenAccount) ? givenAccount : undefined;
  const shape = controllerInputProblems(input.controller);
  for (const p of shape) check.that(formatPath(["controller", ...p.field]), false, p.message);
  check.done();
  const controller = completeController(input.controller);
  const defaults = CONTROLLER_SERVICE_ACCOUNTS[controller.name];
  const plan = { roleName: controllerRoleNameFor(controller, props.clusterName), namespace: controller.namespace ?? defaults.namespace, serviceAccount: controller.serviceAccount ?? defaults.serviceAccount };
  check.rule("controller.namespace", rules.NAMESPACE, plan.namespace).rule("controller.serviceAccount", rules.SERVICE_ACCOUNT, plan.serviceAccount);
  if (rules.REGION.pattern.test(props.region)) {
    for (const p of controllerOptionProblems(controller, { name: props.clusterName, region: props.region, accountId: pinned })) check.that(formatPath(["controller", ...p.field]), false, p.message);
  }
  const ctx = { clusterName: props.clusterName, region: props.region, partition: rules.REGION.pattern.test(props.region) ? partitionOf(props.region) : "aws" };
  const policy = controllerPolicy(controller, ctx);
  const documents = packPolicies(policy.statements, ctx);
  const attached = documents.length + policy.managedPolicyArns.length;
  check.shared(managedPolicyCountProblems(attached, "needs"), ["controller"]);
  for (const d of documents) {
    const size = managedPolicySize(d, ctx);
    const tooLarge = oversizedPolicyProblem(size);
    check.that("controller", tooLarge === undefined, tooLarge ?? "");
  }
  const r = controller.role;
  if (r.permissionsBoundaryArn !== undefined && rules.POLICY_ARN.pattern.test(r.permissionsBoundaryArn) && rules.REGION.pattern.test(props.region)) {
    const where = { name: props.clusterName, region: props.region, accountId: pinned };
    const m = arnPartitionProblem(r.permissionsBoundaryArn, where) ?? policyAccountProblem(r.permissionsBoundaryArn, where);
    check.that("controller.role.permissionsBoundaryArn", m === undefined, m ?? "");
  }
  const roleSettings = { rolePath: r.path, permissionsBoundaryArn: r.permissionsBoundaryArn, maxSessionDuration: r.maxSessionDuration, managedPolicyArns: policy.managedPolicyArns };
  checkRoleSettings(check, plan.roleName, roleSettings);
  check.done();
  return { controller, plan, policy, documents, ctx, roleSettings };
}
