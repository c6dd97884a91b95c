/**
 * AWS for Fluent Bit, with its CloudWatch Logs output.
 *
 * Source: aws/amazon-cloudwatch-logs-for-fluent-bit v1.9.4, README.md, "Permissions"
 * (https://github.com/aws/amazon-cloudwatch-logs-for-fluent-bit/blob/v1.9.4/README.md#permissions):
 * CreateLogGroup, CreateLogStream, DescribeLogStreams and PutLogEvents, and PutRetentionPolicy
 * when log_retention_days is set. The page lists actions without resources; here each takes the
 * resource type the Service Authorization Reference gives it (log-group, or log-stream for
 * CreateLogStream and PutLogEvents), on the given log groups only.
 * Namespace and service account: the eks/aws-for-fluent-bit chart's README (aws/eks-charts
 * stable/aws-for-fluent-bit, at 001c6e3ad5159c02d67319cbd775ff32664a71ae).
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { LOG_GROUP } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

export const awsForFluentBit: ControllerDefinition<"aws-for-fluent-bit"> = {
  name: "aws-for-fluent-bit",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-for-fluent-bit"],
  chart: "eks/aws-for-fluent-bit (aws.github.io/eks-charts): serviceAccount.name aws-for-fluent-bit, installed in kube-system as the chart's README does",
  source: { document: "aws/amazon-cloudwatch-logs-for-fluent-bit README.md", version: "v1.9.4", url: "https://github.com/aws/amazon-cloudwatch-logs-for-fluent-bit/blob/v1.9.4/README.md#permissions" },
  arnOptions: { logGroupArns: LOG_GROUP },
  policy(o) {
    const streams = o.logGroupArns.map((g) => `${g}:log-stream:*`);
    return {
      managedPolicyArns: [],
      statements: [
        allow("ManageLogGroups", o.putRetentionPolicy ? ["logs:CreateLogGroup", "logs:DescribeLogStreams", "logs:PutRetentionPolicy"] : ["logs:CreateLogGroup", "logs:DescribeLogStreams"], o.logGroupArns),
        allow("WriteLogStreams", ["logs:CreateLogStream", "logs:PutLogEvents"], streams),
      ],
    };
  },
};
