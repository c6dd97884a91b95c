/**
 * IAM policy simulation of synthesized stacks, for tests that prove who can and cannot reach a
 * resource. It feeds @cloud-copilot/iam-simulate the policy documents exactly as a stack's
 * `data.aws_iam_policy_document` renders them, never a hand-written copy.
 *
 * API:
 * - `iamPolicy(doc, references?)`: a synthesized `aws_iam_policy_document` (its JSON object, with
 *   `statement`) as the IAM policy Terraform would send: `$${` → `${` and `%%{` → `%{` undone,
 *   `condition` blocks merged into IAM's `Condition`, `principals` into `Principal`. Terraform
 *   references (`${data.aws_eks_cluster.eks_cluster.arn}`) are replaced from `references`; an
 *   unknown one throws, so that a test never simulates a policy with a hole in it.
 * - `documentNamed(synth, prefix)`: the one `aws_iam_policy_document` of a `Testing.synth`
 *   string whose logical ID starts with `prefix` (throws unless exactly one).
 * - `podSessionTags(pod)`: the six session tags EKS Pod Identity sets on every session
 *   (EKS user guide, pod-id-abac), as `aws:PrincipalTag/<key>` context keys.
 * - `podRequestTags(pod)`: the same tags as `aws:RequestTag/<key>`, as the trust policy sees them.
 * - `decide(request)`: the simulator's answer ("Allowed", "ExplicitlyDenied" or
 *   "ImplicitlyDenied") for one request; throws on any validation error of the simulator (an
 *   unknown action, a resource of the wrong type), so a typo cannot pass as a denial.
 *   One work-around: iam-simulate 0.1.173 finds an ARN's resource type by the first '/' or ':'
 *   of its resource part (dist/cjs/util.js, getResourceSegments), even inside a policy variable,
 *   so `arn:aws:sqs:r:a:jobs-${aws:PrincipalTag/kubernetes-namespace}` never matches. Only for
 *   such a resource, `decide` puts the request's `aws:PrincipalTag/...` values in first, as IAM
 *   does when it evaluates the policy (IAM user guide, reference_policies_variables).
 * - `mayAssume(trust, roleArn, pod)`: whether EKS (`pods.eks.amazonaws.com`) may assume the role
 *   with the pod's session tags under `trust`.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { dataSources, type Json } from "./helpers";

export interface IamStatement {
  Sid?: string;
  Effect: string;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Principal?: Record<string, string[]>;
  Condition?: Record<string, Record<string, string[]>>;
}
export interface IamPolicy {
  Version: "2012-10-17";
  Statement: IamStatement[];
}

/** What a Terraform string becomes: escapes undone, references filled in. */
function terraformString(s: string, references: Readonly<Record<string, string>>): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if ((s[i] === "$" || s[i] === "%") && s[i + 1] === s[i] && s[i + 2] === "{") {
      out += `${s[i]}{`;
      i += 2;
    } else if (s[i] === "$" && s[i + 1] === "{") {
      const end = s.indexOf("}", i);
      const ref = s.slice(i + 2, end);
      if (!(ref in references)) throw new Error(`iam-simulator: no value for the Terraform reference \${${ref}} in ${JSON.stringify(s)}; pass it in references`);
      out += references[ref];
      i = end;
    } else out += s[i];
  }
  return out;
}

export function iamPolicy(doc: Json, references: Readonly<Record<string, string>> = {}): IamPolicy {
  const str = (s: string) => terraformString(s, references);
  const list = (v: unknown) => (v === undefined ? undefined : (v as string[]).map(str));
  const Statement = ((doc.statement ?? []) as Json[]).map((st): IamStatement => {
    const out: IamStatement = { Effect: st.effect ?? "Allow" };
    if (st.sid) out.Sid = st.sid;
    for (const [from, to] of [["actions", "Action"], ["not_actions", "NotAction"], ["resources", "Resource"], ["not_resources", "NotResource"]] as const) {
      if (st[from] !== undefined) out[to] = list(st[from]);
    }
    for (const p of (st.principals ?? []) as Json[]) (out.Principal ??= {})[p.type] = [...(out.Principal?.[p.type] ?? []), ...list(p.identifiers)!];
    for (const c of (st.condition ?? []) as Json[]) {
      const byKey = ((out.Condition ??= {})[c.test] ??= {});
      byKey[str(c.variable)] = [...(byKey[str(c.variable)] ?? []), ...list(c.values)!];
    }
    return out;
  });
  return { Version: "2012-10-17", Statement };
}

