/**
 * IAM's answer for one request against a synthesized identity policy, from an IAM policy
 * simulator (@cloud-copilot/iam-simulate), for the claims that rest on condition operators
 * policy-eval.ts does not model (Bool, such as kms:GrantIsForAWSResource).
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { Context, Statement } from "./policy-eval";

/** The synthesized statements (data.aws_iam_policy_document's form) as an IAM policy document. */
function document(statements: ReadonlyArray<Statement>) {
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => {
      const condition: Record<string, Record<string, string[]>> = {};
      for (const c of s.condition ?? []) (condition[c.test] ??= {})[c.variable] = [...c.values];
      return { Effect: s.effect, Action: [...s.actions], Resource: [...s.resources], ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) };
    }),
  };
}

/**
 * A KMS key is usable through IAM policies only when its key policy lets the account's IAM
 * policies decide; this is the default key policy's statement that does so (KMS developer guide,
 * key-policy-default: https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
 */
function defaultKeyPolicy(account: string) {
  return { Version: "2012-10-17", Statement: [{ Sid: "Enable IAM User Permissions", Effect: "Allow", Principal: { AWS: `arn:aws:iam::${account}:root` }, Action: "kms:*", Resource: "*" }] };
}

/**
 * "Allowed", "ImplicitlyDenied" or "ExplicitlyDenied" for the role of account 111122223333;
 * a KMS key gets its default key policy. Throws when the simulator refuses the request as invalid.
 */
export async function simulate(statements: ReadonlyArray<Statement>, action: string, resource: string, context: Context = {}): Promise<string> {
  const account = resource.split(":")[4] || "111122223333";
  const r = await runSimulation(
    {
      identityPolicies: [{ name: "controller", policy: document(statements) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(resource.split(":")[2] === "kms" ? { resourcePolicy: defaultKeyPolicy(account) } : {}),
      request: {
        action,
        principal: "arn:aws:iam::111122223333:role/controller",
        resource: { resource, accountId: account },
        contextVariables: Object.fromEntries(Object.entries(context).map(([k, v]) => [k, typeof v === "string" ? v : [...v]])),
      },
    },
    {},
  );
  if (r.resultType === "error") throw new Error(`iam-simulate refused the request: ${JSON.stringify(r.errors)}`);
  return r.overallResult;
}
