/**
 * A shared role singles out one member, proven with an IAM policy simulator on the policies the
 * stack synthesizes: for every grant kind that takes placeholders and for raw statements, member
 * "team" is denied what member "team-b" reaches (and the other way round), and each is allowed
 * its own. The two namespaces are chosen so that one is a prefix of the other, the case a
 * wildcard or a name character after a placeholder would break.
 */
import { decide, documentNamed, iamPolicy, mayAssume, podSessionTags, type IamPolicy, type Pod } from "./iam-simulator";
import { synthYaml } from "./helpers";

const ACCOUNT = "111122223333";
const CLUSTER_ARN = `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/demo`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/teams.demo`;

const YAML = `
clusters: [{ name: demo, region: us-east-1, accountId: "${ACCOUNT}" }]
sharedRoles:
  - name: teams
    grants:
      - s3: { bucket: acme-teams, prefix: "\${namespace}/", access: readwrite }
      - dynamodb: { table: "orders-\${namespace}", access: readwrite }
      - sqs: { queue: "jobs-\${namespace}", access: consume }
      - sns: { topic: "events-\${namespace}" }
      - secretsManager: { secret: "\${namespace}/db" }
      - ssm: { path: "/teams/\${namespace}/" }
    statements:
      - actions: [s3:GetObject]
        resources: ["arn:aws:s3:::acme-shared/\${namespace}/\${serviceAccount}/*"]
      - actions: [sqs:SendMessage]
        resources: ["arn:aws:sqs:us-east-1:${ACCOUNT}:\${aws:PrincipalTag/kubernetes-namespace}_\${serviceAccount}"]
      - actions: [ssm:GetParameter]
        resources: ["arn:aws:ssm:*:${ACCOUNT}:parameter/ledgers/\${namespace}"]
      - actions: [dynamodb:GetItem]
        resources: ["arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/audit"]
        conditions:
          ForAllValues:StringLike: { "dynamodb:LeadingKeys": ["\${namespace}/*"] }
tenants:
  - { name: team, namespace: team, serviceAccount: app, sharedRole: teams }
  - { name: team-b, namespace: team-b, serviceAccount: app, sharedRole: teams }
`;

const pod = (namespace: string): Pod => ({ namespace, serviceAccount: "app", clusterName: "demo", clusterArn: CLUSTER_ARN });
const regional = (service: string, resource: string) => `arn:aws:${service}:us-east-1:${ACCOUNT}:${resource}`;

/** Per case: an action and the resource of member `ns` (and the context the action needs). */
const CASES: ReadonlyArray<{ readonly kind: string; readonly action: string; readonly resource: (ns: string) => string; readonly context?: (ns: string) => Record<string, string | string[]> }> = [
  { kind: "s3 read", action: "s3:GetObject", resource: (ns) => `arn:aws:s3:::acme-teams/${ns}/report.csv` },
  { kind: "s3 write", action: "s3:PutObject", resource: (ns) => `arn:aws:s3:::acme-teams/${ns}/report.csv` },
  { kind: "s3 list", action: "s3:ListBucket", resource: () => "arn:aws:s3:::acme-teams", context: (ns) => ({ "s3:prefix": `${ns}/` }) },
  { kind: "dynamodb read", action: "dynamodb:GetItem", resource: (ns) => regional("dynamodb", `table/orders-${ns}`) },
  { kind: "dynamodb write", action: "dynamodb:PutItem", resource: (ns) => regional("dynamodb", `table/orders-${ns}`) },
  { kind: "dynamodb index", action: "dynamodb:Query", resource: (ns) => regional("dynamodb", `table/orders-${ns}/index/by-date`) },
  { kind: "sqs", action: "sqs:ReceiveMessage", resource: (ns) => regional("sqs", `jobs-${ns}`) },
  { kind: "sns", action: "sns:Publish", resource: (ns) => regional("sns", `events-${ns}`) },
  { kind: "secretsManager", action: "secretsmanager:GetSecretValue", resource: (ns) => regional("secretsmanager", `secret:${ns}/db-AbC123`) },
  { kind: "ssm", action: "ssm:GetParameter", resource: (ns) => regional("ssm", `parameter/teams/${ns}/password`) },
  { kind: "ssm by path", action: "ssm:GetParametersByPath", resource: (ns) => regional("ssm", `parameter/teams/${ns}`) },
  { kind: "raw statement", action: "s3:GetObject", resource: (ns) => `arn:aws:s3:::acme-shared/${ns}/app/data.json` },
  { kind: "raw statement, session-tag form", action: "sqs:SendMessage", resource: (ns) => regional("sqs", `${ns}_app`) },
  { kind: "raw statement, wildcard before the placeholder", action: "ssm:GetParameter", resource: (ns) => regional("ssm", `parameter/ledgers/${ns}`) },
  { kind: "raw statement, condition", action: "dynamodb:GetItem", resource: () => regional("dynamodb", "table/audit"), context: (ns) => ({ "dynamodb:LeadingKeys": [`${ns}/2026-12-07`] }) },
];

let permissions: IamPolicy;
let trust: IamPolicy;

beforeAll(async () => {
  const demo = (await synthYaml(YAML)).demo!;
  permissions = iamPolicy(documentNamed(demo, "shared_roles_teams_permissions_document"));
  trust = iamPolicy(documentNamed(demo, "shared_roles_teams_trust"), { "data.aws_eks_cluster.eks_cluster.arn": CLUSTER_ARN });
});

async function decision(member: string, action: string, resource: string, context: Record<string, string | string[]> = {}) {
  return decide({ policies: [permissions], action, resource, principal: `arn:aws:sts::${ACCOUNT}:assumed-role/teams.demo/eks-demo-${member}`, context: { ...podSessionTags(pod(member)), ...context } });
}

describe.each(CASES)("a shared role's $kind", ({ action, resource, context }) => {
  it.each([
    ["team", "team-b"],
    ["team-b", "team"],
  ])("lets %s reach its own resource and not %s's", async (me, other) => {
    expect(await decision(me, action, resource(me), context?.(me))).toBe("Allowed");
    expect(await decision(me, action, resource(other), context?.(other))).toBe("ImplicitlyDenied");
  });
});

describe("the shared role's trust", () => {
  it("admits each member's pods and no pod of another namespace, service account or cluster", async () => {
    expect(await mayAssume(trust, ROLE_ARN, pod("team"))).toBe(true);
    expect(await mayAssume(trust, ROLE_ARN, pod("team-b"))).toBe(true);
    expect(await mayAssume(trust, ROLE_ARN, pod("team-c"))).toBe(false);
    expect(await mayAssume(trust, ROLE_ARN, { ...pod("team"), serviceAccount: "other" })).toBe(false);
    expect(await mayAssume(trust, ROLE_ARN, { ...pod("team"), clusterArn: `arn:aws:eks:us-east-1:${ACCOUNT}:cluster/other` })).toBe(false);
  });
});
