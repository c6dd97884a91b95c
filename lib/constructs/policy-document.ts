/**
 * Where a construct's policy documents come from: `data.aws_iam_policy_document` data sources
 * (the default), or the same JSON written into the resource as a literal (`inline`), which
 * spares `terraform plan` one data source per document (docs/benchmarks.md, "Plan time").
 */
import type { DataAwsIamPolicyDocumentStatement } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import { DataAwsIamPolicyDocument } from "@cdktf/provider-aws/lib/data-aws-iam-policy-document";
import type { Construct } from "constructs";
import type * as InlineDocument from "../policy/inline-document";

export type PolicyDocuments = "data-source" | "inline";

/** The construct-tree context key a stack sets so that every construct in it follows the tenants file's `defaults.policyDocuments`. */
export const POLICY_DOCUMENTS_CONTEXT = "eks-pod-identity:policyDocuments";

/** The mode of `scope`: its own prop, else the stack's context, else data sources. */
export function policyDocumentsOf(scope: Construct, own?: PolicyDocuments): PolicyDocuments {
  return own ?? (scope.node.tryGetContext(POLICY_DOCUMENTS_CONTEXT) as PolicyDocuments | undefined) ?? "data-source";
}

export interface PolicyDocumentParts {
  /** The document's JSON as the resource takes it. */
  readonly json: string;
  /** The data source, unless the document is inline. */
  readonly dataSource?: DataAwsIamPolicyDocument;
}

/**
 * A document of `statements` under construct ID `id`. Inline, a document whose rendering could
 * differ from the data source's (lib/policy/inline-document.ts) keeps its data source.
 */
export function addPolicyDocument(scope: Construct, id: string, statements: ReadonlyArray<DataAwsIamPolicyDocumentStatement>, mode: PolicyDocuments): PolicyDocumentParts {
  // The renderer loads only in inline mode, so that the default mode's synth does not compile it.
  const literal = mode === "inline" ? (require("../policy/inline-document") as typeof InlineDocument).inlinePolicyJson(statements) : undefined;
  if (literal !== undefined) return { json: literal };
  const dataSource = new DataAwsIamPolicyDocument(scope, id, { statement: [...statements] });
  return { json: dataSource.json, dataSource };
}
