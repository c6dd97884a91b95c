/**
 * AWS Node Termination Handler, Queue Processor mode (the mode that needs IAM).
 *
 * Source: aws/aws-node-termination-handler v1.25.6, README.md, "Set up a Queue Processor: IAM
 * policy" (https://github.com/aws/aws-node-termination-handler/blob/v1.25.6/README.md), with the
 * two SQS actions narrowed from `*` to the given queues. The Auto Scaling and EC2 actions stay on
 * `*` as upstream has them: the handler completes lifecycle actions for whichever group sent the
 * event, and the Describe* actions have no resource-level permissions.
 */
import { CONTROLLER_SERVICE_ACCOUNTS } from "../../kubernetes/controller-service-accounts";
import { SQS_QUEUE } from "./arn-kinds";
import { allow, type ControllerDefinition } from "./types";

export const awsNodeTerminationHandler: ControllerDefinition<"aws-node-termination-handler"> = {
  name: "aws-node-termination-handler",
  ...CONTROLLER_SERVICE_ACCOUNTS["aws-node-termination-handler"],
  chart: "eks/aws-node-termination-handler 0.27.6 (the chart of v1.25.6), release aws-node-termination-handler in kube-system as the README installs it",
  source: { document: "aws/aws-node-termination-handler README.md", version: "v1.25.6", url: "https://github.com/aws/aws-node-termination-handler/blob/v1.25.6/README.md" },
  arnOptions: { sqsQueueArns: SQS_QUEUE },
  policy(o) {
    return {
      managedPolicyArns: [],
      statements: [
        allow("LifecycleAndDescribe", ["autoscaling:CompleteLifecycleAction", "autoscaling:DescribeAutoScalingInstances", "autoscaling:DescribeTags", "ec2:DescribeInstances"], ["*"]),
        allow("ConsumeQueues", ["sqs:DeleteMessage", "sqs:ReceiveMessage"], o.sqsQueueArns),
      ],
    };
  },
};
