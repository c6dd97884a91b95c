/**
 * The import blocks that adopt's imports file produces, planned by Terraform with the real AWS
 * provider (5.100.0, from the local mirror) against the stand-in EKS and IAM: the provider
 * accepts the IDs (`cluster,association_id`, the role name), reads the live resources, and the
 * plan imports them instead of creating them. The migrating tenant's trust policy is checked as
 * the provider renders it for IAM. Only the AWS part of the stack is planned: there
 * is no Kubernetes provider on these machines.
 */
import { tempDir } from "./temp-dir";
import { tenantsFile } from "./fixtures";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { awsEnv, startAwsStandIn } from "./stand-in/aws-api";
import { runApp } from "./run";
import { pluginMirror, requiredTerraformTest, terraform, terraformAvailable } from "./terraform";
import type { Json } from "./helpers";

jest.setTimeout(180_000);

const SUITE = "import blocks planned by terraform";
const ACCOUNT = "111122223333";
const ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${ISSUER}`;

/** The stack's AWS part, with a provider aimed at the stand-in and no credentials to find. */
function awsPart(stack: Json, url: string): Json {
  const out: Json = JSON.parse(JSON.stringify(stack));
  delete out["//"];
  out.terraform.required_providers = { aws: { source: "hashicorp/aws", version: "5.100.0" } };
  delete out.terraform.backend;
  delete out.provider.kubernetes;
  delete out.provider.helm;
  out.provider.aws = [
    {
      region: "eu-west-1",
      access_key: "stand-in",
      secret_key: "stand-in",
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      endpoints: [{ eks: url, iam: url }],
    },
  ];
  for (const type of Object.keys(out.resource)) if (type.startsWith("kubernetes_")) delete out.resource[type];
  return out;
}

if (terraformAvailable("terraform and the AWS provider mirror", SUITE)) {
  test("plans imports of the live association and role, at the tenant's addresses, and no create for them", async () => {
    const dir = tempDir("import-plan-");
    const file = join(dir, "tenants.yaml");
    writeFileSync(file, tenantsFile({ clusters: [{ region: "eu-west-1", agent: { install: "none" } }], tenants: [{ name: "web", serviceAccount: "app", createServiceAccount: false, irsa: { oidcProviderArn: PROVIDER } }] }));
    mkdirSync(join(dir, "imports"));
    writeFileSync(join(dir, "imports", "demo.json"), JSON.stringify({ cluster: "demo", tenants: { web: { association: { id: "a-web", namespace: "web", serviceAccount: "app", roleArn: `arn:aws:iam::${ACCOUNT}:role/handmade` }, roleName: "web.demo" } } }));
    const synth = runApp({ TENANTS_FILE: file, CDKTF_OUTDIR: join(dir, "out") });
    // The live association binds another role: imported, then updated in place, as the warning says.
    expect(synth.stderr).toMatch(/^warning: .*demo\.json:1:\d+: tenants\.web\.association\.roleArn: association a-web of web\/app binds arn:aws:iam::111122223333:role\/handmade now; the first deploy sets it to the tenant's role web\.demo in place/);
    expect(synth.stderr.trim().split("\n")).toHaveLength(1);

    const api = await startAwsStandIn({
      clusters: [
        {
          name: "demo",
          account: ACCOUNT,
          region: "eu-west-1",
          associations: [{ associationId: "a-web", namespace: "web", serviceAccount: "app", roleArn: `arn:aws:iam::${ACCOUNT}:role/handmade` }],
        },
      ],
      roles: [{ name: "web.demo", path: "/", account: ACCOUNT }],
    });
    try {
      const stack = JSON.parse(readFileSync(join(dir, "out", "stacks", "demo", "cdk.tf.json"), "utf8")) as Json;
      const work = join(dir, "tf");
      mkdirSync(work);
      writeFileSync(join(work, "main.tf.json"), JSON.stringify(awsPart(stack, api.url)));
      const env = { ...awsEnv(api.url), TF_PLUGIN_CACHE_DIR: "" };
      const init = await terraform(["init", "-input=false", "-backend=false", `-plugin-dir=${pluginMirror()}`], work, env);
      expect(init.stderr).toBe("");
      const plan = await terraform(["plan", "-input=false", "-lock=false", "-out=plan.tfplan"], work, env);
      expect(plan.stderr).toBe("");
      expect(plan.code).toBe(0);
      const show = await terraform(["show", "-json", "plan.tfplan"], work, env);
      const changes = (JSON.parse(show.stdout) as Json).resource_changes as Json[];
      const byAddress = Object.fromEntries(changes.map((c) => [c.address, c.change]));
      const assoc = Object.keys(byAddress).find((a) => a.startsWith("aws_eks_pod_identity_association.web_association"))!;
      const role = Object.keys(byAddress).find((a) => a.startsWith("aws_iam_role.web_role"))!;
      expect(byAddress[assoc].importing).toEqual({ id: "demo,a-web" });
      expect(byAddress[role].importing).toEqual({ id: "web.demo" });
      // Imported and then updated in place (the association gets the tenant's role, the role
      // its trust policy): nothing is created or replaced.
      expect(changes.map((c) => [c.address, c.change.actions])).toEqual([
        [assoc, ["update"]],
        [role, ["update"]],
      ]);
      expect(byAddress[assoc].after.role_arn).toBe(`arn:aws:iam::${ACCOUNT}:role/web.demo`);
      // The trust policy as IAM receives it, rendered by the provider: Pod Identity, and IRSA for
      // this service account only, in the form of the EKS user guide (associate-service-account-role).
      expect(JSON.parse(byAddress[role].after.assume_role_policy as string).Statement[1]).toEqual({
        Sid: "AllowIrsaWhileMigratingToPodIdentity",
        Effect: "Allow",
        Principal: { Federated: PROVIDER },
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: { StringEquals: { [`${ISSUER}:sub`]: "system:serviceaccount:web:app", [`${ISSUER}:aud`]: "sts.amazonaws.com" } },
      });
      expect(api.writes).toEqual([]);
    } finally {
      await api.close();
    }
  });
} else requiredTerraformTest(SUITE);
