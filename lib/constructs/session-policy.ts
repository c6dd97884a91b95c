/**
 * An association's session policy on the TenantIdentity construct: its props, their checks, and
 * the `policy` argument itself.
 *
 * `@cdktf/provider-aws` 21.x is generated from AWS provider 6.25.0, whose
 * aws_eks_pod_identity_association has no `policy` (the provider added it in 6.57.1,
 * hashicorp/terraform-provider-aws #48869), so it is written through the escape hatch
 * (`addOverride`); CDK Terrain's `@cdktn/provider-aws` 25.x types it, and its setter is used
 * there. Either way with `disable_session_tags = true`, which EKS requires beside it (EKS API
 * reference, CreatePodIdentityAssociation: https://docs.aws.amazon.com/eks/latest/APIReference/API_CreatePodIdentityAssociation.html).
 * Stacks that use it raise their AWS provider range to that release (stacks/provider-versions.ts).
 */
import type { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import type { GrantInput, StatementInput } from "../policy/permission-types";
import { sessionPolicyProblems } from "../aws/session-policy-rules";
import type { PlaceholderValues } from "../policy/abac";
import type { ArnEnvironment } from "../aws/arn-environment";
import { sessionPolicyArgument, sessionPolicySize, sessionPolicyStatements } from "../policy/session-policy";
import type { PolicyStatement } from "../policy/statement";
import { sidClashes } from "../policy/permissions";
import { checkPermissionProps } from "./permission-props";
import type { PropChecker } from "./validate-props";

/**
 * What the pods of one association may do at most, in the grammar of the identity's own
 * permissions: the association's credentials allow only what both the role's policies and this
 * allow. Needs `disableSessionTags: true`. At most 2,048 characters as minified JSON (STS).
 */
export interface SessionPolicyProps {
  /** Resource-scoped grants, as the identity's own `grants`; placeholders take this tenant's values. @default [] */
  readonly grants?: ReadonlyArray<GrantInput>;
  /** Raw IAM statements, as the identity's own `statements`. @default [] */
  readonly statements?: ReadonlyArray<StatementInput>;
}

export interface SessionPolicyContext {
  readonly disableSessionTags: boolean;
  readonly values: PlaceholderValues;
  /** The cluster's region, when known at synthesis, for the size. */
  readonly region?: string;
  /** With a shared role: its name, and the first string of its policies that reads a session tag. */
  readonly sharedRole?: { readonly name: string; readonly sessionTagRead?: string };
}

/** Checks the props as the tenants file's are; returns the session policy's statements, or undefined when nothing is asked. */
export function checkSessionPolicy(check: PropChecker, policy: SessionPolicyProps | undefined, ctx: SessionPolicyContext): PolicyStatement[] | undefined {
  if (policy === undefined) return undefined;
  const parsed = checkPermissionProps(check, policy.grants, policy.statements, ["sessionPolicy"]);
  const allParsed = parsed.grants.length === (policy.grants?.length ?? 0) && parsed.statements.length === (policy.statements?.length ?? 0);
  const clashes = allParsed ? sidClashes(parsed, ctx.values) : [];
  for (const d of clashes) check.that("sessionPolicy", false, `sid ${JSON.stringify(d.sid)} is used by ${d.first} and ${d.second}; give each statement its own sid`);
  const statements = sessionPolicyStatements(parsed, ctx.values);
  check.shared(
    sessionPolicyProblems({
      disableSessionTags: ctx.disableSessionTags,
      entries: (policy.grants?.length ?? 0) + (policy.statements?.length ?? 0),
      size: allParsed && clashes.length === 0 ? sessionPolicySize(statements, ctx.region) : undefined,
      sharedRole: ctx.sharedRole,
    }),
  );
  return statements;
}

/** Writes the session policy into the association, with session tags off. */
export function applySessionPolicy(association: EksPodIdentityAssociation, statements: ReadonlyArray<PolicyStatement>, env: ArnEnvironment): void {
  const policy = sessionPolicyArgument(statements, env);
  if (hasTypedPolicy(association)) association.policy = policy;
  else association.addOverride("policy", policy);
  association.addOverride("disable_session_tags", true);
}

/**
 * Whether the loaded binding types `policy`: CDK Terrain's `@cdktn/provider-aws` 25.x (AWS
 * provider 6.66.0) does, and then its own setter writes it; CDKTF's 21.x does not, and the
 * escape hatch does. Asked of the class, not the engine, so a newer CDKTF binding is used too.
 */
function hasTypedPolicy(association: EksPodIdentityAssociation): association is EksPodIdentityAssociation & { policy: string } {
  for (let proto: object | null = Object.getPrototypeOf(association); proto !== null; proto = Object.getPrototypeOf(proto)) {
    const setter = Object.getOwnPropertyDescriptor(proto, "policy")?.set;
    if (setter) return true;
  }
  return false;
}
