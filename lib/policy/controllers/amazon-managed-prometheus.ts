/**
 * A Prometheus server (or agent) that remote-writes to Amazon Managed Service for Prometheus.
 *
 * Source: the AWS-managed AmazonPrometheusRemoteWriteAccess, policy version v1, which the AMP
 * user guide's ingestion set-up attaches
 * (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonPrometheusRemoteWriteAccess.html):
 * aps:RemoteWrite on `*`. Written here as an inline statement narrowed to the given workspaces,
 * since aps:RemoteWrite takes the workspace resource (Service Authorization Reference, Amazon
 * Managed Service for Prometheus).
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { AMP_WORKSPACE } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

export const amazonManagedPrometheus: ControllerDefinition<"amazon-managed-prometheus"> = {
  name: "amazon-managed-prometheus",
  ...CONTROLLER_SERVICE_ACCOUNTS["amazon-managed-prometheus"],
  chart: "prometheus-community/prometheus with serviceAccounts.server.name amp-iamproxy-ingest-service-account, the name the AMP user guide's ingestion set-up (set-up-irsa) gives it; the guide leaves the namespace to you, so set namespace to the server's",
  source: { document: "AWS managed policy AmazonPrometheusRemoteWriteAccess", version: "v1", url: "https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonPrometheusRemoteWriteAccess.html" },
  arnOptions: { workspaceArns: AMP_WORKSPACE },
  policy(o) {
    return { managedPolicyArns: [], statements: [allow("RemoteWriteToWorkspaces", ["aps:RemoteWrite"], o.workspaceArns)] };
  },
};
