import { problemsOf, configOf } from "./helpers";

const file = (controllers: string, region = "us-east-1") => `
clusters:
  - name: demo
    region: ${region}
    controllers:
${controllers}
`;

describe("clusters[].controllers schema", () => {
  it("fills in the defaults of an entry", async () => {
    const c = await configOf(file("      - name: aws-efs-csi-driver"));
    expect(c.clusters[0]!.controllers).toEqual([{ name: "aws-efs-csi-driver", createNamespace: false, createServiceAccount: false, smokeTest: false, role: { path: "/", maxSessionDuration: 3600 } }]);
  });

  it("names the closest controller for an unknown name, and every known one", async () => {
    expect(await problemsOf(file("      - name: extrenal-dns"))).toEqual([
      'tenants.yaml:6:15: clusters[0].controllers[0].name: "extrenal-dns" is not a known controller; did you mean "external-dns"?; known controllers: aws-load-balancer-controller, external-dns, cert-manager, cluster-autoscaler, karpenter, external-secrets, velero, aws-mountpoint-s3-csi-driver, aws-node-termination-handler, aws-privateca-issuer, amazon-managed-prometheus, aws-ebs-csi-driver, aws-efs-csi-driver, aws-fsx-csi-driver, aws-gateway-api-controller, aws-for-fluent-bit, keda',
    ]);
  });

  it("says whose option an option of another controller is", async () => {
    expect(await problemsOf(file("      - name: external-dns\n        hostedZoneArns: [arn:aws:route53:::hostedzone/Z1]\n        bucketArns: [arn:aws:s3:::b]"))).toEqual([
      'tenants.yaml:8:9: clusters[0].controllers[0].bucketArns: "bucketArns" is an option of velero, aws-mountpoint-s3-csi-driver, not of external-dns; allowed keys: name, namespace, serviceAccount, createNamespace, createServiceAccount, smokeTest, role, hostedZoneArns',
    ]);
  });

  it("still suggests a key for a typo that is nobody's option", async () => {
    expect(await problemsOf(file("      - name: external-dns\n        hostedZoneArn: [arn:aws:route53:::hostedzone/Z1]"))).toEqual([
      'tenants.yaml:6:9: clusters[0].controllers[0].hostedZoneArns: external-dns needs hostedZoneArns: Route 53 hosted zones whose records the controller may change: arn:<partition>:route53:::hostedzone/<id>.',
      'tenants.yaml:7:9: clusters[0].controllers[0].hostedZoneArn: unknown key "hostedZoneArn"; did you mean "hostedZoneArns"?; allowed keys: name, namespace, serviceAccount, createNamespace, createServiceAccount, smokeTest, role, hostedZoneArns',
    ]);
  });

  it("refuses an empty list rather than writing a statement without resources", async () => {
    expect(await problemsOf(file("      - name: aws-node-termination-handler\n        sqsQueueArns: []"))).toEqual([
      "tenants.yaml:7:23: clusters[0].controllers[0].sqsQueueArns: sqsQueueArns is empty; aws-node-termination-handler needs sqsQueueArns: SQS queues the controller reads: arn:<partition>:sqs:<region>:<account>:<queue name>.",
    ]);
  });

  it("names the controller when an option is missing or empty, required or optional", async () => {
    const yaml = [
      "      - name: karpenter",
      "        nodeRoleArns: []",
      '        interruptionQueueArn: ""',
      "      - name: velero",
      "        bucketPathArns: [arn:aws:s3:::b/x/]",
      "        kmsKeyArns: []",
      "      - name: keda",
      "        assumeRoleArns: []",
    ].join("\n");
    expect(await problemsOf(file(yaml))).toEqual([
      "tenants.yaml:7:23: clusters[0].controllers[0].nodeRoleArns: nodeRoleArns is empty; karpenter needs nodeRoleArns: The node roles Karpenter may pass to EC2 (iam:PassRole), as named in its EC2NodeClasses.",
      "tenants.yaml:8:31: clusters[0].controllers[0].interruptionQueueArn: interruptionQueueArn is empty; give karpenter an ARN, or leave interruptionQueueArn out: The SQS interruption queue (Karpenter's settings.interruptionQueue), in the cluster's region and account. Left out: no interruption handling permissions.",
      "tenants.yaml:9:9: clusters[0].controllers[1].bucketArns: velero needs bucketArns: S3 buckets the controller may list: arn:<partition>:s3:::<bucket>.",
      "tenants.yaml:11:21: clusters[0].controllers[1].kmsKeyArns: kmsKeyArns is empty; list at least one, or leave kmsKeyArns out (velero: Customer managed KMS keys the controller may use for what it reads and writes (docs/controllers.md says which calls).)",
      "tenants.yaml:13:25: clusters[0].controllers[2].assumeRoleArns: assumeRoleArns is empty; list at least one, or leave assumeRoleArns out (keda: Workload roles KEDA may assume for its scalers (TriggerAuthentication podIdentity.roleArn).)",
    ]);
  });

  it("wants a name", async () => {
    expect(await problemsOf(file("      - namespace: x"))).toEqual([
      "tenants.yaml:6:9: clusters[0].controllers[0].name: a controller needs a name: aws-load-balancer-controller, external-dns, cert-manager, cluster-autoscaler, karpenter, external-secrets, velero, aws-mountpoint-s3-csi-driver, aws-node-termination-handler, aws-privateca-issuer, amazon-managed-prometheus, aws-ebs-csi-driver, aws-efs-csi-driver, aws-fsx-csi-driver, aws-gateway-api-controller, aws-for-fluent-bit, keda",
    ]);
  });
});
