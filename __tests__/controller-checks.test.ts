import { arnProblem, oversizedPolicyProblem } from "../lib/policy/controllers/option-rules";
import { HOSTED_ZONE, INTERRUPTION_QUEUE, LOG_GROUP, NODE_ROLE, S3_BUCKET, S3_OBJECTS, SECRET, SQS_QUEUE, SSM_PARAMETER, TARGET_GROUP } from "../lib/policy/controllers/arn-kinds";
import { configOf, problemsOf } from "./helpers";

const cluster = (controllers: string, more = "", region = "us-east-1") => `
clusters:
  - name: demo
    region: ${region}
    accountId: "111122223333"
${more}    controllers:
${controllers}
`;

describe("controller option ARNs", () => {
  const demo = { name: "demo", region: "us-east-1", accountId: "111122223333" };

  it("accepts ARNs of the right service, partition, region and account", () => {
    expect(arnProblem("arn:aws:route53:::hostedzone/Z0123456789ABC", HOSTED_ZONE, demo)).toBeUndefined();
    expect(arnProblem("arn:aws:sqs:eu-west-1:444455556666:events", SQS_QUEUE, demo)).toBeUndefined();
    expect(arnProblem("arn:aws:iam::111122223333:role/nodes/KarpenterNodeRole", NODE_ROLE, demo)).toBeUndefined();
  });

  it("names what is wrong and what would be right", () => {
    expect(arnProblem("arn:aws:s3:::zone", HOSTED_ZONE, demo)).toBe("arn:aws:s3:::zone is not a route53 ARN; expected arn:aws:route53:::hostedzone/<zone id>");
    expect(arnProblem("arn:aws:route53:::hostedzone/Z1", HOSTED_ZONE, { ...demo, region: "cn-north-1" })).toBe(
      'arn:aws:route53:::hostedzone/Z1 is in partition "aws", but cluster "demo" is in cn-north-1, partition "aws-cn"; expected arn:aws-cn:route53:::hostedzone/<zone id>',
    );
    expect(arnProblem("arn:aws:route53:us-east-1::hostedzone/Z1", HOSTED_ZONE, demo)).toBe("arn:aws:route53:us-east-1::hostedzone/Z1 has a region, but route53 ARNs have none; expected arn:aws:route53:::hostedzone/<zone id>");
    expect(arnProblem("arn:aws:sqs::111122223333:q", SQS_QUEUE, demo)).toBe('arn:aws:sqs::111122223333:q needs a region of partition "aws"; expected arn:aws:sqs:us-east-1:111122223333:<queue name>');
    expect(arnProblem("arn:aws:sqs:cn-north-1:111122223333:q", SQS_QUEUE, demo)).toBe('arn:aws:sqs:cn-north-1:111122223333:q needs a region of partition "aws"; expected arn:aws:sqs:us-east-1:111122223333:<queue name>');
    expect(arnProblem("arn:aws:route53:::change/C1", HOSTED_ZONE, demo)).toBe("arn:aws:route53:::change/C1 does not name a hostedzone/<zone id>; expected arn:aws:route53:::hostedzone/<zone id>");
    expect(arnProblem("arn:aws:iam::444455556666:role/nodes", NODE_ROLE, demo)).toBe(
      'arn:aws:iam::444455556666:role/nodes is in account 444455556666, but cluster "demo" is in account 111122223333, and this must be in the same account',
    );
    // Without a pinned account there is nothing to compare with.
    expect(arnProblem("arn:aws:iam::444455556666:role/nodes", NODE_ROLE, { name: "demo", region: "us-east-1" })).toBeUndefined();
  });
});

