/** Statements added to an identity after construction (`addToPolicy`), checked as the `statements` prop is. */
import type { PlaceholderValues } from "../policy/abac";
import type { StatementConditions, StatementInput } from "../policy/permission-types";
import { toPolicyStatement } from "../policy/statements";
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from "cdktf";
import type { Construct } from "constructs";
import { completeStatement } from "../policy/permission-defaults";
import { checkPermissionProps } from "./permission-props";
import type { SizedStatement } from "./role-permissions";
import { PropChecker } from "./validate-props";

/** A CDKTF token in a string: a reference to another construct's attribute, such as a queue's `arn`. */
const TOKEN = /\$\{TfToken\[[^\]]*\]\}/g;
/** What a token stands for while the statement's shape is checked: an ARN, whose form only Terraform knows. */
const REFERENCE_STAND_IN = "arn:aws:reference:::resolved-by-terraform";

/** The statement with every token replaced by the stand-in: the checks see an ARN, not a `${...}` they would refuse. */
function forChecks(s: StatementInput): StatementInput {
  const plain = (x: string) => x.replace(TOKEN, REFERENCE_STAND_IN);
  const conditions: StatementConditions | undefined = s.conditions
    ? Object.fromEntries(Object.entries(s.conditions).map(([op, keys]) => [op, Object.fromEntries(Object.entries(keys).map(([k, v]) => [k, Array.isArray(v) ? v.map((x) => (typeof x === "string" ? plain(x) : x)) : typeof v === "string" ? plain(v) : v]))]))
    : undefined;
  return { ...s, resources: s.resources.map(plain), ...(conditions ? { conditions } : {}) };
}

/**
 * The statements in plain IAM form, placeholders filled in; throws every problem at once. A
 * statement without a sid gets one from its content with each reference written as Terraform
 * will see it (`${aws_sqs_queue.jobs.arn}`), so the sid follows the resource, not the order in
 * which the program made its tokens.
 */
export function checkedStatements(scope: Construct, owner: string, statements: ReadonlyArray<StatementInput>, values: PlaceholderValues): SizedStatement[] {
  const check = new PropChecker(owner);
  checkPermissionProps(check, [], statements.map(forChecks));
  check.done();
  const stack = TerraformStack.of(scope);
  const resolver = new DefaultTokenResolver(new StringConcat());
  const resolved = (x: string) => x.replace(TOKEN, (t) => String(Tokenization.resolve(t, { scope: stack, resolver, preparing: false })));
  return statements.map((given) => {
    const complete = completeStatement(given);
    const sid = complete.sid ?? toPolicyStatement({ ...complete, resources: complete.resources.map(resolved) }, values).sid;
    return { statement: toPolicyStatement({ ...complete, sid }, values) };
  });
}
