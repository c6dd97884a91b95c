/**
 * KEDA, with its AWS scalers authenticated as the KEDA operator (identityOwner: keda).
 *
 * Source: kedacore/keda-docs, KEDA 2.21 docs, authentication-providers/aws.md, "Setting up KEDA
 * role and policy" (content/docs/2.21/authentication-providers/aws.md at
 * a55c5d345e2cbd9923ab4936f1cabc2a17e9abac; https://keda.sh/docs/2.21/authentication-providers/aws/):
 * sqs:GetQueueAttributes on the queues its SQS scalers read, and sts:AssumeRole on the workload
 * roles it may assume instead; the page's examples, with their resources replaced by the given
 * ones. Namespace and service account: keda-operator in keda, as the page names them.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { ASSUMABLE_ROLE, SQS_QUEUE } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";
import type { PolicyStatement } from "../statement";

export const keda: ControllerDefinition<"keda"> = {
  name: "keda",
  ...CONTROLLER_SERVICE_ACCOUNTS["keda"],
  chart: "kedacore/keda (kedacore.github.io/charts), release keda in namespace keda: the operator's service account keda-operator, as KEDA's AWS authentication page names it",
  source: { document: "kedacore/keda-docs content/docs/2.21/authentication-providers/aws.md", version: "2.21 (keda-docs a55c5d34)", url: "https://keda.sh/docs/2.21/authentication-providers/aws/" },
  arnOptions: { sqsQueueArns: SQS_QUEUE, assumeRoleArns: ASSUMABLE_ROLE },
  policy(o) {
    const out: PolicyStatement[] = [];
    if (o.sqsQueueArns) out.push(allow("ReadQueueAttributes", ["sqs:GetQueueAttributes"], o.sqsQueueArns));
    if (o.assumeRoleArns) out.push(allow("AssumeWorkloadRoles", ["sts:AssumeRole"], o.assumeRoleArns));
    return { managedPolicyArns: [], statements: out };
  },
};