describe("controller option ARNs under the grants' rules", () => {
  const demo = { name: "demo", region: "us-east-1", accountId: "111122223333" };

  it("refuses a wildcard that stands for a whole name, anywhere but at the end, or in a kind that takes none", () => {
    expect(arnProblem("arn:aws:ssm:us-east-1:111122223333:parameter/*", SSM_PARAMETER, demo)).toBe(
      "arn:aws:ssm:us-east-1:111122223333:parameter/* has a '*' in place of the whole name, so it reaches every parameter of its account and region; write the name, or a prefix of it, before the '*'; expected arn:aws:ssm:us-east-1:111122223333:parameter/<name>, or parameter/<prefix>*",
    );
    expect(arnProblem("arn:aws:secretsmanager:us-east-1:111122223333:secret:*", SECRET, demo)).toContain("in place of the whole name, so it reaches every secret of its account and region");
    expect(arnProblem("arn:aws:logs:us-east-1:111122223333:log-group:*", LOG_GROUP, demo)).toContain("reaches every log group");
    expect(arnProblem("arn:aws:ssm:us-east-1:111122223333:parameter/a*b", SSM_PARAMETER, demo)).toContain("has a wildcard other than one trailing '*'");
    expect(arnProblem("arn:aws:ssm:us-east-1:111122223333:parameter/a?", SSM_PARAMETER, demo)).toContain("has a wildcard other than one trailing '*'");
    expect(arnProblem("arn:aws:s3:::*/*", S3_OBJECTS, demo)).toContain("has a wildcard other than one trailing '*'");
    expect(arnProblem("arn:aws:s3:::back*", S3_BUCKET, demo)).toBe("arn:aws:s3:::back* has a wildcard in its resource part; name each bucket in full; expected arn:aws:s3:::<bucket>");
    expect(arnProblem("arn:aws:iam::111122223333:role/*/admin", NODE_ROLE, demo)).toContain("has a wildcard in its resource part; name each role in full");
    expect(arnProblem("arn:aws:sqs:us-east-1:111122223333:*", SQS_QUEUE, demo)).toContain("has a wildcard in its resource part; name each queue in full");
    // Prefixes stay: a name's first characters, or one bucket's objects.
    expect(arnProblem("arn:aws:ssm:us-east-1:111122223333:parameter/app/*", SSM_PARAMETER, demo)).toBeUndefined();
    expect(arnProblem("arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-*", SECRET, demo)).toBeUndefined();
    expect(arnProblem("arn:aws:s3:::backups/*", S3_OBJECTS, demo)).toBeUndefined();
  });

  it("wants parameter ARNs written as AWS writes them, without the name's leading '/'", () => {
    expect(arnProblem("arn:aws:ssm:us-east-1:111122223333:parameter//app/db", SSM_PARAMETER, demo)).toBe(
      "arn:aws:ssm:us-east-1:111122223333:parameter//app/db writes the parameter name with its leading '/'; AWS writes the ARN of parameter /a/b as …:parameter/a/b, so this ARN matches no parameter; expected arn:aws:ssm:us-east-1:111122223333:parameter/<name>, or parameter/<prefix>*",
    );
    expect(arnProblem("arn:aws:ssm:us-east-1:111122223333:parameter/app/db", SSM_PARAMETER, demo)).toBeUndefined();
  });

  it("applies the S3 bucket naming rules, as the s3 grant does", () => {
    expect(arnProblem("arn:aws:s3:::Backups", S3_BUCKET, demo)).toBe(`arn:aws:s3:::Backups names bucket "Backups", which is not a valid bucket name: it may hold only a-z, 0-9, '.' and '-'; expected arn:aws:s3:::<bucket>`);
    expect(arnProblem("arn:aws:s3:::xn--backups/x/*", S3_OBJECTS, demo)).toContain('names bucket "xn--backups", which is not a valid bucket name');
  });

  it("wants Karpenter's interruption queue in the cluster's region and account", () => {
    const why = "Karpenter takes only the queue's name (settings.interruptionQueue) and looks it up in its own region and account";
    expect(arnProblem("arn:aws:sqs:us-east-1:111122223333:karpenter", INTERRUPTION_QUEUE, demo)).toBeUndefined();
    expect(arnProblem("arn:aws:sqs:eu-west-1:111122223333:karpenter", INTERRUPTION_QUEUE, demo)).toBe(
      `arn:aws:sqs:eu-west-1:111122223333:karpenter is in region eu-west-1, but cluster "demo" is in us-east-1, and this must be in the same region: ${why}`,
    );
    expect(arnProblem("arn:aws:sqs:us-east-1:444455556666:karpenter", INTERRUPTION_QUEUE, demo)).toBe(
      `arn:aws:sqs:us-east-1:444455556666:karpenter is in account 444455556666, but cluster "demo" is in account 111122223333, and this must be in the same account: ${why}`,
    );
    // Other controllers' queues are given as URLs or ARNs and may be anywhere.
    expect(arnProblem("arn:aws:sqs:eu-west-1:444455556666:events", SQS_QUEUE, demo)).toBeUndefined();
  });

  it("without a pinned account, wants the options that must be in the cluster's account to agree", async () => {
    const yaml = `
clusters:
  - name: demo
    region: us-east-1
    controllers:
      - name: karpenter
        nodeRoleArns: [arn:aws:iam::111122223333:role/nodes]
        interruptionQueueArn: arn:aws:sqs:us-east-1:444455556666:karpenter
`;
    expect(await problemsOf(yaml)).toEqual([
      "tenants.yaml:8:31: clusters[0].controllers[0].interruptionQueueArn: arn:aws:sqs:us-east-1:444455556666:karpenter is in account 444455556666, but nodeRoleArns[0] is in account 111122223333; both must be in the account of cluster \"demo\": Karpenter takes only the queue's name (settings.interruptionQueue) and looks it up in its own region and account",
    ]);
  });
});

