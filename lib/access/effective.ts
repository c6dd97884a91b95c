/**
 * An identity's effective statements: what IAM evaluates for its role. Its own (inline, and
 * the policies the stack creates for it) and those of the default versions of its AWS managed
 * policies, each with its source; a customer managed policy adds nothing here because it cannot
 * be read offline, and the report says so (ManagedPolicyRef.notRead).
 */
import type { ManagedDocument } from "./managed-documents";
import type { AccessReport, Identity, Permission } from "./model";

function documentOf(report: AccessReport, arn: string): ManagedDocument | undefined {
  const docs = report.managedPolicyDocuments ?? {};
  return Object.prototype.hasOwnProperty.call(docs, arn) ? docs[arn] : undefined;
}

export function effectiveStatements(i: Identity, report: AccessReport): Permission[] {
  const out = [...i.permissions];
  for (const ref of i.managedPolicies ?? []) out.push(...(documentOf(report, ref.arn)?.statements ?? []));
  return out;
}

/**
 * The statements of the identity's permissions boundary; null when it has none. A boundary
 * whose document cannot be read gives no statements: the diff then sees its ARN change only.
 */
export function boundaryStatements(i: Identity, report: AccessReport): ReadonlyArray<Permission> | null {
  if (!i.permissionsBoundary) return null;
  return documentOf(report, i.permissionsBoundary.arn)?.statements ?? [];
}
