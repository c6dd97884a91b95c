/**
 * Glue between the policies this project writes and the IAM policy simulator
 * `@cloud-copilot/iam-simulate`: statements in the snake_case form of `aws_iam_policy_document`
 * (or the tenants file's form) become one identity policy, and a request is answered as IAM
 * would answer it. The simulator also validates the policy and the request against the IAM
 * action catalogue, so a test cannot pass on a misspelt action or a resource of the wrong type.
 */
import { runSimulation } from "@cloud-copilot/iam-simulate";
import type { Statement } from "./policy-eval";

export const ACCOUNT = "111122223333";
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/pod-role`;

/** IAM's JSON form of the statements: Effect, Action, Resource, Condition. */
export function policyDocument(statements: ReadonlyArray<Statement>): Record<string, unknown> {
  return {
    Version: "2012-10-17",
    Statement: statements.map((s) => {
      const condition: Record<string, Record<string, string[]>> = {};
      for (const c of s.condition ?? []) (condition[c.test] ??= {})[c.variable] = [...c.values];
      return { ...(s.sid ? { Sid: s.sid } : {}), Effect: s.effect, Action: [...s.actions], Resource: [...s.resources], ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}) };
    }),
  };
}

/**
 * The simulator's decision for one request by a role of account ACCOUNT holding `statements`:
 * "Allowed", "ImplicitlyDenied" or "ExplicitlyDenied". A simulation error (an invalid policy or
 * request) fails the test with the simulator's message.
 */
export async function decide(
  statements: ReadonlyArray<Statement>,
  action: string,
  resource: string,
  options: { resourceAccount?: string; resourcePolicy?: Record<string, unknown>; context?: Record<string, string | string[]> } = {},
): Promise<string> {
  const result = await runSimulation(
    {
      identityPolicies: [{ name: "pod", policy: policyDocument(statements) }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(options.resourcePolicy ? { resourcePolicy: options.resourcePolicy } : {}),
      request: { action, principal: ROLE, resource: { resource, accountId: options.resourceAccount ?? ACCOUNT }, contextVariables: options.context ?? {} },
    },
    {},
  );
  if (result.resultType === "error") throw new Error(`simulation failed: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}
