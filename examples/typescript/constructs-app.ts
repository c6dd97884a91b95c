/**
 * Using the constructs straight from TypeScript, without a tenants file. Copy this into a CDKTF
 * app of your own; `__tests__/constructs-example.test.ts` synthesizes it.
 */
import { DataAwsEksCluster } from "@cdktf/provider-aws/lib/data-aws-eks-cluster";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { App, TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { PodIdentityAgent, TenantIdentity } from "../../lib";

export class OrdersStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, "aws", { region: "eu-west-1" });
    const cluster = new DataAwsEksCluster(this, "cluster", { name: "prod-eu" });

    const agent = new PodIdentityAgent(this, "pod-identity-agent", { clusterName: "prod-eu", kubernetesVersion: cluster.version });

    const orders = new TenantIdentity(this, "orders", {
      clusterName: "prod-eu",
      namespace: "orders",
      serviceAccount: "orders-api",
      // The kubernetes provider is not configured in this stack, so leave the service account to
      // the app's own Helm chart; Pod Identity does not need it to exist first.
      createServiceAccount: false,
      // Absent only with install "none" (EKS Auto Mode runs its own agent).
      dependsOn: agent.dependable ? [agent.dependable] : [],
    });

    // The role is an ordinary IamRole: grant it whatever the workload needs.
    new IamRolePolicy(this, "orders-queue", {
      role: orders.role.name,
      policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: "arn:aws:sqs:eu-west-1:111122223333:orders" }],
      }),
    });
  }
}

if (require.main === module) {
  const app = new App();
  new OrdersStack(app, "orders");
  app.synth();
}
