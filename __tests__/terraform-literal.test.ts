/**
 * User strings reach AWS and Kubernetes literally: escaped once for Terraform's JSON templates,
 * never twice, and the product's own IAM policy variables keep their meaning. The round trip
 * runs the synthesized strings through real terraform.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Token } from "cdktf";
import { PodIdentityAgent } from "../lib/constructs/pod-identity-agent";
import { terraformJsonLiteral, terraformLiteral, terraformLiteralTags } from "../lib/terraform/terraform-literal";
import { parse, resources, stackOf, synthYaml, type Json } from "./helpers";
import { requiredTerraformTest, terraform, terraformAvailable } from "./terraform";
import { withCluster } from "./cluster-fixture";

describe("terraformLiteral", () => {
  it("doubles the first character of every ${ and %{", () => {
    expect(terraformLiteral("${AWS_REGION}")).toBe("$${AWS_REGION}");
    expect(terraformLiteral("%{ for x in y }${x}%{ endfor }")).toBe("%%{ for x in y }$${x}%%{ endfor }");
    expect(terraformLiteral("a$b{c%d{")).toBe("a$b{c%d{");
  });

  it("escapes text that already looks escaped, so that it too stays literal", () => {
    expect(terraformLiteral("$${kept}")).toBe("$$${kept}");
    expect(terraformLiteral("%%{kept}")).toBe("%%%{kept}");
  });

  it("leaves CDKTF tokens, which are references to other resources, as they are", () => {
    const ref = Token.asString({ resolve: () => "x" });
    expect(ref.startsWith("${TfToken[")).toBe(true);
    expect(terraformLiteral(`${ref}/\${literal}`)).toBe(`${ref}/$\${literal}`);
  });

  it("escapes JSON once as a whole, and tags' keys and values", () => {
    expect(terraformJsonLiteral({ a: "${x}", b: ["%{y}"] })).toBe('{"a":"$${x}","b":["%%{y}"]}');
    expect(terraformLiteralTags({ "k${": "v%{" })).toEqual({ "k$${": "v%%{" });
    expect(terraformLiteralTags({})).toBeUndefined();
  });
});

/** A file whose strings Terraform would evaluate if they were written as they stand. */
const HOSTILE = `
clusters:
  - name: demo
    region: us-east-1
    accountId: "111122223333"
    agent:
      configurationValues: { note: "\${AWS_REGION} %{ for x in y }\${x}%{ endfor } $\${kept} %%{kept}" }
    addons:
      - name: amazon-cloudwatch-observability
        configurationValues:
          containerLogs:
            fluentBit:
              config:
                extraFiles:
                  application-log.conf: "[OUTPUT]\\n    region \${AWS_REGION}\\n    log_group_name /aws/containerinsights/\${CLUSTER_NAME}/application"
  - name: charted
    region: eu-west-1
    agent: { install: helm, chart: { repository: "oci://111122223333.dkr.ecr.eu-west-1.amazonaws.com/helm-charts" }, configurationValues: { podAnnotations: { note: "\${HOME} %{ if true }x%{ endif }" } } }
tenants:
  - name: web
    namespace: web
    serviceAccount: web-sa
    clusters: [demo]
    role: { path: "/team\${x}/" }
    managedPolicyArns: ["arn:aws:iam::111122223333:policy/team\${x}/reader"]
    statements:
      - actions: ["s3:GetObject"]
        resources: ["arn:aws:s3:::home/\${aws:username}/*"]
        conditions: { StringLike: { "s3:ExistingObjectTag/owner": ["\${aws:username}/%{x}"] } }
  - { name: team-a, namespace: team-a, serviceAccount: app, clusters: [demo], sharedRole: teams }
sharedRoles:
  - name: teams
    grants: [{ s3: { bucket: acme, prefix: "\${namespace}/" } }]
`;

