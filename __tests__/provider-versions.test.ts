import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, synthYaml } from "./helpers";
import { SESSION_POLICY, TARGET_ROLE_ARN, versionRange } from "../stacks/provider-versions";

/** The provider version a binding package was generated from, read from the package itself. */
function bindingVersion(provider: string): string {
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "node_modules", "@cdktf", `provider-${provider}`, "package.json"), "utf8")) as { cdktf: { provider: { version: string } } };
  return pkg.cdktf.provider.version;
}

describe("provider version ranges", () => {
  it("admits the bindings' version and later releases of the same major version, for every provider of a stack", async () => {
    const out = await synthYaml(`
clusters:
  - { name: a, region: us-east-1, agent: { install: helm, chart: { path: ${join(__dirname, "charts", "eks-pod-identity-agent")} } } }
tenants:
  - { name: web, namespace: web, serviceAccount: web }
  - { name: jobs, namespace: jobs, serviceAccount: jobs, stack: batch }
`);
    const range = (p: string) => `>= ${bindingVersion(p)}, < ${Number(bindingVersion(p).split(".")[0]) + 1}.0.0`;
    expect(parse(out.a!).terraform.required_providers).toEqual({
      aws: { source: "aws", version: range("aws") },
      kubernetes: { source: "kubernetes", version: range("kubernetes") },
      helm: { source: "helm", version: range("helm") },
    });
    expect(parse(out["a-batch"]!).terraform.required_providers).toEqual({
      aws: { source: "aws", version: range("aws") },
      kubernetes: { source: "kubernetes", version: range("kubernetes") },
    });
    expect(range("aws")).toBe(">= 6.25.0, < 7.0.0");
  });

  it("raises the lower bound to the release a used feature needs, and the upper bound with it", () => {
    expect(versionRange("6.25.0", "aws", [TARGET_ROLE_ARN])).toBe(">= 6.25.0, < 7.0.0");
    expect(versionRange("5.100.0", "aws", [TARGET_ROLE_ARN])).toBe(">= 6.2.0, < 7.0.0");
    expect(versionRange("5.100.0", "kubernetes", [TARGET_ROLE_ARN])).toBe(">= 5.100.0, < 6.0.0");
    expect(versionRange("6.25.0", "aws", [{ provider: "aws", feature: "x", since: "6.100.1" }])).toBe(">= 6.100.1, < 7.0.0");
  });

  it("raises the AWS range to 6.57.1, the first release with the association's policy, only in the stacks with a session policy", async () => {
    expect(SESSION_POLICY).toEqual({ provider: "aws", feature: "aws_eks_pod_identity_association.policy", since: "6.57.1" });
    const out = await synthYaml(`
clusters:
  - { name: a, region: us-east-1, accountId: "111122223333" }
tenants:
  - { name: web, namespace: web, serviceAccount: web }
  - name: jobs
    namespace: jobs
    serviceAccount: jobs
    stack: batch
    disableSessionTags: true
    trust: { scopeToServiceAccount: false }
    grants: [{ sqs: { queue: jobs, access: consume } }]
    sessionPolicy: { grants: [{ sqs: { queue: jobs, access: consume } }] }
`);
    expect(parse(out["a-batch"]!).terraform.required_providers.aws.version).toBe(">= 6.57.1, < 7.0.0");
    expect(parse(out.a!).terraform.required_providers.aws.version).toBe(">= 6.25.0, < 7.0.0");
  });
});
