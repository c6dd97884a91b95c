/**
 * What makes an identity a grant principal, in the way of AWS CDK's `IGrantable`: statements added
 * after construction (`addToPolicy`) and grants on resource constructs (`grantRead(bucket)` and
 * the rest), all into the role's one inline policy (RolePermissions), made on the first statement.
 */
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import type { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import type { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import type { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { Construct } from "constructs";
import type { PlaceholderValues } from "../policy/abac";
import type { ArnEnvironment } from "../aws/arn-environment";
import type { StatementInput } from "../policy/permission-types";
import type { PolicyDocuments } from "./policy-document";
import { checkedStatements } from "./policy-statements";
import { resourceGrantStatements, type GrantableResource, type GrantOptions, type ReadableResource, type WritableResource } from "./resource-grants";
import { RolePermissions, type SizedStatement } from "./role-permissions";

/** Where the inline policy goes; asked for on the first statement. */
export interface PolicySettings {
  readonly role: IamRole;
  /** Called once, when the policy is made: the account may need a look-up. */
  readonly environment: () => ArnEnvironment;
  readonly policyDocuments?: PolicyDocuments;
}

export abstract class GrantPrincipal extends Construct {
  private rolePermissions?: RolePermissions;

  /** The inline policy of grants, statements and the target role; absent while there are none. */
  get permissions(): RolePermissions | undefined {
    return this.rolePermissions;
  }

  /** Who this is, for error messages: `TenantIdentity "web"`. */
  protected abstract get owner(): string;
  /** What `${namespace}`, `${serviceAccount}` and `${cluster}` become in statements. */
  protected abstract get placeholders(): PlaceholderValues;
  /** The role and environment of the policy; throws when this identity has no policy of its own. */
  protected abstract get policySettings(): PolicySettings;

  /**
   * Adds a statement to the role's inline policy, in the grammar of the `statements` prop
   * (`${namespace}`, `${serviceAccount}` and `${cluster}` filled in). A statement may name
   * Terraform references, such as another construct's `arn`.
   */
  addToPolicy(statement: StatementInput): void {
    this.addStatements(checkedStatements(this, `${this.owner} addToPolicy`, [statement], this.placeholders));
  }

  /** Read: a bucket's objects (under `prefix`), a table and its indexes, a secret's value, a parameter and those under it. */
  grantRead(resource: ReadableResource, options?: GrantOptions): void {
    this.grant(resource, "read", options);
  }

  /** Write: a bucket's objects (under `prefix`), a table's items. */
  grantWrite(resource: WritableResource, options?: GrantOptions): void {
    this.grant(resource, "write", options);
  }

  /** Read and write, as grantRead and grantWrite together. */
  grantReadWrite(resource: WritableResource, options?: GrantOptions): void {
    this.grant(resource, "readwrite", options);
  }

  /** sqs:SendMessage on the queue (and GetQueueUrl). */
  grantSendMessages(queue: SqsQueue): void {
    this.grant(queue, "send");
  }

  /** Receive, delete and change the visibility of the queue's messages. */
  grantConsumeMessages(queue: SqsQueue): void {
    this.grant(queue, "consume");
  }

  /** sns:Publish on the topic. */
  grantPublish(topic: SnsTopic): void {
    this.grant(topic, "publish");
  }

  /** kms:Decrypt with the key. */
  grantDecrypt(key: KmsKey): void {
    this.grant(key, "decrypt");
  }

  /** kms:Encrypt and kms:GenerateDataKey with the key. */
  grantEncrypt(key: KmsKey): void {
    this.grant(key, "encrypt");
  }

  private grant(resource: GrantableResource, access: string, options?: GrantOptions): void {
    this.addStatements(resourceGrantStatements(resource, access, options));
  }

  /** Into the inline policy, made on the first statement. */
  protected addStatements(statements: ReadonlyArray<SizedStatement>): void {
    if (statements.length === 0) return;
    if (this.rolePermissions) {
      this.rolePermissions.addStatements(statements);
      return;
    }
    const settings = this.policySettings;
    this.rolePermissions = new RolePermissions(this, "permissions", {
      roleName: settings.role.name,
      statements: statements.map((s) => s.statement),
      worstCase: statements.map((s) => s.worstCase ?? s.statement),
      environment: settings.environment(),
      owner: this.owner,
      policyDocuments: settings.policyDocuments,
    });
  }
}
