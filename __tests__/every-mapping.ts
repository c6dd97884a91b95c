/**
 * A valid tenants file with every kind of mapping in it, and a value in each kind of field: the
 * example that schema-maps.ts walks beside the schema. Build it fresh (a function), so that no
 * two places share one object.
 */
import { FULL } from "./controller-options";

const ACCOUNT = "111122223333";
const conditions = () => ({ StringEquals: { "aws:ResourceTag/team": "web" }, Bool: { "aws:SecureTransport": true } });
export const everyMapping = () => ({
  clusters: [
    {
      name: "demo",
      region: "us-east-1",
      accountId: ACCOUNT,
      agent: { install: "addon", configurationValues: { agent: { additionalArgs: { "-b": "169.254.170.23" } } } },
      addons: [{ name: "amazon-cloudwatch-observability", role: { name: "demo-cloudwatch" }, configurationValues: { agent: { config: { logs: { enabled: true } } } } }],
      controllers: Object.values(FULL),
    },
    { name: "helm", region: "eu-west-1", accountId: ACCOUNT, agent: { install: "helm", version: "1.2.0", chart: { repository: "oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts" }, configurationValues: { image: { tag: "x" } } } },
  ],
  accounts: { [ACCOUNT]: { deployRoleArn: `arn:aws:iam::${ACCOUNT}:role/pod-identity-deploy`, sessionName: "pod-identity-ci" } },
  state: { s3: { bucket: "demo-state", region: "us-east-1", keyPrefix: "pod-identity/" } },
  defaults: { tags: { owner: "platform" } },
  tenants: [
    {
      name: "web",
      namespace: "web",
      serviceAccount: "web-sa",
      clusters: ["demo"],
      serviceAccountLabels: { tier: "front" },
      serviceAccountAnnotations: { "example.com/owner": "web" },
      role: { name: "web-role", maxSessionDuration: 3600, permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary` },
      managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
      grants: [
        { s3: { bucket: "web-data", prefix: "web/", access: "read" } },
        { dynamodb: { table: "orders", access: "read" } },
        { sqs: { queue: "jobs", access: "consume" } },
        { sns: { topic: "alerts" } },
        { secretsManager: { secret: "web/db" } },
        { ssm: { path: "/web/" } },
        { kms: { keyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } },
      ],
      statements: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::web-data/web/*"], conditions: conditions() }],
      trust: { scopeToServiceAccount: true },
      irsa: { oidcProviderArn: `arn:aws:iam::${ACCOUNT}:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF`, keepAnnotation: true },
      tags: { team: "web" },
    },
    { name: "team-a", namespace: "team-a", serviceAccount: "app", clusters: ["demo"], sharedRole: "teams" },
    { name: "billing", namespace: "billing", serviceAccount: "billing-sa", createNamespace: true, stack: "finance", targetRoleArn: "arn:aws:iam::444455556666:role/invoices-reader" },
  ],
  sharedRoles: [
    {
      name: "teams",
      role: { path: "/teams/" },
      grants: [{ s3: { bucket: "team-data", prefix: "${namespace}/", access: "read" } }],
      statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::team-data/${namespace}/*"], conditions: conditions() }],
      tags: { owner: "teams" },
    },
  ],
});