describe("clusters[].controllers checks", () => {
  it("refuses a controller listed twice on a cluster", async () => {
    expect(await problemsOf(cluster("      - name: aws-efs-csi-driver\n      - name: aws-efs-csi-driver"))).toEqual([
      'tenants.yaml:8:15: clusters[0].controllers[1].name: controller "aws-efs-csi-driver" is already listed at clusters[0].controllers[0]; a cluster runs each controller once',
    ]);
  });

  it("checks every ARN of every option against the cluster, and repeats", async () => {
    expect(
      await problemsOf(
        cluster(
          "      - name: velero\n        bucketArns: [arn:aws:s3:::backups, arn:aws:s3:::backups]\n        bucketPathArns: [arn:aws-cn:s3:::backups/*]\n      - name: karpenter\n        nodeRoleArns: [arn:aws:iam::444455556666:role/nodes]\n        interruptionQueueArn: arn:aws:sns:us-east-1:111122223333:events",
        ),
      ),
    ).toEqual([
      "tenants.yaml:8:44: clusters[0].controllers[0].bucketArns[1]: arn:aws:s3:::backups is listed twice",
      'tenants.yaml:9:26: clusters[0].controllers[0].bucketPathArns[0]: arn:aws-cn:s3:::backups/* is in partition "aws-cn", but cluster "demo" is in us-east-1, partition "aws"; expected arn:aws:s3:::<bucket>/<key prefix>*',
      'tenants.yaml:11:24: clusters[0].controllers[1].nodeRoleArns[0]: arn:aws:iam::444455556666:role/nodes is in account 444455556666, but cluster "demo" is in account 111122223333, and this must be in the same account',
      "tenants.yaml:12:31: clusters[0].controllers[1].interruptionQueueArn: arn:aws:sns:us-east-1:111122223333:events is not a sqs ARN; expected arn:aws:sqs:us-east-1:111122223333:<queue name>",
    ]);
  });

  it("wants external-secrets to name what it may read", async () => {
    expect(await problemsOf(cluster("      - name: external-secrets\n        createSecrets: true"))).toEqual([
      "tenants.yaml:7:15: clusters[0].controllers[0].name: external-secrets needs secretsManagerArns or ssmParameterArns (or both): the secrets it may read; it gets no access to all secrets by default",
    ]);
  });

  it("refuses a service account that a known add-on, another controller or a tenant already associates", async () => {
    const text = `
clusters:
  - name: demo
    region: us-east-1
    addons:
      - name: aws-ebs-csi-driver
    controllers:
      - name: aws-ebs-csi-driver
      - name: external-dns
        hostedZoneArns: [arn:aws:route53:::hostedzone/Z1]
        namespace: cert-manager
        serviceAccount: cert-manager
      - name: cert-manager
        hostedZoneArns: [arn:aws:route53:::hostedzone/Z1]
tenants:
  - name: web
    namespace: kube-system
    serviceAccount: karpenter
  - name: other
    namespace: kube-system
    serviceAccount: other
`;
    expect(await problemsOf(text.replace("      - name: cert-manager", "      - name: karpenter\n        nodeRoleArns: [arn:aws:iam::111122223333:role/n]\n      - name: cert-manager"))).toEqual([
      'tenants.yaml:8:15: clusters[0].controllers[0].name: controller "aws-ebs-csi-driver" associates service account "ebs-csi-controller-sa" in namespace "kube-system" on cluster "demo", which add-on "aws-ebs-csi-driver" already associates; EKS allows one role per service account. Set namespace or serviceAccount to where the controller runs',
      'tenants.yaml:15:15: clusters[0].controllers[3].name: controller "cert-manager" associates service account "cert-manager" in namespace "cert-manager" on cluster "demo", which controller "external-dns" already associates; EKS allows one role per service account. Set namespace or serviceAccount to where the controller runs',
      'tenants.yaml:20:21: tenants[0].serviceAccount: tenant "web" associates service account "karpenter" in namespace "kube-system" on cluster "demo", which controller "karpenter" already associates; EKS allows one role per service account',
    ]);
  });

  it("counts controllers' roles among the account's role names", async () => {
    const text = `
clusters:
  - name: demo
    region: us-east-1
    controllers:
      - name: aws-efs-csi-driver
        role: { name: efs }
tenants:
  - name: efs
    namespace: efs
    serviceAccount: efs
    role: { name: EFS }
`;
    expect(await problemsOf(text)).toEqual([
      'tenants.yaml:7:23: clusters[0].controllers[0].role.name: role name "efs" of controller "aws-efs-csi-driver" on cluster "demo" is already used by tenant "efs" on cluster "demo" in the same account (no accountId is set; set it if the clusters are in different accounts); IAM role names are unique per account, ignoring case. Leave role.name out to get a per-cluster name',
    ]);
  });

  it("warns when the options need more managed policies than the default quota of 10 per role", async () => {
    // Each zone is 53 characters with quotes and comma; (6,144 - about 190 of statement) / 53 = 112
    // zones per policy, so 1,300 zones need 12 policies.
    const zones = Array.from({ length: 1300 }, (_, i) => `arn:aws:route53:::hostedzone/Z${String(i).padStart(20, "0")}`);
    expect(await problemsOf(cluster(`      - name: external-dns\n        hostedZoneArns: [${zones.join(", ")}]`))).toEqual([
      'warning: tenants.yaml:7:15: clusters[0].controllers[0].name: controller "external-dns" needs 12 managed policies for its options; the default IAM quota is 10 per role, so this needs a quota raise (up to 20)',
    ]);
  });

  it("lets a valid file through with its controllers", async () => {
    const c = await configOf(cluster("      - name: cluster-autoscaler\n        clusterNames: [demo, blue]"));
    expect(c.clusters[0]!.controllers[0]).toMatchObject({ name: "cluster-autoscaler", clusterNames: ["demo", "blue"] });
  });
});

it("wants target groups in the cluster's account, since the TargetGroupBinding policy assumes no role", () => {
  expect(arnProblem("arn:aws:elasticloadbalancing:us-east-1:444455556666:targetgroup/web/73e2d6bc24d8a067", TARGET_GROUP, { name: "demo", region: "us-east-1", accountId: "111122223333" })).toBe(
    'arn:aws:elasticloadbalancing:us-east-1:444455556666:targetgroup/web/73e2d6bc24d8a067 is in account 444455556666, but cluster "demo" is in account 111122223333, and this must be in the same account',
  );
});

describe("oversizedPolicyProblem", () => {
  it("refuses a single-resource policy above IAM's 6,144 characters per managed policy, and only that", () => {
    expect(oversizedPolicyProblem(6144)).toBeUndefined();
    expect(oversizedPolicyProblem(6145)).toBe("one of its resources alone makes a policy of 6145 characters; IAM allows at most 6144 per managed policy");
  });
});
