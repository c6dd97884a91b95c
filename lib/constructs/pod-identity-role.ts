/**
 * What every Pod Identity role is made of, for tenants, shared roles and add-ons alike: a trust
 * document, the role, and one attachment per managed policy, with one set of prop checks.
 * The parts are created directly in the caller's scope under fixed IDs ("trust", "role",
 * "policy-…"), so their Terraform addresses are those of the caller.
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import type { Construct } from "constructs";
import { managedPolicyProblems, permissionsBoundaryProblems } from "../aws/cross-field-rules";
import { wholeNumberMessage } from "../diagnostics/whole-number";
import { attachmentId } from "../aws/role-name";
import * as rules from "../aws/rules";
import type { Tags } from "../policy/permission-types";
import { terraformLiteral, terraformLiteralTags } from "../terraform/terraform-literal";
import type { PropChecker } from "./validate-props";
import { addPolicyDocument, policyDocumentsOf, type PolicyDocuments } from "./policy-document";

export { attachmentId };

/** A role's own settings, as every construct that makes a role takes them. */
export interface RoleSettings {
  /** IAM path of the role. @default "/" */
  readonly rolePath?: string;
  /** ARN of a managed policy used as the role's permissions boundary. @default no boundary */
  readonly permissionsBoundaryArn?: string;
  /** Longest session the role allows, in seconds, 3600 to 43200. @default 3600 */
  readonly maxSessionDuration?: number;
  /** Managed policies to attach, one `aws_iam_role_policy_attachment` each. @default [] */
  readonly managedPolicyArns?: ReadonlyArray<string>;
}

/** Adds the checks of a role's name and settings to `check`, with the tenants file's rules. */
export function checkRoleSettings(check: PropChecker, roleName: string, s: RoleSettings): void {
  const maxSession = s.maxSessionDuration ?? rules.SESSION_DURATION.min;
  const arns = s.managedPolicyArns ?? [];
  check
    .rule("roleName", rules.ROLE_NAME, roleName)
    .rule("rolePath", rules.IAM_PATH, s.rolePath, true)
    .rule("permissionsBoundaryArn", rules.POLICY_ARN, s.permissionsBoundaryArn, true)
    .that(
      "maxSessionDuration",
      Number.isInteger(maxSession) && maxSession >= rules.SESSION_DURATION.min && maxSession <= rules.SESSION_DURATION.max,
      wholeNumberMessage(maxSession, rules.SESSION_DURATION.min, rules.SESSION_DURATION.max, "seconds"),
    )
    .shared(permissionsBoundaryProblems(s.permissionsBoundaryArn, ["permissionsBoundaryArn"]))
    .shared(managedPolicyProblems(arns), ["managedPolicyArns"]);
  arns.forEach((arn, i) => check.rule(`managedPolicyArns[${i}]`, rules.POLICY_ARN, arn));
}

export interface PodIdentityRoleParts {
  /** The trust document's data source; undefined when the trust policy is inline JSON. */
  readonly trustPolicy?: DataAwsIamPolicyDocument;
  readonly role: IamRole;
  readonly attachments: ReadonlyArray<IamRolePolicyAttachment>;
}

/** Creates the trust document, the role and its attachments in `scope`; check the props first. */
export function addPodIdentityRole(
  scope: Construct,
  props: RoleSettings & {
    readonly roleName: string;
    readonly trust: ReadonlyArray<DataAwsIamPolicyDocumentStatement>;
    readonly description: string;
    readonly tags?: Tags;
    readonly policyDocuments?: PolicyDocuments;
  },
): PodIdentityRoleParts {
  const trust = addPolicyDocument(scope, "trust", props.trust, policyDocumentsOf(scope, props.policyDocuments));
  const role = new IamRole(scope, "role", {
    name: terraformLiteral(props.roleName),
    path: terraformLiteral(props.rolePath ?? "/"),
    assumeRolePolicy: trust.json,
    permissionsBoundary: terraformLiteral(props.permissionsBoundaryArn),
    maxSessionDuration: props.maxSessionDuration ?? rules.SESSION_DURATION.min,
    description: terraformLiteral(props.description),
    tags: terraformLiteralTags(props.tags),
  });
  const attachments = (props.managedPolicyArns ?? []).map((arn) => new IamRolePolicyAttachment(scope, attachmentId(arn), { role: role.name, policyArn: terraformLiteral(arn) }));
  return { trustPolicy: trust.dataSource, role, attachments };
}
