/**
 * Using the constructs straight from TypeScript, without a tenants file. docs/constructs.md and
 * docs/library.md show this file (importing the package by name), and tests run it under `cdktf synth`.
 */
import { CloudwatchEventBus } from "@cdktf/provider-aws/lib/cloudwatch-event-bus";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { SqsQueue } from "@cdktf/provider-aws/lib/sqs-queue";
import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { EksCluster, PodIdentityAgent, TenantIdentity } from "../../lib";

export class OrdersStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    // The cluster, found once for the whole stack and given to every construct in it.
    const cluster = new EksCluster(this, "eks_cluster", { clusterName: "prod-eu", region: "eu-west-1", accountId: "111122223333" });

    const agent = new PodIdentityAgent(this, "pod-identity-agent", { cluster });
    // Absent only with install "none" (EKS Auto Mode runs its own agent).
    const afterAgent = agent.dependable ? [agent.dependable] : [];

    const orders = new TenantIdentity(this, "orders", {
      cluster,
      namespace: "orders",
      serviceAccount: "orders-api",
      // The kubernetes provider is not configured in this stack, so leave the service account to
      // the app's own Helm chart; Pod Identity does not need it to exist first.
      createServiceAccount: false,
      dependsOn: afterAgent,
    });

    // Grants on resources of the same stack: their ARNs are Terraform references.
    const queue = new SqsQueue(this, "orders-queue", { name: "orders" });
    const reports = new S3Bucket(this, "reports", { bucket: "orders-reports-111122223333" });
    orders.grantSendMessages(queue);
    orders.grantReadWrite(reports, { prefix: "orders/" });

    // Anything else, as a statement in the tenants file's grammar.
    const bus = new CloudwatchEventBus(this, "orders-bus", { name: "orders" });
    orders.addToPolicy({ actions: ["events:PutEvents"], resources: [bus.arn] });
  }
}

if (require.main === module) {
  const app = new App();
  new OrdersStack(app, "orders");
  app.synth();
}
