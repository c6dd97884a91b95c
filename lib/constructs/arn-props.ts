/** The tenants file's partition rule, for constructs used straight from TypeScript. */
import { Token } from "cdktf";
import { arnPartitionProblem } from "../aws/arn-rules";
import { policyArns } from "../policy/policy-arns";
import { formatPath } from "../diagnostics/problems";
import type { Grant, StatementConfig } from "../policy/permission-types";
import type { ArnEnvironment } from "../aws/arn-environment";
import type { PropChecker } from "./validate-props";

export interface ArnProps {
  readonly managedPolicyArns?: ReadonlyArray<string>;
  readonly permissionsBoundaryArn?: string;
  readonly targetRoleArn?: string;
  readonly grants?: ReadonlyArray<Grant>;
  readonly statements?: ReadonlyArray<StatementConfig>;
  readonly arnEnvironment?: ArnEnvironment;
}

/**
 * Every ARN of the props in the partition of `arnEnvironment.region`, when that region is known
 * at synth time (a Terraform reference is only known at plan time, and is not checked here).
 */
export function checkArnPartitions(check: PropChecker, clusterName: string, props: ArnProps): void {
  const region = props.arnEnvironment?.region;
  if (region === undefined || Token.isUnresolved(region)) return;
  const fields: Array<{ field: string; arn: string }> = [
    ...(props.managedPolicyArns ?? []).map((arn, i) => ({ field: `managedPolicyArns[${i}]`, arn })),
    ...(props.permissionsBoundaryArn !== undefined ? [{ field: "permissionsBoundaryArn", arn: props.permissionsBoundaryArn }] : []),
    ...(props.targetRoleArn !== undefined ? [{ field: "targetRoleArn", arn: props.targetRoleArn }] : []),
    ...policyArns([], props.grants ?? [], props.statements ?? []).map((f) => ({ field: formatPath(f.path), arn: f.arn })),
  ];
  for (const { field, arn } of fields) {
    if (!arn.startsWith("arn:")) continue;
    const m = arnPartitionProblem(arn, { name: clusterName, region });
    check.that(field, m === undefined, m ?? "");
  }
}
