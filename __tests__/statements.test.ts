import { statementSchema } from "../lib/schema/schema";
import { SESSION_TAG_VARIABLES } from "../lib/policy/abac";
import { statementProblems, toPolicyStatement } from "../lib/policy/statements";
import { dataSources, problemsOf, synthYaml } from "./helpers";

const st = (input: unknown) => statementSchema.parse(input);
const VALUES = { namespace: "web", serviceAccount: "web-sa", cluster: "demo" };

describe("toPolicyStatement", () => {
  it("keeps a given sid, turns conditions into one entry per key and values into strings", () => {
    expect(
      toPolicyStatement(
        st({ sid: "ReadTemplates", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::t/${namespace}/*"], conditions: { Bool: { "aws:SecureTransport": true }, StringEquals: { "s3:ExistingObjectTag/team": ["${namespace}", "shared"] } } }),
        VALUES,
      ),
    ).toEqual({
      sid: "ReadTemplates",
      effect: "Allow",
      actions: ["s3:GetObject"],
      resources: ["arn:aws:s3:::t/web/*"],
      conditions: [
        { test: "Bool", variable: "aws:SecureTransport", values: ["true"] },
        { test: "StringEquals", variable: "s3:ExistingObjectTag/team", values: ["web", "shared"] },
      ],
    });
  });

  it("derives a sid from the content, so it stays put when statements move", () => {
    const a = toPolicyStatement(st({ actions: ["sns:Publish"], resources: ["arn:aws:sns:us-east-1:111122223333:t"] }), VALUES);
    const b = toPolicyStatement(st({ resources: ["arn:aws:sns:us-east-1:111122223333:t"], actions: ["sns:Publish"], effect: "Allow" }), VALUES);
    const c = toPolicyStatement(st({ actions: ["sns:Publish"], resources: ["arn:aws:sns:us-east-1:111122223333:u"] }), VALUES);
    expect(a.sid).toMatch(/^Statement[0-9a-f]{8}$/);
    expect(b.sid).toBe(a.sid);
    expect(c.sid).not.toBe(a.sid);
  });

  it("in a shared role, placeholders become session-tag variables; IAM's own variables are kept", () => {
    const s = toPolicyStatement(st({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/${cluster}/${aws:PrincipalTag/team}/*"] }), SESSION_TAG_VARIABLES);
    expect(s.resources).toEqual(["arn:aws:s3:::b/${aws:PrincipalTag/eks-cluster-name}/${aws:PrincipalTag/team}/*"]);
  });
});

describe("statementProblems", () => {
  const problems = (input: unknown) => statementProblems(st(input)).map((p) => `${p.field.join(".")}: ${p.message}`);

  it("accepts ARNs, * and known operators with IfExists and set prefixes", () => {
    expect(problems({ actions: ["s3:GetObject"], resources: ["*", "arn:aws:s3:::b/*"], conditions: { "ForAnyValue:StringLikeIfExists": { "aws:TagKeys": "a*" } } })).toEqual([]);
  });

  it("refuses resources that are not ARNs, unknown operators (with a suggestion) and odd keys", () => {
    expect(problems({ actions: ["s3:GetObject"], resources: ["my-bucket"], conditions: { StringEqual: { "aws:SourceVpc": "vpc-1" }, Bool: { SecureTransport: true } } })).toEqual([
      'resources.0: "my-bucket" is not a resource: expected an ARN (arn:<partition>:<service>:...) or *',
      'conditions.StringEqual: "StringEqual" is not an IAM condition operator; did you mean "StringEquals"?; operators include StringEquals, StringLike, ArnLike, Bool, IpAddress, optionally with IfExists or a ForAnyValue:/ForAllValues: prefix',
      'conditions.Bool.SecureTransport: "SecureTransport" is not a condition key: expected <service>:<key>, such as aws:SourceVpc or s3:prefix',
    ]);
  });

  it("checks condition keys for pre-escaped variables too", () => {
    expect(problems({ actions: ["s3:GetObject"], resources: ["*"], conditions: { StringEquals: { "aws:ResourceTag/$${aws:username}": "x" } } })).toEqual([
      'conditions.StringEquals.aws:ResourceTag/$${aws:username}: "aws:ResourceTag/$${aws:username}" contains "$${"; write IAM policy variables as ${aws:...}, they are escaped for Terraform automatically',
    ]);
  });

  it("refuses pre-escaped variables: escaping is done for the user", () => {
    expect(problems({ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/$${aws:username}/*"] })).toEqual([
      'resources.0: "arn:aws:s3:::b/$${aws:username}/*" contains "$${"; write IAM policy variables as ${aws:...}, they are escaped for Terraform automatically',
    ]);
  });
});

describe("statements through the tenants file", () => {
  it("report an unknown action with the closest real one, at its place", async () => {
    expect(
      await problemsOf(`
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    statements:
      - actions: [s3:GetObjects, s3:ListBucket]
        resources: ["arn:aws:s3:::b/*"]
`),
    ).toEqual(['tenants.yaml:8:19: tenants[0].statements[0].actions[0]: "s3:GetObjects" is not an IAM action; did you mean "s3:GetObject"?']);
  });

  it("land in the inline policy with IAM variables escaped for Terraform", async () => {
    const synth = (await synthYaml(`
clusters: [{ name: demo, region: us-east-1 }]
tenants:
  - name: web
    namespace: web
    serviceAccount: sa
    statements:
      - sid: OwnHome
        actions: [s3:GetObject]
        resources: ["arn:aws:s3:::b/\${aws:PrincipalTag/kubernetes-namespace}/*"]
`)).demo!;
    expect(dataSources(synth, "aws_iam_policy_document").web_permissions_document_9D68ACA5!.statement).toEqual([
      { sid: "OwnHome", effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::b/$${aws:PrincipalTag/kubernetes-namespace}/*"] },
    ]);
  });
});
