/**
 * A small evaluator of the identity policies a stack synthesizes, for tests that ask "may this
 * role do X on Y?" of the JSON itself rather than of the code that built it. It knows Allow and
 * Deny, action and resource wildcards (`*`, `?`), and the condition operators the controllers'
 * policies use; any other operator throws, so a test never passes by skipping a condition.
 * IAM policy evaluation logic: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { Testing, TerraformStack } from "cdktf";
import { ControllerIdentity, type ControllerIdentityProps } from "../lib/constructs/controller-identity";
import { withCluster, type ClusterNames } from "./cluster-fixture";
import { dataSources, resources, type Json } from "./helpers";

export interface Condition {
  readonly test: string;
  readonly variable: string;
  readonly values: ReadonlyArray<string>;
}
export interface Statement {
  readonly sid?: string;
  readonly effect: string;
  readonly actions: ReadonlyArray<string>;
  readonly resources: ReadonlyArray<string>;
  readonly condition?: ReadonlyArray<Condition>;
}
/** A request's context keys: single values, or lists for multivalued keys such as aws:TagKeys. */
export type Context = Readonly<Record<string, string | ReadonlyArray<string>>>;

function glob(pattern: string, value: string, caseInsensitive = false): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, caseInsensitive ? "i" : "");
  return re.test(value);
}

function holds(c: Condition, ctx: Context): boolean {
  const v = ctx[c.variable];
  const list = v === undefined ? [] : typeof v === "string" ? [v] : [...v];
  const one = (match: (value: string, pattern: string) => boolean) => list.length > 0 && list.some((x) => c.values.some((p) => match(x, p)));
  switch (c.test) {
    case "StringEquals":
      return one((x, p) => x === p);
    case "StringLike":
      return one((x, p) => glob(p, x));
    case "StringEqualsIfExists":
      return v === undefined || one((x, p) => x === p);
    case "Null":
      return c.values.every((p) => (p === "true" ? v === undefined : v !== undefined));
    case "ForAllValues:StringEquals":
      return list.every((x) => c.values.includes(x));
    case "ForAllValues:StringLike":
      return list.every((x) => c.values.some((p) => glob(p, x)));
    default:
      throw new Error(`policy-eval does not know condition operator ${c.test}`);
  }
}

function applies(st: Statement, action: string, resource: string, ctx: Context): boolean {
  return st.actions.some((a) => glob(a, action, true)) && st.resources.some((r) => glob(r, resource)) && (st.condition ?? []).every((c) => holds(c, ctx));
}

/** IAM's answer for one request: an explicit Deny wins, else any Allow, else the implicit deny. */
export function allows(statements: ReadonlyArray<Statement>, action: string, resource: string, ctx: Context = {}): boolean {
  if (statements.some((s) => s.effect === "Deny" && applies(s, action, resource, ctx))) return false;
  return statements.some((s) => s.effect === "Allow" && applies(s, action, resource, ctx));
}

/** The statements of every customer-managed policy that `id`'s ControllerIdentity attaches. */
export function controllerStatements(synth: string, id: string): Statement[] {
  const docs = dataSources(synth, "aws_iam_policy_document");
  const policies = Object.values(resources(synth, "aws_iam_policy"));
  return policies.flatMap((p: Json) => {
    const ref = /^\$\{data\.aws_iam_policy_document\.([^.]+)\.json\}$/.exec(String(p.policy))?.[1];
    if (!ref || !ref.startsWith(`${id}_`)) return [];
    return (docs[ref]!.statement ?? []) as Statement[];
  });
}

/** The props besides the controller, with the cluster given by its names. */
export type ControllerExtras = Partial<Omit<ControllerIdentityProps, "cluster" | "controller">> & ClusterNames;

/** A stack with one ControllerIdentity, as Testing.synth renders it. */
export function synthController(controller: ControllerIdentityProps["controller"], extra: ControllerExtras = {}): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, "test");
  new ControllerIdentity(stack, "ctl", withCluster(stack, { clusterName: "demo", region: "us-east-1", accountId: "111122223333", controller, ...extra }));
  return Testing.synth(stack);
}

/** The policy statements of one controller, synthesized. */
export function policyOf(controller: ControllerIdentityProps["controller"], extra: ControllerExtras = {}): Statement[] {
  return controllerStatements(synthController(controller, extra), "ctl");
}
