/** lib/constructs/session-policy.ts: TenantIdentity's sessionPolicy prop, and shared roles whose members narrow it. */
import { EksPodIdentityAssociation } from "@cdktf/provider-aws/lib/eks-pod-identity-association";
import { applySessionPolicy } from "../lib/constructs/session-policy";
import { SharedRole, type SharedRoleProps } from "../lib/constructs/shared-role";
import { TenantIdentity, type TenantIdentityProps } from "../lib/constructs/tenant-identity";
import { withCluster } from "./cluster-fixture";
import { dataSources, resources, stackOf, synthYaml } from "./helpers";

/** The cluster's names: the account pinned, so that ARNs are literals. */
const CLUSTER = { clusterName: "demo", region: "us-east-1", accountId: "111122223333" };
const base = { ...CLUSTER, namespace: "sales", serviceAccount: "reporter" };
const READ_SALES = { grants: [{ s3: { bucket: "acme-sales", access: "read" as const } }] };
const SALES_POLICY =
  '{"Version":"2012-10-17","Statement":[{"Sid":"S3List62380616","Effect":"Allow","Action":["s3:ListBucket"],"Resource":["arn:aws:s3:::acme-sales"]},{"Sid":"S3Read62380616","Effect":"Allow","Action":["s3:GetObject","s3:GetObjectVersion"],"Resource":["arn:aws:s3:::acme-sales/*"]}]}';

