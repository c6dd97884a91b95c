import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { RolePermissions } from "../lib/constructs/role-permissions";
import { TenantIdentity } from "../lib/constructs/tenant-identity";
import type { PolicyStatement } from "../lib/policy/statement";
import { dataSources, stackOf } from "./helpers";
import { withCluster } from "./cluster-fixture";

const ENV = { partition: "aws", accountId: "111122223333", region: "us-east-1" };
const st = (sid: string, resource = "arn:aws:s3:::b/*"): PolicyStatement => ({ sid, effect: "Allow", actions: ["s3:GetObject"], resources: [resource] });

describe("RolePermissions", () => {
  it("is an aws_iam_role_policy named least-privilege over a data.aws_iam_policy_document", () => {
    const synth = stackOf((s) => new RolePermissions(s, "perm", { roleName: "r", statements: [st("A")], environment: ENV }));
    expect(synth).toHaveResourceWithProperties(IamRolePolicy, { name: "least-privilege", role: "r", policy: "${data.aws_iam_policy_document.perm_document_25273435.json}" });
  });

  it("refuses repeated sids and documents over the inline-policy quota", () => {
    expect(() => stackOf((s) => new RolePermissions(s, "perm", { roleName: "r", statements: [st("A"), st("A")], environment: ENV, owner: 'tenant "web"' }))).toThrow(
      'RolePermissions of tenant "web": invalid props:\n  - statements: sid "A" is used by statements[0] and statements[1]; sids must be unique in a policy',
    );
    const many = Array.from({ length: 200 }, (_, i) => st(`S${i}`, `arn:aws:s3:::bucket-${i}/a/long/prefix/to/fill/the/policy/*`));
    expect(() => stackOf((s) => new RolePermissions(s, "perm", { roleName: "r", statements: many, environment: ENV }))).toThrow(
      /statements: inline policy "least-privilege" would be \d+ characters; IAM allows at most 10240 characters of inline policy per role \(white space not counted\)/,
    );
  });
});

describe("TenantIdentity grants from TypeScript", () => {
  it("take the partition and region from the cluster, and look the account up once", () => {
    const synth = stackOf((s) => new TenantIdentity(s, "web", withCluster(s, { clusterName: "demo", namespace: "web", serviceAccount: "sa", grants: [{ sns: { topic: "alerts", access: "publish" } }] })));
    const doc = Object.entries(dataSources(synth, "aws_iam_policy_document")).find(([id]) => id.startsWith("web_permissions_document_"))![1];
    expect(doc.statement[0].resources).toEqual([
      "arn:aws:sns:us-east-1:${data.aws_caller_identity.caller_identity.account_id}:alerts",
    ]);
  });

  it("checks grants and statements with the file's rules", () => {
    expect(() =>
      stackOf(
        (s) =>
          new TenantIdentity(s, "web", withCluster(s, {
            clusterName: "demo",
            namespace: "web",
            serviceAccount: "sa",
            grants: [{ kms: { keyArn: "arn:aws:kms:us-east-1:111122223333:alias/x", access: "decrypt" } }],
            statements: [{ effect: "Allow", actions: ["s3:GetObject"], resources: ["bucket"] }],
          })),
      ),
    ).toThrow(
      'TenantIdentity "web": invalid props:\n  - grants[0].kms.keyArn: "arn:aws:kms:us-east-1:111122223333:alias/x" is an alias ARN; IAM policies only match key ARNs (arn:<partition>:kms:<region>:<account>:key/<key id>)\n  - statements[0].resources[0]: "bucket" is not a resource: expected an ARN (arn:<partition>:<service>:...) or *',
    );
  });
});
