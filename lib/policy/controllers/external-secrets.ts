/**
 * External Secrets Operator, with the AWS Secrets Manager and Parameter Store providers.
 *
 * Source: external-secrets/external-secrets v2.9.0, docs/provider/aws-secrets-manager.md and
 * docs/provider/aws-parameter-store.md
 * (https://github.com/external-secrets/external-secrets/blob/v2.9.0/docs/provider/aws-secrets-manager.md),
 * with their example resources replaced by the given ARNs:
 * - Secrets Manager, reading: ListSecrets and BatchGetSecretValue on `*` (neither has
 *   resource-level permissions; BatchGetSecretValue still needs GetSecretValue on each secret),
 *   and the four per-secret read actions on the secrets;
 * - Secrets Manager, PushSecret (createSecrets): the "more restrictive version" of the page,
 *   where DeleteSecret needs the tag managed-by: external-secrets;
 * - Parameter Store: ssm:GetParameter*, and for pushing ssm:PutParameter*, AddTagsToResource and
 *   ListTagsForResource, with each wildcard written out as the actions it matches in the IAM
 *   action catalogue (a test keeps the two in step).
 * - Parameter Store, finding (findParameters, off by default): the page says that finding
 *   parameters by tag also needs ssm:DescribeParameters and tag:GetResources with "Resource": "*"
 *   (docs/provider/aws-parameter-store.md, "Fetching Parameters"); at v2.9.0 the provider finds
 *   by tag with DescribeParameters, and by path with GetParametersByPath, falling back to
 *   DescribeParameters where that is denied (providers/v1/aws/parameterstore/parameterstore.go,
 *   findByTags, fallbackFindByName). Neither action has resource-level permissions (Service
 *   Authorization Reference, ssm and tag: no resource types), so `*` is the only resource IAM
 *   accepts; both are List/Read actions that return names and tags, never values: every value
 *   found is still read with GetParameter, on ssmParameterArns only.
 * kmsKeyArns: reading a secret or SecureString encrypted with a customer managed key needs
 * kms:Decrypt on it, writing one also kms:GenerateDataKey (Secrets Manager user guide,
 * security-encryption; https://docs.aws.amazon.com/secretsmanager/latest/userguide/security-encryption.html).
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { KMS_KEY, SECRET, SSM_PARAMETER } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";
import type { PolicyStatement } from "../statement";

/** ssm:GetParameter* and ssm:PutParameter*, as the IAM action catalogue expands them. */
export const SSM_GET_PARAMETER = ["ssm:GetParameter", "ssm:GetParameterHistory", "ssm:GetParameters", "ssm:GetParametersByPath"] as const;
export const SSM_PUT_PARAMETER = ["ssm:PutParameter"] as const;
/** Finding parameters by tag or path: actions without resource-level permissions. */
export const FIND_PARAMETERS = ["ssm:DescribeParameters", "tag:GetResources"] as const;

export const externalSecrets: ControllerDefinition<"external-secrets"> = {
  name: "external-secrets",
  ...CONTROLLER_SERVICE_ACCOUNTS["external-secrets"],
  chart: "external-secrets/external-secrets (charts.external-secrets.io), release external-secrets in namespace external-secrets, as the project's getting-started guide installs it",
  source: { document: "external-secrets/external-secrets docs/provider/aws-secrets-manager.md, aws-parameter-store.md", version: "v2.9.0", url: "https://github.com/external-secrets/external-secrets/blob/v2.9.0/docs/provider/aws-secrets-manager.md" },
  arnOptions: { secretsManagerArns: SECRET, ssmParameterArns: SSM_PARAMETER, kmsKeyArns: KMS_KEY },
  policy(o) {
    const out: PolicyStatement[] = [];
    if (o.secretsManagerArns) {
      out.push(
        allow("ListAndBatchGetSecrets", ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"], ["*"]),
        allow("ReadSecrets", ["secretsmanager:GetResourcePolicy", "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds"], o.secretsManagerArns),
      );
      if (o.createSecrets) {
        out.push(
          allow(
            "PushSecrets",
            [
              "secretsmanager:CreateSecret",
              "secretsmanager:PutSecretValue",
              "secretsmanager:TagResource",
              "secretsmanager:GetResourcePolicy",
              "secretsmanager:PutResourcePolicy",
              "secretsmanager:DeleteResourcePolicy",
              "secretsmanager:ReplicateSecretToRegions",
              "secretsmanager:RemoveRegionsFromReplication",
            ],
            o.secretsManagerArns,
          ),
          allow("DeleteManagedSecrets", ["secretsmanager:DeleteSecret"], o.secretsManagerArns, [{ test: "StringEquals", variable: "secretsmanager:ResourceTag/managed-by", values: ["external-secrets"] }]),
        );
      }
    }
    if (o.ssmParameterArns) {
      out.push(allow("ReadParameters", [...SSM_GET_PARAMETER], o.ssmParameterArns));
      if (o.createSecrets) out.push(allow("PushParameters", [...SSM_PUT_PARAMETER, "ssm:AddTagsToResource", "ssm:ListTagsForResource"], o.ssmParameterArns));
      if (o.findParameters) out.push(allow("FindParameters", [...FIND_PARAMETERS], ["*"]));
    }
    if (o.kmsKeyArns) out.push(allow("UseKmsKeys", o.createSecrets ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"], o.kmsKeyArns));
    return { managedPolicyArns: [], statements: out };
  },
};
