import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { ServiceAccountV1 } from "@cdktf/provider-kubernetes/lib/service-account-v1";
import { Testing } from "cdktf";
import { OrdersStack } from "../examples/typescript/constructs-app";
import { resources } from "./helpers";

it("the TypeScript example synthesizes a tenant identity with a policy of its own", () => {
  const out = Testing.synth(new OrdersStack(Testing.app(), "orders"));
  const [roleId] = Object.keys(resources(out, "aws_iam_role"));
  const [addonId] = Object.keys(resources(out, "aws_eks_addon"));
  expect(out).toHaveResourceWithProperties(IamRole, { name: "orders.prod-eu" });
  expect(out).toHaveResourceWithProperties(EksPodIdentityAssociation, {
    cluster_name: "prod-eu",
    namespace: "orders",
    service_account: "orders-api",
    depends_on: [`aws_eks_addon.${addonId}`],
  });
  expect(out).toHaveResourceWithProperties(IamRolePolicy, { role: `\${aws_iam_role.${roleId}.name}` });
  expect(out).not.toHaveResource(ServiceAccountV1);
});
