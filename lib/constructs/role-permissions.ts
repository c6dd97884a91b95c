import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { INLINE_POLICY_LIMIT, policySize } from "../policy/policy-size";
import { renderStatement } from "../policy/render-statement";
import type { ArnEnvironment } from "../policy/arn-environment";
import type { PolicyStatement } from "../policy/statement";
import { duplicateSids, INLINE_POLICY_NAME } from "../policy/permissions";
import { addPolicyDocument, policyDocumentsOf, type PolicyDocuments } from "./policy-document";

export interface RolePermissionsProps {
  /** Name of the role that receives the inline policy. */
  readonly roleName: string;
  /** The statements, in plain IAM form (see `permissionStatements`). Must not be empty. */
  readonly statements: ReadonlyArray<PolicyStatement>;
  /** Where names in the statements resolve to ARNs. */
  readonly environment: ArnEnvironment;
  /** The cluster's region when known at synth time, for an exact size check. @default the longest region code */
  readonly knownRegion?: string;
  /** Name of the inline policy. @default "least-privilege" */
  readonly policyName?: string;
  /** Who owns the role, for error messages, such as `tenant "web"`. @default the construct path */
  readonly owner?: string;
  /**
   * `inline`: the policy is written as the literal JSON the data source would produce, which
   * plans faster; `data-source`: a `data.aws_iam_policy_document`.
   * @default the stack's `defaults.policyDocuments`, else "data-source"
   */
  readonly policyDocuments?: PolicyDocuments;
}

/**
 * A role's inline policy: an `aws_iam_role_policy` whose document is a
 * `data.aws_iam_policy_document`. Refuses documents over the 10,240-character inline-policy
 * quota of a role, which IAM would reject only at apply time.
 */
export class RolePermissions extends Construct {
  /** The document's data source; undefined when the policy is inline JSON. */
  readonly document?: DataAwsIamPolicyDocument;
  readonly policy: IamRolePolicy;

  constructor(scope: Construct, id: string, props: RolePermissionsProps) {
    super(scope, id);
    const owner = props.owner ?? this.node.path;
    const policyName = props.policyName ?? INLINE_POLICY_NAME;
    const problems: string[] = [];
    if (props.statements.length === 0) problems.push("statements: must not be empty");
    for (const sid of duplicateSids(props.statements)) {
      const at = props.statements.flatMap((s, i) => (s.sid === sid ? [`statements[${i}]`] : []));
      problems.push(`statements: sid ${JSON.stringify(sid)} is used by ${at.join(" and ")}; sids must be unique in a policy`);
    }
    const size = policySize(props.statements, props.knownRegion);
    if (size > INLINE_POLICY_LIMIT) {
      problems.push(`statements: inline policy ${JSON.stringify(policyName)} would be ${size} characters; IAM allows at most ${INLINE_POLICY_LIMIT} characters of inline policy per role (white space not counted)`);
    }
    if (problems.length > 0) throw new Error(`RolePermissions of ${owner}: invalid props:\n${problems.map((p) => `  - ${p}`).join("\n")}`);

    const statements = props.statements.map((s) => renderStatement(s, props.environment));
    const document = addPolicyDocument(this, "document", statements, policyDocumentsOf(this, props.policyDocuments));
    this.document = document.dataSource;
    this.policy = new IamRolePolicy(this, "policy", { name: policyName, role: props.roleName, policy: document.json });
  }
}

/**
 * The caller's partition, account and region as Terraform data sources, for constructs used
 * without a stack-wide environment. ClusterStack makes one per stack instead.
 */
export function lookUpArnEnvironment(scope: Construct, accountId?: string, region?: string): ArnEnvironment {
  return {
    partition: new DataAwsPartition(scope, "partition").partition,
    accountId: accountId ?? new DataAwsCallerIdentity(scope, "account").accountId,
    region: region ?? new DataAwsRegion(scope, "region").region,
  };
}