/** Each string the synthesized JSON holds for a hostile value, with what AWS or Kubernetes must receive. */
function generatedStrings(demo: Json, charted: Json): Array<{ what: string; generated: string; expected: string }> {
  const one = (o: Record<string, Json>, suffix: string) => Object.entries(o).find(([k]) => k.startsWith(suffix))![1];
  const webDoc = one(demo.data.aws_iam_policy_document, "web_permissions_document");
  const teamsDoc = one(demo.data.aws_iam_policy_document, "shared_roles_teams_permissions_document");
  return [
    { what: "agent add-on configuration_values", generated: one(demo.resource.aws_eks_addon, "pod_identity_agent_addon").configuration_values, expected: '{"note":"${AWS_REGION} %{ for x in y }${x}%{ endfor } $${kept} %%{kept}"}' },
    {
      what: "amazon-cloudwatch-observability configuration_values",
      generated: one(demo.resource.aws_eks_addon, "addon_amazon-cloudwatch-observability").configuration_values,
      expected: '{"containerLogs":{"fluentBit":{"config":{"extraFiles":{"application-log.conf":"[OUTPUT]\\n    region ${AWS_REGION}\\n    log_group_name /aws/containerinsights/${CLUSTER_NAME}/application"}}}}}',
    },
    { what: "helm values", generated: one(charted.resource.helm_release, "pod_identity_agent_release").values[0], expected: '{"podAnnotations":{"note":"${HOME} %{ if true }x%{ endif }"}}' },
    { what: "role path", generated: one(demo.resource.aws_iam_role, "web_role").path, expected: "/team${x}/" },
    { what: "policy ARN", generated: one(demo.resource.aws_iam_role_policy_attachment, "web_policy").policy_arn, expected: "arn:aws:iam::111122223333:policy/team${x}/reader" },
    { what: "statement resource", generated: webDoc.statement[0].resources[0], expected: "arn:aws:s3:::home/${aws:username}/*" },
    { what: "condition value", generated: webDoc.statement[0].condition[0].values[0], expected: "${aws:username}/%{x}" },
    { what: "shared role's session-tag variable", generated: teamsDoc.statement[1].resources[0], expected: "arn:aws:s3:::acme/${aws:PrincipalTag/kubernetes-namespace}/*" },
  ];
}

describe("user strings in the synthesized JSON", () => {
  it("are escaped exactly once, and the product's policy variables once too", async () => {
    const synth = await synthYaml(HOSTILE);
    const strings = generatedStrings(parse(synth.demo!), parse(synth.charted!));
    expect(Object.fromEntries(strings.map((s) => [s.what, s.generated]))).toEqual({
      "agent add-on configuration_values": '{"note":"$${AWS_REGION} %%{ for x in y }$${x}%%{ endfor } $$${kept} %%%{kept}"}',
      "amazon-cloudwatch-observability configuration_values":
        '{"containerLogs":{"fluentBit":{"config":{"extraFiles":{"application-log.conf":"[OUTPUT]\\n    region $${AWS_REGION}\\n    log_group_name /aws/containerinsights/$${CLUSTER_NAME}/application"}}}}}',
      "helm values": '{"podAnnotations":{"note":"$${HOME} %%{ if true }x%%{ endif }"}}',
      "role path": "/team$${x}/",
      "policy ARN": "arn:aws:iam::111122223333:policy/team$${x}/reader",
      "statement resource": "arn:aws:s3:::home/$${aws:username}/*",
      "condition value": "$${aws:username}/%%{x}",
      "shared role's session-tag variable": "arn:aws:s3:::acme/$${aws:PrincipalTag/kubernetes-namespace}/*",
    });
    // Nothing the file did not write as "$${" comes out escaped twice.
    expect(synth.demo!.replace(/\$\$\$\{kept\}/g, "")).not.toContain("$$${");
    expect(synth.demo!).not.toContain("%%%{ for");
  });

  it("are escaped by the constructs themselves for TypeScript users", () => {
    const synth = stackOf((stack) => {
      new PodIdentityAgent(stack, "agent", withCluster(stack, { clusterName: "demo", version: "v1.3.8-eksbuild.2", configurationValues: { note: "${x} %{y}" }, tags: { team: "web" } }));
    });
    expect(Object.values(resources(synth, "aws_eks_addon"))).toEqual([
      {
        addon_name: "eks-pod-identity-agent",
        addon_version: "v1.3.8-eksbuild.2",
        cluster_name: "demo",
        configuration_values: '{"note":"$${x} %%{y}"}',
        resolve_conflicts_on_create: "OVERWRITE",
        resolve_conflicts_on_update: "OVERWRITE",
        tags: { team: "web" },
      },
    ]);
  });
});

const SUITE = "template round trip through terraform";
if (terraformAvailable("terraform", SUITE)) {
  describe(SUITE, () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "tf-literal-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("gives back every user string exactly as the file wrote it", async () => {
      const synth = await synthYaml(HOSTILE);
      const strings = generatedStrings(parse(synth.demo!), parse(synth.charted!));
      // Outputs only: terraform core evaluates them without any provider.
      const outputs = Object.fromEntries(strings.map((s, i) => [`s${i}`, { value: s.generated }]));
      writeFileSync(join(dir, "main.tf.json"), JSON.stringify({ output: outputs }));
      for (const args of [["init", "-input=false", "-no-color"], ["apply", "-auto-approve", "-input=false", "-no-color"]]) {
        const run = await terraform(args, dir);
        expect({ args, code: run.code, stderr: run.stderr }).toEqual({ args, code: 0, stderr: "" });
      }
      const out = await terraform(["output", "-json", "-no-color"], dir);
      expect(out.code).toBe(0);
      const values = JSON.parse(out.stdout) as Record<string, { value: string }>;
      expect(strings.map((s, i) => ({ what: s.what, value: values[`s${i}`]!.value }))).toEqual(strings.map((s) => ({ what: s.what, value: s.expected })));
    }, 120_000);
  });
} else {
  requiredTerraformTest(SUITE);
}