describe("TenantIdentity with a session policy", () => {
  it("writes the association's policy through the escape hatch, with session tags off", () => {
    const synth = stackOf((s) => new TenantIdentity(s, "sales", withCluster<TenantIdentityProps>(s, { ...base, disableSessionTags: true, scopeTrustToServiceAccount: false, sessionPolicy: READ_SALES })));
    expect(synth).toHaveResourceWithProperties(EksPodIdentityAssociation, { namespace: "sales", disable_session_tags: true, policy: SALES_POLICY });
  });

  it("uses the binding's own policy argument where it types one, as CDK Terrain's provider 25.x does", () => {
    // A binding with a typed `policy`, as @cdktn/provider-aws generates it: a setter on the class.
    const written: string[] = [];
    class TypedPolicy extends EksPodIdentityAssociation {
      set policy(value: string) {
        written.push(value);
        this.addOverride("policy", value);
      }
    }
    const statements = [{ sid: "Read", effect: "Allow" as const, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::acme-sales/*"] }];
    const env = { partition: "aws", region: "us-east-1", accountId: "111122223333" };
    const synth = stackOf((s) => {
      const typed = new TypedPolicy(s, "typed", { clusterName: "demo", namespace: "sales", serviceAccount: "reporter", roleArn: "arn:aws:iam::111122223333:role/r" });
      applySessionPolicy(typed, statements, env);
      const plain = new EksPodIdentityAssociation(s, "plain", { clusterName: "demo", namespace: "hr", serviceAccount: "reporter", roleArn: "arn:aws:iam::111122223333:role/r" });
      applySessionPolicy(plain, statements, env);
    });
    const policy = '{"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::acme-sales/*"]}]}';
    expect(written).toEqual([policy]);
    // Either way the Terraform is the same.
    expect(Object.values(resources(synth, "aws_eks_pod_identity_association")).map((a) => [a.namespace, a.policy, a.disable_session_tags]).sort()).toEqual([
      ["hr", policy, true],
      ["sales", policy, true],
    ]);
  });

  it("writes no policy without the prop", () => {
    const synth = stackOf((s) => new TenantIdentity(s, "sales", withCluster<TenantIdentityProps>(s, { ...base, disableSessionTags: true })));
    expect(Object.values(resources(synth, "aws_eks_pod_identity_association"))[0]).not.toHaveProperty("policy");
  });

  it("refuses it with session tags on, in the file's words", () => {
    expect(() => stackOf((s) => new TenantIdentity(s, "sales", withCluster<TenantIdentityProps>(s, { ...base, sessionPolicy: READ_SALES })))).toThrow(
      'TenantIdentity "sales": invalid props:\n  - disableSessionTags: must be true with sessionPolicy: EKS accepts an association\'s session policy only with session tags disabled (CreatePodIdentityAssociation). Set disableSessionTags: true, or remove sessionPolicy',
    );
  });

  it("checks its grants and statements as the identity's own, at their place under sessionPolicy", () => {
    expect(() =>
      stackOf((s) => new TenantIdentity(s, "sales", withCluster<TenantIdentityProps>(s, { ...base, disableSessionTags: true, sessionPolicy: { grants: [{ s3: { bucket: "Acme_Sales" } }], statements: [{ actions: [], resources: ["*"] }] } }))),
    ).toThrow(/- sessionPolicy\.grants\[0\]\.s3\.bucket: "Acme_Sales" is not a bucket name[^\n]*\n {2}- sessionPolicy\.statements\[0\]\.actions: /);
  });

  it("refuses one over STS's 2,048 characters", () => {
    const grants = Array.from({ length: 15 }, (_, i) => ({ sqs: { queue: `orders-incoming-priority-high-${i}`, access: "send" as const } }));
    expect(() => stackOf((s) => new TenantIdentity(s, "sales", withCluster<TenantIdentityProps>(s, { ...base, disableSessionTags: true, sessionPolicy: { grants } })))).toThrow(/- sessionPolicy: would be 27\d\d characters; an association's session policy is an STS inline session policy, which may be at most 2048 characters/);
  });
});

describe("a shared role whose members each carry a session policy", () => {
  const members = [
    { name: "sales", namespace: "sales", serviceAccount: "reporter", disableSessionTags: true },
    { name: "hr", namespace: "hr", serviceAccount: "reporter", disableSessionTags: true },
  ];

  it("has one unscoped trust statement, and one association per member, each with its own policy", () => {
    const synth = stackOf((s) => {
      const shared = new SharedRole(s, "readers", withCluster<SharedRoleProps>(s, { ...CLUSTER, members, grants: [{ s3: { bucket: "acme-sales" } }, { s3: { bucket: "acme-hr" } }] }));
      for (const [m, bucket] of [[members[0]!, "acme-sales"], [members[1]!, "acme-hr"]] as const) {
        new TenantIdentity(s, m.name, withCluster<TenantIdentityProps>(s, { ...CLUSTER, namespace: m.namespace, serviceAccount: m.serviceAccount, sharedRole: shared, disableSessionTags: true, sessionPolicy: { grants: [{ s3: { bucket } }] } }));
      }
    });
    const trust = Object.entries(dataSources(synth, "aws_iam_policy_document")).find(([k]) => k.startsWith("readers_trust"))![1];
    expect(trust.statement).toEqual([{ sid: "AllowEksAuthToAssumeRoleForPodIdentity", effect: "Allow", principals: [{ type: "Service", identifiers: ["pods.eks.amazonaws.com"] }], actions: ["sts:AssumeRole", "sts:TagSession"] }]);
    const associations = Object.values(resources(synth, "aws_eks_pod_identity_association"));
    expect(associations.map((a) => [a.namespace, a.role_arn, a.disable_session_tags, JSON.parse(a.policy).Statement.map((st: { Resource: string[] }) => st.Resource[0])])).toEqual([
      ["hr", "${aws_iam_role.readers_role_D969901F.arn}", true, ["arn:aws:s3:::acme-hr", "arn:aws:s3:::acme-hr/*"]],
      ["sales", "${aws_iam_role.readers_role_D969901F.arn}", true, ["arn:aws:s3:::acme-sales", "arn:aws:s3:::acme-sales/*"]],
    ]);
    expect(Object.keys(resources(synth, "aws_iam_role"))).toHaveLength(1);
  });

  it("refuses members without session tags on a role whose policies read them, and session policies on it", () => {
    stackOf((s) => {
      expect(() => new SharedRole(s, "teams", withCluster<SharedRoleProps>(s, { ...CLUSTER, members, grants: [{ s3: { bucket: "acme", prefix: "${namespace}/" } }] }))).toThrow(
        'SharedRole "teams": invalid props:\n  - members: sales, hr disable session tags, but the role\'s policies read them ("${namespace}/")',
      );
      const teams = new SharedRole(s, "teams2", withCluster<SharedRoleProps>(s, { ...CLUSTER, members: [{ name: "sales", namespace: "sales", serviceAccount: "reporter" }], grants: [{ s3: { bucket: "acme", prefix: "${namespace}/" } }] }));
      expect(() => new TenantIdentity(s, "sales", withCluster<TenantIdentityProps>(s, { ...CLUSTER, namespace: "sales", serviceAccount: "reporter", sharedRole: teams, disableSessionTags: true, sessionPolicy: READ_SALES }))).toThrow(
        /- disableSessionTags: uses shared role "teams2", which needs session tags[^\n]*\n {2}- disableSessionTags: must be the same as in shared role "teams2"'s members entry[^\n]*\n {2}- sessionPolicy: cannot be used with shared role "teams2": its policies read the session tags \("\$\{namespace\}\/"\)/,
      );
    });
  });
});

describe("a session policy through the tenants file", () => {
  it("names the account by reference when the file pins none, and keeps IAM policy variables for IAM", async () => {
    const out = await synthYaml(`
clusters: [{ name: a, region: eu-west-1 }]
tenants:
  - name: t
    namespace: t
    serviceAccount: t
    disableSessionTags: true
    trust: { scopeToServiceAccount: false }
    grants: [{ sqs: { queue: jobs, access: send } }]
    sessionPolicy:
      grants: [{ sqs: { queue: jobs, access: send } }]
      statements: [{ sid: Own, actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/\${aws:username}/*"] }]
`);
    const policy = Object.values(resources(out.a!, "aws_eks_pod_identity_association"))[0]!.policy as string;
    expect(policy).toContain('"Resource":["arn:aws:sqs:eu-west-1:${data.aws_caller_identity.caller_identity.account_id}:jobs"]');
    expect(policy).toContain('{"Sid":"Own","Effect":"Allow","Action":["s3:GetObject"],"Resource":["arn:aws:s3:::b/$${aws:username}/*"]}');
    expect(Object.keys(dataSources(out.a!, "aws_caller_identity"))).toEqual(["caller_identity"]);
  });
});
