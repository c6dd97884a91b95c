import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { PARTITION } from "../lib/aws/arn-environment";
import { POLICY_DOCUMENTS_CONTEXT } from "../lib/constructs/policy-document";
import { RolePermissions } from "../lib/constructs/role-permissions";
import { TenantIdentity } from "../lib/constructs/tenant-identity";
import { dataSources, parse, resources, stackOf } from "./helpers";
import { withCluster } from "./cluster-fixture";

const ENV = { accountId: "111122223333", region: "us-east-1" };
const web = { clusterName: "demo", namespace: "web", serviceAccount: "sa", grants: [{ sqs: { queue: "jobs", access: "send" as const } }] };

describe("policyDocuments", () => {
  it("inline: the role's trust and its policy are literal JSON, as the data source renders it, and no data source is left", () => {
    const synth = stackOf((s) => new TenantIdentity(s, "web", withCluster(s, { ...web, ...ENV, policyDocuments: "inline" })));
    expect(dataSources(synth, "aws_iam_policy_document")).toEqual({});
    const role = Object.values(resources(synth, "aws_iam_role"))[0]!;
    expect(role.assume_role_policy).toBe(
      JSON.stringify(
        {
          Version: "2012-10-17",
          Statement: [
            {
              Sid: "AllowEksAuthToAssumeRoleForPodIdentity",
              Effect: "Allow",
              Action: ["sts:TagSession", "sts:AssumeRole"],
              Principal: { Service: "pods.eks.amazonaws.com" },
              Condition: {
                StringEquals: {
                  "aws:RequestTag/eks-cluster-arn": "${data.aws_eks_cluster.eks_cluster.arn}",
                  "aws:RequestTag/kubernetes-namespace": "web",
                  "aws:RequestTag/kubernetes-service-account": "sa",
                },
              },
            },
          ],
        },
        null,
        2,
      ),
    );
    const policy = JSON.parse(Object.values(resources(synth, "aws_iam_role_policy"))[0]!.policy);
    expect(policy.Statement.map((st: { Resource: unknown }) => st.Resource)).toEqual(["arn:aws:sqs:us-east-1:111122223333:jobs"]);
  });

  it("data-source by default; a construct's own prop wins over the stack's", () => {
    const synth = stackOf((s) => new TenantIdentity(s, "web", withCluster(s, { ...web, ...ENV })));
    expect(Object.keys(dataSources(synth, "aws_iam_policy_document"))).toEqual(["web_permissions_document_9D68ACA5", "web_trust_23E71F01"]);
    const own = stackOf((s) => {
      s.node.setContext(POLICY_DOCUMENTS_CONTEXT, "inline");
      new TenantIdentity(s, "web", withCluster(s, { ...web, ...ENV, policyDocuments: "data-source" }));
    });
    expect(Object.keys(dataSources(own, "aws_iam_policy_document"))).toHaveLength(2);
    const stackWide = stackOf((s) => {
      s.node.setContext(POLICY_DOCUMENTS_CONTEXT, "inline");
      new TenantIdentity(s, "web", withCluster(s, { ...web, ...ENV }));
    });
    expect(dataSources(stackWide, "aws_iam_policy_document")).toEqual({});
  });

  it("inline: keeps the data source for a document whose order Terraform alone knows", () => {
    // The partition is a reference, the other bucket a literal: their order is the values'.
    const synth = stackOf((s) => {
      const env = { ...ENV, partition: new DataAwsPartition(s, "partition").partition };
      new RolePermissions(s, "perm", {
        roleName: "r",
        environment: env,
        policyDocuments: "inline",
        statements: [{ sid: "A", effect: "Allow", actions: ["s3:GetObject"], resources: [`arn:${PARTITION}:s3:::a/*`, "arn:aws:s3:::b/*"] }],
      });
    });
    expect(synth).toHaveResourceWithProperties(IamRolePolicy, { policy: expect.stringMatching(/^\$\{data\.aws_iam_policy_document\.perm_document_[0-9A-F]{8}\.json\}$/) });
    expect(parse(synth).data.aws_iam_policy_document).toBeDefined();
  });
});