export function documentNamed(synth: string, prefix: string): Json {
  const found = Object.entries(dataSources(synth, "aws_iam_policy_document")).filter(([k]) => k.startsWith(prefix));
  if (found.length !== 1) throw new Error(`iam-simulator: expected one aws_iam_policy_document starting with ${prefix}, found ${found.map(([k]) => k).join(", ") || "none"}`);
  return found[0]![1];
}

/** A pod as EKS Pod Identity describes it in session tags. */
export interface Pod {
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly clusterName: string;
  readonly clusterArn: string;
  readonly podName?: string;
  readonly podUid?: string;
}

function tags(pod: Pod): Record<string, string> {
  return {
    "eks-cluster-arn": pod.clusterArn,
    "eks-cluster-name": pod.clusterName,
    "kubernetes-namespace": pod.namespace,
    "kubernetes-service-account": pod.serviceAccount,
    "kubernetes-pod-name": pod.podName ?? `${pod.serviceAccount}-7d9f8b6c5-x2x4z`,
    "kubernetes-pod-uid": pod.podUid ?? "5f1c8c1e-8d3a-4e59-9f1c-0d6b2a7e4c11",
  };
}

export function podSessionTags(pod: Pod): Record<string, string> {
  return Object.fromEntries(Object.entries(tags(pod)).map(([k, v]) => [`aws:PrincipalTag/${k}`, v]));
}

export function podRequestTags(pod: Pod): Record<string, string | string[]> {
  const t = tags(pod);
  return { ...Object.fromEntries(Object.entries(t).map(([k, v]) => [`aws:RequestTag/${k}`, v])), "aws:TagKeys": Object.keys(t) };
}

export interface Request {
  readonly policies: ReadonlyArray<IamPolicy>;
  readonly action: string;
  readonly resource: string;
  /** The caller: an assumed-role session ARN. */
  readonly principal: string;
  readonly context?: Readonly<Record<string, string | ReadonlyArray<string>>>;
  /** The account that owns the resource. @default the principal's */
  readonly resourceAccount?: string;
}

export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** Whether the simulator's resource-type split (the first '/' or ':' after the account) falls inside a `${...}`. */
function splitsInsideVariable(arn: string): boolean {
  const rest = arn.split(":").length > 5 ? arn.slice(arn.split(":", 5).join(":").length + 1) : "";
  const at = rest.search(/[/:]/);
  if (at < 0) return false;
  const open = rest.lastIndexOf("${", at);
  return open >= 0 && rest.indexOf("}", open) > at;
}

function resolvePrincipalTags(policy: IamPolicy, context: Readonly<Record<string, unknown>>): IamPolicy {
  const tag = (key: string) => Object.entries(context).find(([k]) => k.toLowerCase() === `aws:principaltag/${key.toLowerCase()}`)?.[1];
  const fix = (r: string) => (splitsInsideVariable(r) ? r.replace(/\$\{aws:PrincipalTag\/([^}]+)\}/gi, (whole, key: string) => (typeof tag(key) === "string" ? (tag(key) as string) : whole)) : r);
  return { ...policy, Statement: policy.Statement.map((st) => ({ ...st, ...(st.Resource ? { Resource: st.Resource.map(fix) } : {}), ...(st.NotResource ? { NotResource: st.NotResource.map(fix) } : {}) })) };
}

export async function decide(r: Request): Promise<Decision> {
  const account = r.resourceAccount ?? r.principal.split(":")[4]!;
  const simulation: Simulation = {
    identityPolicies: r.policies.map((policy, i) => ({ name: `policy${i}`, policy: resolvePrincipalTags(policy, r.context ?? {}) })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    request: { action: r.action, principal: r.principal, resource: { resource: r.resource, accountId: account }, contextVariables: { ...(r.context as Record<string, string | string[]>) } },
  } as Simulation;
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") throw new Error(`iam-simulator: the simulator refused the request: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Decision;
}

/** Whether EKS may assume `roleArn` for `pod` under `trust` (the role's trust policy as IAM receives it). */
export async function mayAssume(trust: IamPolicy, roleArn: string, pod: Pod): Promise<boolean> {
  const account = roleArn.split(":")[4]!;
  const simulation = {
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: trust,
    request: { action: "sts:AssumeRole", principal: "pods.eks.amazonaws.com", resource: { resource: roleArn, accountId: account }, contextVariables: podRequestTags(pod) },
  } as unknown as Simulation;
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") throw new Error(`iam-simulator: the simulator refused the request: ${JSON.stringify(result.errors)}`);
  return result.overallResult === "Allowed";
}
