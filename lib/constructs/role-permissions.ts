import type { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { Construct } from "constructs";
import { INLINE_POLICY_LIMIT, policySize } from "../policy/policy-size";
import { renderStatement } from "../policy/render-statement";
import type { ArnEnvironment } from "../aws/arn-environment";
import type { PolicyStatement } from "../policy/statement";
import { duplicateSids, INLINE_POLICY_NAME } from "../policy/permissions";
import { addPolicyDocument, policyDocumentsOf, type PolicyDocuments } from "./policy-document";

export interface RolePermissionsProps {
  /** Name of the role that receives the inline policy. */
  readonly roleName: string;
  /** The statements, in plain IAM form (see `permissionStatements`). Must not be empty; more can be added with `addStatements`. */
  readonly statements: ReadonlyArray<PolicyStatement>;
  /**
   * The statements with each Terraform reference replaced by the longest value it can take, one
   * for one, for the size check.
   * @default the statements themselves
   */
  readonly worstCase?: ReadonlyArray<PolicyStatement>;
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
 * One statement, and the same statement with every Terraform reference replaced by the longest
 * value it can take: the size check counts the second, the document holds the first.
 */
export interface SizedStatement {
  readonly statement: PolicyStatement;
  /** @default the statement itself */
  readonly worstCase?: PolicyStatement;
}

/**
 * A role's inline policy: an `aws_iam_role_policy` whose document is a
 * `data.aws_iam_policy_document` (or its literal JSON). Statements may be added after
 * construction (`addStatements`); the document always holds all of them. Refuses repeated sids
 * and documents over the 10,240-character inline-policy quota of a role, which IAM would reject
 * only at apply time.
 */
export class RolePermissions extends Construct {
  readonly policy: IamRolePolicy;
  private readonly props: RolePermissionsProps;
  private readonly owner: string;
  private readonly mode: PolicyDocuments;
  private readonly all: SizedStatement[] = [];
  private dataSource?: DataAwsIamPolicyDocument;

  constructor(scope: Construct, id: string, props: RolePermissionsProps) {
    super(scope, id);
    this.props = props;
    this.owner = props.owner ?? this.node.path;
    this.mode = policyDocumentsOf(this, props.policyDocuments);
    if (props.statements.length === 0) this.refuse(["statements: must not be empty"]);
    const initial = props.statements.map((statement, i) => ({ statement, worstCase: props.worstCase?.[i] }));
    this.check(initial);
    this.all.push(...initial);
    const document = addPolicyDocument(this, "document", this.rendered(), this.mode);
    this.dataSource = document.dataSource;
    this.policy = new IamRolePolicy(this, "policy", { name: this.policyName, role: props.roleName, policy: document.json });
  }

  /** The document's data source; undefined while the policy is inline JSON. */
  get document(): DataAwsIamPolicyDocument | undefined {
    return this.dataSource;
  }

  /** Every statement of the policy, in order. */
  get statements(): ReadonlyArray<PolicyStatement> {
    return this.all.map((s) => s.statement);
  }

  /** Adds statements to the document, checked with those already in it. */
  addStatements(statements: ReadonlyArray<SizedStatement>): void {
    this.check(statements);
    this.all.push(...statements);
    const rendered = this.rendered();
    if (this.dataSource) {
      this.dataSource.putStatement(rendered);
      return;
    }
    const document = addPolicyDocument(this, "document", rendered, this.mode);
    this.dataSource = document.dataSource;
    this.policy.policy = document.json;
  }

  private get policyName(): string {
    return this.props.policyName ?? INLINE_POLICY_NAME;
  }

  private rendered() {
    return this.all.map((s) => renderStatement(s.statement, this.props.environment));
  }

  /** Sids unique and the size within the quota, with `added` joined to what is there. */
  private check(added: ReadonlyArray<SizedStatement>): void {
    const problems: string[] = [];
    const after = [...this.all, ...added];
    const statements = after.map((s) => s.statement);
    for (const sid of duplicateSids(statements)) {
      const at = statements.flatMap((s, i) => (s.sid === sid ? [`statements[${i}]`] : []));
      problems.push(`statements: sid ${JSON.stringify(sid)} is used by ${at.join(" and ")}; sids must be unique in a policy`);
    }
    const size = policySize(after.map((s) => s.worstCase ?? s.statement), this.props.knownRegion);
    if (size > INLINE_POLICY_LIMIT) {
      problems.push(`statements: inline policy ${JSON.stringify(this.policyName)} would be ${size} characters; IAM allows at most ${INLINE_POLICY_LIMIT} characters of inline policy per role (white space not counted)`);
    }
    if (problems.length > 0) this.refuse(problems);
  }

  private refuse(problems: ReadonlyArray<string>): never {
    throw new Error(`RolePermissions of ${this.owner}: invalid props:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  }
}
