/**
 * Field schemas shared by the tenants file's schema (schema.ts) and the controllers' schema
 * (controller-schema.ts): each imports them from here, so neither imports the other back.
 */
import { z } from "zod";
import * as rules from "../aws/rules";
import { describeValue } from "../diagnostics/describe-value";
import { wholeNumberMessage } from "../diagnostics/whole-number";

/** A string field checked by one rule, with a message that names the offending value. */
export function ruled(r: rules.Rule, description: string) {
  return z
    .string({ error: (iss) => (iss.input === undefined ? "is required" : `expected a string, got ${describeValue(iss.input)}: ${r.allowed}`) })
    .regex(r.pattern, { error: (iss) => rules.violation(r, iss.input), abort: true })
    .refine((v) => r.explain?.(v) === undefined, { error: (iss) => rules.violation(r, iss.input) })
    .meta({ description });
}

/** An integer field in a closed range, with one message that states the range. */
export function wholeNumber(min: number, max: number, unit: string) {
  const error = (iss: { input?: unknown }) => (iss.input === undefined ? "is required" : wholeNumberMessage(iss.input, min, max, unit));
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

export const roleSchema = z
  .strictObject({
    name: ruled(rules.ROLE_NAME, "The IAM role's name. Left out: derived from the owner (tenant, shared role or add-on) and the cluster, unique in the account.").optional(),
    path: ruled(rules.IAM_PATH, "The IAM role's path.").default("/"),
    permissionsBoundaryArn: ruled(rules.POLICY_ARN, "A permissions boundary for the role.").optional(),
    maxSessionDuration: wholeNumber(rules.SESSION_DURATION.min, rules.SESSION_DURATION.max, "seconds")
      .default(rules.SESSION_DURATION.min)
      .meta({ description: "Maximum session duration in seconds, 3600 to 43200." }),
  })
  .meta({ description: "Settings of the IAM role." });
