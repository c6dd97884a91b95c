/**
 * IAM's answer for one request against a synthesized identity policy, from an IAM policy
 * simulator (@cloud-copilot/iam-simulate, through iam-simulate-policies.ts), for the claims that
 * rest on condition operators policy-eval.ts does not model (Bool, such as
 * kms:GrantIsForAWSResource).
 */
import { parseArn } from "../lib/aws/arn";
import { ACCOUNT, decide } from "./iam-simulate-policies";
import type { Context, Statement } from "./policy-eval";

/**
 * A KMS key is usable through IAM policies only when its key policy lets the account's IAM
 * policies decide; this is the default key policy's statement that does so (KMS developer guide,
 * key-policy-default: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
 */
function defaultKeyPolicy(account: string) {
  return { Version: "2012-10-17", Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }] };
}

/**
 * "Allowed", "ImplicitlyDenied" or "ExplicitlyDenied" for a role of account 111122223333;
 * a KMS key gets its default key policy. Throws when the simulator refuses the request as invalid.
 */
export async function simulate(statements: ReadonlyArray<Statement>, action: string, resource: string, context: Context = {}): Promise<string> {
  const arn = parseArn(resource);
  const account = arn?.account || ACCOUNT;
  return decide(statements, action, resource, {
    resourceAccount: account,
    ...(arn?.service === "kms" ? { resourcePolicy: defaultKeyPolicy(account) } : {}),
    context: Object.fromEntries(Object.entries(context).map(([k, v]) => [k, typeof v === "string" ? v : [...v]])),
  });
}
