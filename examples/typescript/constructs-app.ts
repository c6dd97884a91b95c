/**
 * Using the constructs straight from TypeScript, without a tenants file. docs/library.md shows
 * this file (importing the package by name), and tests run it under `cdktf synth`.
 */
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { EksClusterReference, PodIdentityAgent, TenantIdentity } from "../../lib";

export class OrdersStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    // The cluster, looked up once for the whole stack and shared by every construct in it.
    const cluster = EksClusterReference.lookUp(this, { clusterName: "prod-eu", region: "eu-west-1", accountId: "111122223333" });

    const agent = new PodIdentityAgent(this, "pod-identity-agent", { cluster });
    // Absent only with install "none" (EKS Auto Mode runs its own agent).
    const afterAgent = agent.dependable ? [agent.dependable] : [];

    const orders = new TenantIdentity(this, "orders", {
      cluster,
      namespace: "orders",
      serviceAccount: "orders-api",
      // Resource-scoped grants become the role's least-privilege inline policy.
      grants: [{ sqs: { queue: "orders", access: "send" } }],
      // The kubernetes provider is not configured in this stack, so leave the service account to
      // the app's own Helm chart; Pod Identity does not need it to exist first.
      createServiceAccount: false,
      dependsOn: afterAgent,
    });

    // The role is an ordinary IamRole: grant it whatever else the workload needs.
    new IamRolePolicy(this, "orders-events", {
      role: orders.role.name,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["events:PutEvents"], Resource: "arn:aws:events:eu-west-1:111122223333:event-bus/orders" }],
      }),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new OrdersStack(app, "orders");
  app.synth();
}
