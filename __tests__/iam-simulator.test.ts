import { SESSION_TAG_VARIABLES } from "../lib/policy/abac";
import { grantStatements } from "../lib/policy/grants";
import { renderStatement } from "../lib/policy/render-statement";
import { decide, iamPolicy, podRequestTags, podSessionTags } from "./iam-simulator";

const ENV = { partition: "aws", accountId: "111122223333", region: "us-east-1" };
const PRINCIPAL = "arn:aws:sts::111122223333:assumed-role/teams.demo/eks-demo-pod";
const pod = (namespace: string) => ({ namespace, serviceAccount: "app", clusterName: "demo", clusterArn: "arn:aws:eks:us-east-1:111122223333:cluster/demo" });

describe("iamPolicy", () => {
  it("turns a synthesized document into the policy IAM receives: escapes undone, conditions merged, principals grouped", () => {
    expect(
      iamPolicy(
        {
          statement: [
            {
              sid: "A",
              effect: "Allow",
              actions: ["s3:GetObject"],
              resources: ["arn:aws:s3:::b/$${aws:PrincipalTag/kubernetes-namespace}/%%{x}"],
              principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }],
              condition: [
                { test: "StringEquals", variable: "aws:RequestTag/eks-cluster-arn", values: ["${data.aws_eks_cluster.eks_cluster.arn}"] },
                { test: "StringEquals", variable: "aws:RequestTag/kubernetes-namespace", values: ["a"] },
              ],
            },
          ],
        },
        { "data.aws_eks_cluster.eks_cluster.arn": "arn:aws:eks:us-east-1:111122223333:cluster/demo" },
      ),
    ).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "A",
          Effect: "Allow",
          Action: ["s3:GetObject"],
          Resource: ["arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/%{x}"],
          Principal: { Service: ["pods.eks.amazonaws.com"] },
          Condition: { StringEquals: { "aws:RequestTag/eks-cluster-arn": ["arn:aws:eks:us-east-1:111122223333:cluster/demo"], "aws:RequestTag/kubernetes-namespace": ["a"] } },
        },
      ],
    });
  });

  it("refuses a Terraform reference it has no value for, rather than simulate a hole", () => {
    expect(() => iamPolicy({ statement: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["${data.aws_partition.partition.partition}"] }] })).toThrow(
      "iam-simulator: no value for the Terraform reference ${data.aws_partition.partition.partition}",
    );
  });
});

describe("session tags", () => {
  it("are the six EKS sets, as principal tags and as request tags", () => {
    expect(Object.keys(podSessionTags(pod("a"))).sort()).toEqual(
      ["eks-cluster-arn", "eks-cluster-name", "kubernetes-namespace", "kubernetes-pod-name", "kubernetes-pod-uid", "kubernetes-service-account"].map((k) => `aws:PrincipalTag/${k}`),
    );
    expect(podRequestTags(pod("a"))["aws:RequestTag/kubernetes-namespace"]).toBe("a");
  });
});

describe("decide", () => {
  it("throws on a request the simulator cannot check, so a typo never reads as a denial", async () => {
    await expect(decide({ policies: [], action: "s3:GetObjekt", resource: "arn:aws:s3:::b/k", principal: PRINCIPAL })).rejects.toThrow("iam-simulator: the simulator refused the request");
  });

  it("shows why the shared-role rules exist: the product's own S3 grant with a prefix ending in ${namespace} lets 'team' read 'team-b'", async () => {
    // What the file check refuses (sharedRoles[].grants[].s3.prefix "team-${namespace}"), rendered by the product itself.
    const doc = { statement: grantStatements({ s3: { bucket: "acme", prefix: "team-${namespace}", access: "read" } }, SESSION_TAG_VARIABLES).map((s) => renderStatement(s, ENV)) };
    const policy = iamPolicy(doc);
    const asTeam = { policies: [policy], action: "s3:GetObject", principal: PRINCIPAL, context: podSessionTags(pod("team")) };
    expect(await decide({ ...asTeam, resource: "arn:aws:s3:::acme/team-team/x" })).toBe("Allowed");
    expect(await decide({ ...asTeam, resource: "arn:aws:s3:::acme/team-team-b/x" })).toBe("Allowed");
    // With the '/' the file requires, the same member is held to its own prefix.
    const fixed = iamPolicy({ statement: grantStatements({ s3: { bucket: "acme", prefix: "team-${namespace}/", access: "read" } }, SESSION_TAG_VARIABLES).map((s) => renderStatement(s, ENV)) });
    expect(await decide({ ...asTeam, policies: [fixed], resource: "arn:aws:s3:::acme/team-team/x" })).toBe("Allowed");
    expect(await decide({ ...asTeam, policies: [fixed], resource: "arn:aws:s3:::acme/team-team-b/x" })).toBe("ImplicitlyDenied");
  });

  it("fills principal tags in a resource only where the simulator would split inside the variable", async () => {
    const sqs = iamPolicy({ statement: [{ effect: "Allow", actions: ["sqs:SendMessage"], resources: ["arn:aws:sqs:us-east-1:111122223333:jobs-$${aws:PrincipalTag/kubernetes-namespace}"] }] });
    const asTeam = { policies: [sqs], action: "sqs:SendMessage", principal: PRINCIPAL, context: podSessionTags(pod("team")) };
    expect(await decide({ ...asTeam, resource: "arn:aws:sqs:us-east-1:111122223333:jobs-team" })).toBe("Allowed");
    expect(await decide({ ...asTeam, resource: "arn:aws:sqs:us-east-1:111122223333:jobs-team-b" })).toBe("ImplicitlyDenied");
  });
});
